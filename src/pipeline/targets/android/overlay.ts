import { CHROME_ANDROID_PACKAGE, readUrlList, writeUrlList } from '../../../common/chrome/url-lists.js';
import { isObject } from '../../../common/json/object.js';
import type { AndroidPlan } from '../../../plan/types.js';

/**
 * What the Android targets share: the blocked apps as AMAPI entries, laid onto a base policy's
 * lists, and which Policy fields the compiler owns. Not a target itself; docs/android.md
 * explains each rule.
 */

export type Entry = Record<string, unknown>;

/** ApplicationPolicy / PersonalApplicationPolicy: "The app is blocked and can't be installed." */
export function blockedEntry(packageName: string): Entry {
  return { packageName, installType: 'BLOCKED' };
}

/**
 * The base's entries in their order, and the other blocked apps appended in package order, where
 * modifyPolicyApplications would put them. A base entry for a blocked app is already BLOCKED (any
 * other installType is an ANDROID_BASE_CONFLICT) and stays exactly as the base has it, with its
 * other fields (disabled, autoUpdateMode, managedConfiguration...).
 */
export function overlayEntries(baseList: unknown, blocked: readonly string[]): Entry[] {
  const ours = new Set(blocked);
  const base = Array.isArray(baseList) ? (baseList as Entry[]) : [];
  const present = new Set<unknown>(base.map((e) => e['packageName']));
  return [
    ...base.map((e) => (typeof e['packageName'] === 'string' && ours.has(e['packageName']) && e['installType'] !== 'BLOCKED' ? { ...e, installType: 'BLOCKED' } : e)),
    ...blocked.filter((p) => !present.has(p)).map(blockedEntry),
  ];
}

export function blockedPackages(android: AndroidPlan): string[] {
  return android.blocked.map((b) => b.identifier);
}

export function workApplications(android: AndroidPlan): Entry[] {
  const entries = overlayEntries(android.base?.policy['applications'], blockedPackages(android));
  if (!android.webDomains) return entries;
  const chrome = chromeEntry(android)!;
  const at = entries.findIndex((e) => e['packageName'] === CHROME_ANDROID_PACKAGE);
  return at < 0 ? [...entries, chrome] : entries.map((e, i) => (i === at ? chrome : e));
}

/**
 * Chrome's entry with the blocked domains in its managed configuration's URLBlocklist: the base's
 * entry (installType and every other field kept) with its configuration's other keys kept and the
 * domains appended to its URLBlocklist in the form the base wrote it, or a new entry that only
 * configures Chrome (no installType: AVAILABLE, what BLACKLIST mode gives it anyway). Undefined
 * when the fleet blocks no domain. Resolve refused a list it cannot read (ANDROID_BASE_CHROME_CONFIG).
 */
export function chromeEntry(android: AndroidPlan): Entry | undefined {
  if (!android.webDomains) return undefined;
  const list = android.base?.policy['applications'];
  const base = (Array.isArray(list) ? (list as Entry[]) : []).find((e) => e !== null && typeof e === 'object' && e['packageName'] === CHROME_ANDROID_PACKAGE);
  const config = base && isObject(base['managedConfiguration']) ? base['managedConfiguration'] : {};
  const existing = readUrlList(config['URLBlocklist']) ?? { form: 'json' as const, entries: [] };
  const present = new Set(existing.entries);
  const merged = { ...existing, entries: [...existing.entries, ...android.webDomains.filter((d) => !present.has(d))] };
  return { ...(base ?? { packageName: CHROME_ANDROID_PACKAGE }), managedConfiguration: { ...config, URLBlocklist: writeUrlList(merged) } };
}

export function personalApplications(android: AndroidPlan): Entry[] {
  const personal = android.base?.policy['personalUsagePolicies'] as { personalApplications?: unknown } | undefined;
  return overlayEntries(personal?.personalApplications, blockedPackages(android));
}

/**
 * In the whole policy (policy.json), the compiler sets playStoreMode to BLACKLIST unless the base
 * is an allowlist (WHITELIST, or unset, which means WHITELIST): switching that would make every
 * unlisted app available. The patch body for a shared policy owns it only over a known base.
 */
export function ownsPlayStoreMode(android: AndroidPlan): boolean {
  return !android.base || android.base.playStoreMode === 'BLACKLIST';
}

/** Company-owned devices only: the personal profile exists and the policy may reach it. */
export function blocksPersonalProfile(android: AndroidPlan): boolean {
  return android.scope === 'work-and-personal-profiles';
}

/** Likewise BLOCKLIST on the personal side, unless the base keeps it an ALLOWLIST. */
export function ownsPersonalPlayStoreMode(android: AndroidPlan): boolean {
  return blocksPersonalProfile(android) && (!android.base || android.base.personalPlayStoreMode === 'BLOCKLIST');
}

/**
 * The personalUsagePolicies the blocklist needs: the base's, with the owned fields set. Other
 * fields of the base's personalUsagePolicies are left as they are.
 */
export function personalUsagePolicies(android: AndroidPlan): Entry {
  const base = (android.base?.policy['personalUsagePolicies'] as Entry | undefined) ?? {};
  return {
    ...base,
    ...(ownsPersonalPlayStoreMode(android) && { personalPlayStoreMode: 'BLOCKLIST' }),
    personalApplications: personalApplications(android),
  };
}
