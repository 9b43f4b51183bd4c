import { createHash } from 'node:crypto';
import type { Plan } from '../../plan/types.js';
import type { Artifact } from '../targets/artifact.js';
import { mdmCommand } from '../targets/apple/mdm-command.js';
import type { SigningIdentity } from './signing-identity.js';

/**
 * What wraps the targets' configuration profiles for delivery: with a signing identity, a signed
 * copy of each (`<fleet>/<platform>/signed/<name>.mobileconfig`, the unsigned one stays: Fleet
 * signs for itself, Jamf wants it signed); and for each an InstallProfile command whose Payload is
 * the profile's bytes, the signed ones when there are
 * (`<fleet>/<platform>/commands/install-<name>.plist`, mdm/commands/profile.install.yaml).
 */
export async function envelope(plan: Plan, artifacts: readonly Artifact[], identity: SigningIdentity | undefined): Promise<Artifact[]> {
  const out: Artifact[] = [];
  // pkijs and asn1js are large: loaded only when something is signed (issue #8, fast start).
  const { signedData } = identity ? await import('./cms-signed-data.js') : { signedData: undefined };
  for (const profile of artifacts.filter((a) => a.kind === 'apple-profile')) {
    const { fleet, platform } = profile;
    if (fleet === undefined || (platform !== 'ios' && platform !== 'macos')) continue;
    const dir = profile.path.slice(0, profile.path.lastIndexOf('/'));
    const name = profile.path.slice(dir.length + 1).replace(/\.mobileconfig$/, '');
    let payload = profile.bytes;
    if (identity && signedData) {
      payload = await signedData(profile.bytes, identity);
      out.push({ path: `${dir}/signed/${name}.mobileconfig`, bytes: payload, kind: 'apple-profile-signed', fleet, platform, data: profile.data });
    }
    out.push(
      mdmCommand({
        policy: plan.policy.id,
        fleet,
        platform,
        requestType: 'InstallProfile',
        content: createHash('sha256').update(payload).digest('hex'),
        ...(plan.options.commandUuidSalt !== undefined && { salt: plan.options.commandUuidSalt }),
        request: { Payload: Buffer.from(payload) },
        path: `${dir}/commands/install-${name}.plist`,
      }),
    );
  }
  return out;
}
