import { mdmCommand } from '../../pipeline/targets/apple/mdm-command.js';
import type { Artifact } from '../../pipeline/targets/artifact.js';
import type { Plan } from '../../plan/types.js';
import type { Finding } from './audit.js';

/** A hardware UUID, as osquery reports it with --host_identifier=uuid: the Mac's MDM UDID too. */
const HARDWARE_UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i;

export interface RemoveCommands {
  artifacts: Artifact[];
  /** Apple findings no command is written for, and why. */
  skipped: { finding: Finding; why: 'allowed' | 'not-enforced' | 'no-fleet' | 'not-an-enrollment-id' }[];
}

/**
 * A RemoveApplication command plist per Apple device and flagged app (mdm/commands/application.remove.yaml:
 * Identifier is the bundle ID), in a folder named by the device's enrollment id, as NanoMDM's
 * /v1/enqueue/<enrollment-id> takes them. The CommandUUID is UUIDv5 of the device and the app, so
 * re-running the audit writes the same bytes (and the plan's commandUuidSalt makes new ones).
 */
export function removeCommands(plan: Plan, findings: readonly Finding[]): RemoveCommands {
  const artifacts: Artifact[] = [];
  const skipped: RemoveCommands['skipped'] = [];
  const written = new Set<string>();
  for (const f of findings) {
    if (f.platform === 'android') continue;
    const why = f.status === 'allowed' ? 'allowed' : f.status === 'not-enforced' ? 'not-enforced' : f.fleet === null ? 'no-fleet' : f.format === 'osquery' && !HARDWARE_UUID.test(f.device) ? 'not-an-enrollment-id' : undefined;
    if (why) {
      skipped.push({ finding: f, why });
      continue;
    }
    const path = `${folderName(f.device)}/remove-${f.identifier}.plist`;
    if (written.has(path)) continue;
    written.add(path);
    artifacts.push(
      mdmCommand({
        policy: plan.policy.id,
        fleet: f.fleet!,
        platform: f.platform,
        requestType: 'RemoveApplication',
        content: `${f.device}\n${f.identifier}`,
        ...(plan.options.commandUuidSalt !== undefined && { salt: plan.options.commandUuidSalt }),
        request: { Identifier: f.identifier },
        path,
      }),
    );
  }
  return { artifacts: artifacts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), skipped };
}

/** UDIDs and EnrollmentIDs are letters, digits and hyphens; anything else is replaced, never a path step. */
function folderName(device: string): string {
  const safe = device.replace(/[^A-Za-z0-9._-]/g, '_');
  return /^\.+$/.test(safe) ? safe.replace(/\./g, '_') : safe;
}
