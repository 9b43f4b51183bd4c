import { createHash } from 'node:crypto';
import type { FleetPlan, MacosPlan, Plan } from '../../../plan/types.js';
import type { Artifact } from '../artifact.js';
import { canonicalJson, jsonBytes } from '../encode.js';
import { stableUuid } from '../ids.js';
import type { Target } from '../target.js';
import { sortedKeys } from './configuration-profile.js';

/** declarationbase.yaml: Identifier and ServerToken "should not exceed 64 octets". */
const MAX_OCTETS = 64;
/** 128 bits of the content's sha256, as hex: changes exactly when the declaration does. */
const TOKEN_HEX_CHARS = 32;

type Declaration = { Type: string; Identifier: string; ServerToken: string; Payload: Record<string, unknown> };

/**
 * iOS and macOS 27+: the DDM configuration com.apple.configuration.app.settings
 * (newer-from-index/61449b07…/app.settings.yaml, supervised enrollments only) and the
 * com.apple.activation.simple declaration that activates it, as JSON a KMFDDM-style server stores
 * as it is. iOS denies bundle IDs (Allowed.DeniedApps); macOS denies binaries by Team ID (a whole
 * publisher) and by signing ID (Allowed.DeniedBinaries; DeniedApps is n/a on macOS).
 */
export const ddmAppSettings: Target = {
  id: 'ddm-app-settings',
  build(plan) {
    return plan.fleets.flatMap((fleet) => [
      ...(fleet.ios?.enforcement.declarations ? declarations(plan, fleet, 'ios', { DeniedApps: fleet.ios.blocked.map((b) => b.identifier) }) : []),
      ...(fleet.macos?.enforcement.declarations ? declarations(plan, fleet, 'macos', { DeniedBinaries: deniedBinaries(fleet.macos) }) : []),
    ]);
  },
};

/**
 * Team ID entries block each blocked publisher; apps no such entry covers are matched by their
 * signing ID (taken to be the bundle ID, codesign's default), with their Team ID when it is known
 * ("a binary only matches when all the binary identifiers match"). A team that also signs an app
 * an exception allows gets no Team ID entry: nothing in app.settings lets an allow beat a deny
 * (DeniedBinaries and AllowedBinaries combine as set-union; AllowedBinaries is an allowlist), so
 * its blocked apps are denied one by one (ddmAppRules) and resolve warns that its others run.
 */
function deniedBinaries(macos: MacosPlan): Record<string, string>[] {
  const teams = macos.teams.filter((t) => t.allows.length === 0).map((t) => ({ TeamID: t.teamId }));
  const apps = macos.ddmAppRules.map((b) => sortedKeys({ SigningID: b.identifier, ...(b.teamId !== undefined && { TeamID: b.teamId }) }));
  return [...teams, ...apps];
}

function declarations(plan: Plan, fleet: FleetPlan, platform: 'ios' | 'macos', allowed: Record<string, unknown>): Artifact[] {
  const base = `${plan.policy.id}.${fleet.id}.${platform}`;
  const config = declaration('com.apple.configuration.app.settings', identifier(`${base}.app-settings`), { Allowed: allowed });
  const activation = declaration('com.apple.activation.simple', identifier(`${base}.activation`), { StandardConfigurations: [config.Identifier] });
  const artifact = (name: string, d: Declaration): Artifact => ({
    path: `${fleet.id}/${platform}/ddm/${name}.json`,
    bytes: jsonBytes(d),
    kind: 'apple-declaration',
    fleet: fleet.id,
    platform,
    data: d,
  });
  return [artifact('activation', activation), artifact('app-settings', config)];
}

/** Readable reverse-DNS while it fits in 64 octets; a UUID derived from it otherwise. */
function identifier(name: string): string {
  return Buffer.byteLength(name, 'utf8') <= MAX_OCTETS ? name : stableUuid(name);
}

function declaration(type: string, id: string, payload: Record<string, unknown>): Declaration {
  const token = createHash('sha256').update(canonicalJson({ Type: type, Identifier: id, Payload: payload })).digest('hex').slice(0, TOKEN_HEX_CHARS);
  return { Type: type, Identifier: id, ServerToken: token, Payload: payload };
}
