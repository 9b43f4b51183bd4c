import type { DiagnosticBag } from '../../common/diagnostics/diagnostic.js';
import { allowEntryReaches, CHROME_ANDROID_PACKAGE, readUrlList, type UrlList } from '../../common/chrome/url-lists.js';
import { isObject, objectOr } from '../../common/json/object.js';
import type { BlockedDomain } from '../../plan/types.js';
import type { JsonSource } from '../load/json-source.js';
import { fieldPath } from '../validate/base-policy.js';

export interface ChromeBaseInput {
  fleet: string;
  domains: readonly BlockedDomain[];
  source: JsonSource;
}


/**
 * The base policy's Chrome entry, which the blocked domains are added to (never replaced): its
 * URLBlocklist and URLAllowlist must be lists the compiler can read, and no URLAllowlist entry may
 * reopen a blocked domain, because Chrome lets the allowlist win ("URLAllowlist takes precedence
 * over URLBlocklist", https://chromium.org/administrators/url-blocklist-filter-format).
 */
export function checkChromeBase({ fleet, domains, source }: ChromeBaseInput, bag: DiagnosticBag): void {
  const applications = objectOr(source.data)['applications'];
  checkChromeAdded(fleet, source, applications, bag);
  (Array.isArray(applications) ? applications : []).forEach((entry: unknown, i) => {
    if (!isObject(entry) || entry['packageName'] !== CHROME_ANDROID_PACKAGE) return;
    const config = entry['managedConfiguration'];
    if (!isObject(config)) return;
    for (const key of ['URLBlocklist', 'URLAllowlist'] as const) {
      if (!(key in config)) continue;
      const path = ['applications', i, 'managedConfiguration', key];
      const list = readUrlList(config[key]);
      if (!list) {
        bag.add('ANDROID_BASE_CHROME_CONFIG', `the base policy of fleet "${fleet}" gives Chrome's ${key} at ${fieldPath(path)} as something other than a list of strings or its JSON text, so the blocked domains cannot be merged with it`, source.positionOf(path));
        continue;
      }
      if (key === 'URLAllowlist') checkAllowlist(fleet, domains, list, path, source, bag);
    }
  });
}

/**
 * A base that is an allowlist (playStoreMode WHITELIST, or unset) and has no Chrome entry: the
 * entry that carries the domains also makes Chrome available to install there ("WHITELIST: Only
 * apps that are in the policy are available", discovery document). Said, not refused: Chrome is
 * the browser that enforces the domains.
 */
function checkChromeAdded(fleet: string, source: JsonSource, applications: unknown, bag: DiagnosticBag): void {
  const policy = objectOr(source.data);
  if (policy['playStoreMode'] === 'BLACKLIST') return;
  if ((Array.isArray(applications) ? applications : []).some((e: unknown) => isObject(e) && e['packageName'] === CHROME_ANDROID_PACKAGE)) return;
  bag.add(
    'ANDROID_BASE_CHROME_ADDED',
    `the base policy of fleet "${fleet}" is an allowlist with no entry for Chrome (${CHROME_ANDROID_PACKAGE}); the entry that carries the blocked web domains also makes Chrome available to install; give Chrome an entry of your own in the base to decide how it is installed`,
    source.positionOf(policy['playStoreMode'] === undefined ? [] : ['playStoreMode']),
  );
}

function checkAllowlist(fleet: string, domains: readonly BlockedDomain[], list: UrlList, path: (string | number)[], source: JsonSource, bag: DiagnosticBag): void {
  list.entries.forEach((entry, j) => {
    const hit = domains.find((d) => allowEntryReaches(entry, d.domain));
    if (!hit) return;
    // A JSON-text list is one string: its position is the list's.
    const at = list.form === 'array' ? [...path, j] : path;
    bag.add(
      'ANDROID_BASE_CHROME_ALLOWLIST',
      `the base policy of fleet "${fleet}" allows "${entry}" in Chrome's URLAllowlist at ${fieldPath(at)}, which reopens the blocked domain "${hit.domain}" (${hit.owner.name}); Chrome lets the allowlist win: remove the entry, or allow ${hit.owner.kind} "${hit.owner.id}" in fleet "${fleet}" with an exception`,
      source.positionOf(at),
    );
  });
}
