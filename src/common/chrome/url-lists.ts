/*
 * Chrome's URLBlocklist and URLAllowlist as an Android managed configuration carries them. Chrome
 * declares list policies to Android as string restrictions holding JSON (Chromium
 * components/policy/tools/template_writers/writers/doc_writer.py at 1a4f344c, _RESTRICTION_TYPE_MAP
 * 'list': 'string'), and decodes a JSON string, or takes a string array, for a list policy
 * (components/policy/core/browser/android/policy_converter.cc, ConvertValueToSchema;
 * components/policy/android/java/src/org/chromium/policy/PolicyConverter.java):
 * https://github.com/chromium/chromium/blob/5b83ed465231eb0bb65d444348d89cb5a66501a0/components/policy/core/browser/android/policy_converter.cc
 */

/** Google Chrome's Android package (https://play.google.com/store/apps/details?id=com.android.chrome). */
export const CHROME_ANDROID_PACKAGE = 'com.android.chrome';

export type UrlList = { form: 'json' | 'array'; entries: string[] };

/** A list policy's value: a JSON text of strings, or an array of strings; undefined when it is neither. */
export function readUrlList(value: unknown): UrlList | undefined {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? { form: 'array', entries: value as string[] } : undefined;
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) && parsed.every((v) => typeof v === 'string') ? { form: 'json', entries: parsed as string[] } : undefined;
  } catch {
    return undefined;
  }
}

/** The list written back in the form it came in (JSON text when new). */
export function writeUrlList(list: UrlList): string | string[] {
  return list.form === 'array' ? list.entries : JSON.stringify(list.entries);
}

/**
 * The host of a URL filter entry ([scheme://][.]host[:port][/path][@query], Chrome's URL filter
 * format, https://chromium.org/administrators/url-blocklist-filter-format), lower case, with whether it is exact
 * (a leading dot: the host only, no subdomains). '*' is every host.
 */
export function entryHost(entry: string): { host: string; exact: boolean } {
  let rest = entry.trim().toLowerCase();
  const scheme = rest.indexOf('://');
  if (scheme >= 0) rest = rest.slice(scheme + 3);
  const end = rest.search(/[/:@?]/);
  if (end >= 0) rest = rest.slice(0, end);
  return rest.startsWith('.') ? { host: rest.slice(1), exact: true } : { host: rest, exact: false };
}

/**
 * Whether an allowlist entry lets some page of `domain` through: it names every host, the domain,
 * a parent of it (without the exact-host dot), or a host under it. Chrome applies the most specific
 * filter and the allowlist wins ties, so any of these reopens part of the blocked domain.
 */
export function allowEntryReaches(entry: string, domain: string): boolean {
  const { host, exact } = entryHost(entry);
  if (host === '*' || host === domain) return true;
  if (!exact && domain.endsWith(`.${host}`)) return true;
  return host.endsWith(`.${domain}`);
}
