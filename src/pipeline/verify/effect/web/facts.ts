/*
 * Web-filtering facts the web models encode, each with its source, written apart from the
 * targets' constants so the model does not share a mistake with the code it checks.
 */
export const WEB_FACTS = {
  /**
   * mdm/profiles/com.apple.webcontent-filter.yaml: DenyListURLs iOS 14.5. Device classes are
   * majors and a 14.x device may be before 14.5, so the model counts DenyListURLs from 15.
   */
  denyListFromIos: 15,
  /** Same file: BlacklistedURLs (deprecated 14.5, not removed) with the payload's FilterType, iOS 8.0. */
  blacklistedFromIos: 8,
  /**
   * Same file, payload content: the filter "could only be installed on supervised devices" before
   * iOS 16, and after only with ContentFilterUUID, a plug-in filter's key: the built-in filter
   * needs supervision.
   */
  builtInNeedsSupervision: true,
  /** Google Chrome's Android package (https://play.google.com/store/apps/details?id=com.android.chrome). */
  chromeAndroid: 'com.android.chrome',
  /** The profile payload Chrome reads on macOS (Google's ChromeBrowserEnterprise example profile). */
  chromeMacPayload: 'com.google.Chrome',
} as const;

/**
 * Apple's built-in filter: an entry matches a URL whose root it is, character for character,
 * subdomains not discarded (Apple's Configuration Profile Reference, as
 * https://mosen.github.io/profiledocs/payloads/ios/webcontentfilter.html reproduces it). A
 * domain counts as denied when both its http:// and https:// front pages are.
 */
export function appleDenies(entries: readonly string[], domain: string): boolean {
  const lower = prepared(loweredLists, entries, (e) => e.toLowerCase());
  const denied = (url: string) => {
    const u = url.toLowerCase();
    return entries.some((e, i) => e.length > 0 && u.startsWith(lower[i]!) && boundary(url, e.length));
  };
  return denied(`http://${domain}/`) && denied(`https://${domain}/`);
}

// The effect check asks about every domain on every device class with the same lists: each list's
// entries are prepared once (lowercased, or read as Chrome filters), kept by the list itself.
const loweredLists = new WeakMap<readonly string[], readonly string[]>();
const chromeFilterLists = new WeakMap<readonly string[], readonly ChromeFilter[]>();

function prepared<T>(cache: WeakMap<readonly string[], readonly T[]>, list: readonly string[], prepare: (entry: string) => T): readonly T[] {
  let out = cache.get(list);
  if (!out) cache.set(list, (out = list.map(prepare)));
  return out;
}

/** A root match ends where the URL's host or path segment does (pan.baidu.com is no root of pan.baidu.com.evil). */
function boundary(url: string, at: number): boolean {
  const next = url[at];
  return next === undefined || next === '/' || next === ':' || next === '?' || url[at - 1] === '/';
}

/**
 * Chrome's URL filter (https://chromium.org/administrators/url-blocklist-filter-format), for the
 * front page of a host: the filters with the longest matching host win (a leading '.' matches the
 * host only, '*' every host, last), and on a tie the allowlist wins. Scheme, port and path filters
 * are left out: the compiler writes bare hosts, and a base's path filter only narrows.
 */
export function chromeBlocks(blocklist: readonly string[], allowlist: readonly string[], domain: string): boolean {
  // A loop, not Math.max(...list): a spread of a long list overflows the call stack.
  const best = (list: readonly string[]) => prepared(chromeFilterLists, list, chromeFilter).reduce((m, f) => Math.max(m, hostMatch(f, domain)), -1);
  const block = best(blocklist);
  return block >= 0 && block > best(allowlist);
}

/** A filter entry's host part: '*', a host (`exact` with a leading '.'), or none when a path or query narrows it. */
type ChromeFilter = { star: true } | { star: false; exact: boolean; host: string } | undefined;

function chromeFilter(entry: string): ChromeFilter {
  let rest = entry.trim().toLowerCase();
  const scheme = rest.indexOf('://');
  if (scheme >= 0) rest = rest.slice(scheme + 3);
  const cut = rest.search(/[/:@?]/);
  if (cut >= 0) {
    // A path or query narrows the filter to part of the site: it does not decide the front page.
    if (rest[cut] !== ':' && rest.slice(cut).replace(/^\/+$/, '') !== '') return undefined;
    rest = rest.slice(0, cut);
  }
  if (rest === '*') return { star: true };
  const exact = rest.startsWith('.');
  return { star: false, exact, host: exact ? rest.slice(1) : rest };
}

/** How specific a filter's host match is (its length; 0 for '*'), or -1 when it does not match. */
function hostMatch(filter: ChromeFilter, domain: string): number {
  if (!filter) return -1;
  if (filter.star) return 0;
  const { exact, host } = filter;
  if (host === domain) return host.length;
  return !exact && domain.endsWith(`.${host}`) ? host.length : -1;
}

/**
 * The strings of a payload's list value (anything else ignored), the same array for the same
 * value, so that its entries are prepared once (above).
 */
export function stringList(value: unknown): readonly string[] {
  if (!Array.isArray(value)) return NO_STRINGS;
  let list = stringLists.get(value);
  if (!list) stringLists.set(value, (list = value.filter((v): v is string => typeof v === 'string')));
  return list;
}

const NO_STRINGS: readonly string[] = [];
const stringLists = new WeakMap<readonly unknown[], readonly string[]>();

/** A Chrome list policy's entries: a string array, or JSON text of one (Android managed configuration). */
export function chromeList(value: unknown): string[] {
  if (typeof value === 'string') {
    try {
      return chromeList(JSON.parse(value));
    } catch {
      return [];
    }
  }
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
