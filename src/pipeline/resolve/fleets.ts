import { dirname, resolve } from 'node:path';
import type { DiagnosticBag } from '../../common/diagnostics/diagnostic.js';
import type { SourceFile } from '../load/source-file.js';
import type { FleetDoc, PolicyDoc } from '../../plan/document.js';
import type { AndroidSettings, IosSettings, MacosSettings } from '../../plan/types.js';

export interface FleetSettings {
  id: string;
  description?: string;
  implicit: boolean;
  ios?: IosSettings;
  macos?: MacosSettings;
  android?: AndroidSettings;
  /** Write Microsoft Graph request bodies for Intune (docs/intune.md). */
  intune?: true;
}

/** The defaults a fleet gets for what it leaves out; README "Fleets" documents them. */
export const DEFAULTS = {
  iosMinVersion: '15.0',
  macosMinVersion: '14.0',
};

/** Fleets sorted by id; a policy without fleets gets `default` (supervised iOS, fully managed Android). */
export function normalizeFleets(policy: PolicyDoc, root: SourceFile, bag: DiagnosticBag): FleetSettings[] {
  const declared = policy.fleets;
  if (!declared || Object.keys(declared).length === 0) {
    return [settings('default', { ios: {}, android: { mode: 'fully-managed' } }, root, true)];
  }
  const fleets: FleetSettings[] = [];
  for (const id of Object.keys(declared).sort()) {
    const doc = declared[id]!;
    if (!doc.ios && !doc.macos && !doc.android) {
      bag.add('FLEET_NO_PLATFORM', `fleet "${id}" has no platform: give it ios, macos or android settings`, root.keyPositionOf(['fleets'], id));
      continue;
    }
    fleets.push(settings(id, doc, root, false));
  }
  return fleets;
}

function settings(id: string, doc: FleetDoc, root: SourceFile, implicit: boolean): FleetSettings {
  const fleet: FleetSettings = { id, implicit };
  if (doc.description !== undefined) fleet.description = doc.description;
  if (doc.intune === true) fleet.intune = true;
  if (doc.ios) {
    fleet.ios = {
      supervised: doc.ios.supervised ?? true,
      minVersion: normalizeVersion(doc.ios.minVersion ?? DEFAULTS.iosMinVersion),
      ...(doc.ios.maxVersion !== undefined && { maxVersion: normalizeVersion(doc.ios.maxVersion) }),
      legacyKeys: doc.ios.legacyKeys ?? false,
      removeApps: doc.ios.removeApps ?? true,
      ...(doc.ios.profile && { profile: doc.ios.profile }),
    };
  }
  if (doc.macos) {
    const santa = doc.macos.santa;
    fleet.macos = {
      supervised: doc.macos.supervised ?? true,
      minVersion: normalizeVersion(doc.macos.minVersion ?? DEFAULTS.macosMinVersion),
      ...(doc.macos.maxVersion !== undefined && { maxVersion: normalizeVersion(doc.macos.maxVersion) }),
      chrome: doc.macos.chrome === true,
      santa: santa === true ? { payloadType: 'com.northpolesec.santa' } : santa ? { payloadType: santa.payloadType ?? 'com.northpolesec.santa' } : false,
      removeApps: doc.macos.removeApps ?? true,
      ...(doc.macos.profile && { profile: doc.macos.profile }),
    };
  }
  if (doc.android) {
    fleet.android = {
      mode: doc.android.mode,
      ...(doc.android.basePolicy !== undefined && { basePolicy: resolve(dirname(root.absPath), doc.android.basePolicy) }),
      ...(doc.android.policyName !== undefined && { policyName: doc.android.policyName }),
    };
  }
  return fleet;
}

/** "17" → "17.0", so versions compare and print alike. */
export function normalizeVersion(v: string): string {
  return v.includes('.') ? v : `${v}.0`;
}

/** Compares "major.minor[.patch]" versions numerically. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
