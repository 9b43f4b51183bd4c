import type { AndroidMode } from '../../../../plan/types.js';
import { INSTALLED_OR_OFFERED } from './facts.js';
import { isObject, objectOr } from '../../../../common/json/object.js';
import { arrayOf, type Json } from './read.js';

/*
 * What a device does to one package under a Policy (facts.ts quotes each rule): on the work side
 * (the whole device when fully managed), `applications` and `playStoreMode`; on the personal
 * profile of a company-owned device, `personalUsagePolicies`. A personally owned device's personal
 * profile is out of the policy's reach.
 */

export type Side = 'device' | 'work' | 'personal';

export interface Availability {
  /** Not installable: by a BLOCKED entry, an allowlist that does not list it, or installAppsDisabled. */
  blocked: boolean;
  /** Uninstalled where present; `managedOnly` when only an install by an earlier policy is. */
  removed: false | 'all' | 'managed';
  /** Listed as installed or offered. */
  offered: boolean;
}

const NOTHING: Availability = { blocked: false, removed: false, offered: false };

export function sidesOf(mode: AndroidMode): Side[] {
  return mode === 'fully-managed' ? ['device'] : mode === 'company-owned-work-profile' ? ['work', 'personal'] : ['work'];
}

/**
 * `preinstalled`: the app is a system app of the factory image (preinstalled.ts). The policy can
 * keep it from being installed but cannot uninstall it, so no removal is claimed for it.
 */
export function availability(policy: Json, side: Side, packageName: string, preinstalled = false): Availability {
  const a = side === 'personal' ? personal(policy, packageName) : workSide(policy, packageName);
  return preinstalled && a.removed ? { ...a, removed: false } : a;
}

const indexes = new WeakMap<object, Map<unknown, Json>>();

/** The list's entry for the package (the first, as AMAPI refuses a second), through an index built once per list. */
function entryFor(list: unknown, packageName: string): Json | undefined {
  if (!Array.isArray(list)) return undefined;
  let index = indexes.get(list);
  if (!index) {
    index = new Map();
    for (const e of arrayOf(list)) if (isObject(e) && !index.has(e['packageName'])) index.set(e['packageName'], e);
    indexes.set(list, index);
  }
  return index.get(packageName);
}

function workSide(policy: Json, packageName: string): Availability {
  const entry = entryFor(policy['applications'], packageName);
  const installType = entry ? (entry['installType'] ?? 'INSTALL_TYPE_UNSPECIFIED') : undefined;
  // Availability cannot be changed by the policy, and users cannot install: nothing comes or goes.
  if (policy['installAppsDisabled'] === true) return { blocked: true, removed: false, offered: false };
  if (installType === 'BLOCKED') return { blocked: true, removed: 'managed', offered: false };
  if (typeof installType === 'string' && INSTALLED_OR_OFFERED.has(installType)) return { ...NOTHING, offered: true };
  // BLACKLIST is the only mode that makes unlisted apps available; unset means WHITELIST.
  if (policy['playStoreMode'] !== 'BLACKLIST') return { blocked: true, removed: 'all', offered: false };
  return NOTHING;
}

function personal(policy: Json, packageName: string): Availability {
  const usage = objectOr(policy['personalUsagePolicies']);
  const entry = entryFor(usage['personalApplications'], packageName);
  const installType = entry ? (entry['installType'] ?? 'INSTALL_TYPE_UNSPECIFIED') : undefined;
  if (installType === 'BLOCKED') return { blocked: true, removed: 'all', offered: false };
  if (usage['personalPlayStoreMode'] === 'ALLOWLIST') return installType === 'AVAILABLE' ? { ...NOTHING, offered: true } : { blocked: true, removed: false, offered: false };
  return installType === undefined ? NOTHING : { ...NOTHING, offered: true };
}

export function sameAvailability(a: Availability, b: Availability): boolean {
  return a.blocked === b.blocked && a.removed === b.removed && a.offered === b.offered;
}
