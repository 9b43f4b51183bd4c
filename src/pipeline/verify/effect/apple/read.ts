import { readPlistXml } from './plist-xml.js';
import { objectOr } from '../../../../common/json/object.js';
import type { ArtifactBytes } from '../types.js';
import { intuneProfile } from './intune.js';

/*
 * Apple artifacts as a device receives them, parsed back from their bytes: configuration profiles
 * (XML plist), DDM declarations (JSON) and MDM commands (XML plist). Signed copies hold the same
 * profile in CMS and InstallProfile commands carry one of the profiles as their payload, so the
 * unsigned .mobileconfig stands for what is installed. Intune's Graph bodies (<fleet>/intune/*.json)
 * install the profile they describe (intune.ts).
 */

export interface ProfilePayload {
  type: string;
  keys: Record<string, unknown>;
}

export interface InstalledProfile {
  path: string;
  /** The profile's PayloadScope (macOS), when it sets one. */
  scope?: string;
  payloads: ProfilePayload[];
}

/** A macOS profile installed for a user (PayloadScope other than System): its system-wide payloads do not apply. */
export function userScoped(profile: InstalledProfile): boolean {
  return profile.scope !== undefined && profile.scope.toLowerCase() !== 'system';
}

export interface Declaration {
  path: string;
  type: string;
  identifier: string;
  payload: Record<string, unknown>;
}

export interface AppleReading {
  profiles: InstalledProfile[];
  /** Configurations an activation in the set activates; the others do nothing. */
  activeConfigurations: Declaration[];
  /** RemoveApplication commands by the bundle ID they name. */
  removals: Map<string, string>;
  /** The same, indexed once so a fleet of thousands of apps is modelled in linear time. */
  index: AppleIndex;
}

export interface AppleIndex {
  /** com.apple.applicationaccess lists, by key. */
  bundleLists: { key: string; ids: Set<string>; path: string }[];
  /** Active app.settings DeniedApps (iOS). */
  deniedApps: { ids: Set<string>; path: string }[];
  /** Active app.settings DeniedBinaries (macOS): entries with only a TeamID, with SigningID and TeamID, with only a SigningID. */
  deniedBinaries: { teams: Set<string>; signed: Set<string>; signingOnly: Set<string>; path: string }[];
  /** Santa StaticRules by payload type, then by "RULE_TYPE|identifier"; the first rule of a key counts. Profiles scoped to a user are left out. */
  santa: Map<string, Map<string, { policy: string; path: string }>>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function readApple(artifacts: readonly ArtifactBytes[]): AppleReading {
  const profiles: InstalledProfile[] = [];
  const declarations: Declaration[] = [];
  const removals = new Map<string, string>();
  for (const { path, bytes } of artifacts) {
    if (path.includes('/signed/')) continue;
    if (path.endsWith('.json')) {
      const d = objectOr(JSON.parse(utf8.decode(bytes)));
      const intune = intuneProfile(path, d);
      if (intune) {
        profiles.push(intune);
        continue;
      }
      if (typeof d.Type === 'string' && typeof d.Identifier === 'string') declarations.push({ path, type: d.Type, identifier: d.Identifier, payload: objectOr(d.Payload) });
      continue;
    }
    if (!path.endsWith('.plist') && !path.endsWith('.mobileconfig')) continue;
    const top = objectOr(readPlistXml(utf8.decode(bytes)));
    if (top.PayloadType === 'Configuration') {
      const payloads = (Array.isArray(top.PayloadContent) ? top.PayloadContent : []).map(objectOr).map((p) => ({ type: String(p.PayloadType), keys: p }));
      profiles.push({ path, ...(typeof top.PayloadScope === 'string' && { scope: top.PayloadScope }), payloads });
      continue;
    }
    const command = objectOr(top.Command);
    if (command.RequestType === 'RemoveApplication' && typeof command.Identifier === 'string') removals.set(command.Identifier, path);
  }
  const activeConfigurations = activated(declarations);
  return { profiles, activeConfigurations, removals, index: indexApple(profiles, activeConfigurations) };
}

function indexApple(profiles: readonly InstalledProfile[], active: readonly Declaration[]): AppleIndex {
  const bundleLists: AppleIndex['bundleLists'] = [];
  const santa: AppleIndex['santa'] = new Map();
  for (const profile of profiles) {
    for (const p of profile.payloads) {
      if (p.type === 'com.apple.applicationaccess') {
        for (const key of ['blockedAppBundleIDs', 'blacklistedAppBundleIDs']) bundleLists.push({ key, ids: new Set(strings(p.keys[key])), path: profile.path });
        continue;
      }
      if (userScoped(profile)) continue;
      const rules = santa.get(p.type) ?? santa.set(p.type, new Map()).get(p.type)!;
      for (const r of Array.isArray(p.keys.StaticRules) ? p.keys.StaticRules.map(objectOr) : []) {
        const type = field(r, 'rule_type')?.toUpperCase();
        const identifier = field(r, 'identifier');
        const key = `${type}|${identifier}`;
        if (type !== undefined && identifier !== undefined && !rules.has(key)) rules.set(key, { policy: field(r, 'policy')?.toUpperCase() ?? '', path: profile.path });
      }
    }
  }
  const deniedApps: AppleIndex['deniedApps'] = [];
  const deniedBinaries: AppleIndex['deniedBinaries'] = [];
  for (const d of active.filter((d) => d.type === 'com.apple.configuration.app.settings')) {
    const allowed = objectOr(d.payload.Allowed);
    deniedApps.push({ ids: new Set(strings(allowed.DeniedApps)), path: d.path });
    const entry = { teams: new Set<string>(), signed: new Set<string>(), signingOnly: new Set<string>(), path: d.path };
    for (const e of Array.isArray(allowed.DeniedBinaries) ? allowed.DeniedBinaries.map(objectOr) : []) {
      // An entry with a CDHash (or a path or signing state) matches less than its IDs: never a whole app here.
      if (e.CDHash !== undefined || e.PathPrefix !== undefined || e.SigningState !== undefined) continue;
      const team = typeof e.TeamID === 'string' ? e.TeamID : undefined;
      const signing = typeof e.SigningID === 'string' ? e.SigningID : undefined;
      if (team !== undefined && signing !== undefined) entry.signed.add(`${signing}|${team}`);
      else if (team !== undefined) entry.teams.add(team);
      else if (signing !== undefined) entry.signingOnly.add(signing);
    }
    deniedBinaries.push(entry);
  }
  return { bundleLists, deniedApps, deniedBinaries, santa };
}

/** A Santa rule's field: keys are case-insensitive. */
function field(r: Record<string, unknown>, key: string): string | undefined {
  const hit = Object.entries(r).find(([k]) => k.toLowerCase() === key);
  return typeof hit?.[1] === 'string' ? hit[1] : undefined;
}

/** DDM applies a configuration only when an activation names it (declarative/declarations/activations/simple.yaml). */
function activated(declarations: readonly Declaration[]): Declaration[] {
  const named = new Set(
    declarations
      .filter((d) => d.type === 'com.apple.activation.simple')
      .flatMap((d) => (Array.isArray(d.payload.StandardConfigurations) ? d.payload.StandardConfigurations : []))
      .filter((id): id is string => typeof id === 'string'),
  );
  return declarations.filter((d) => d.type.startsWith('com.apple.configuration.') && named.has(d.identifier));
}

/** The strings of an array value, ignoring anything else. */
export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
