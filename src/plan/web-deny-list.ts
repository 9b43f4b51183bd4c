/**
 * The iOS built-in filter's deny-list entries for blocked domains. Apple's filter matches an entry
 * as the root of the URL, scheme included, and does not match subdomains, so each domain is
 * written as http:// and https://, and a registrable two-label domain (weiyun.com) also with its
 * www. host, where such a site's front page is (docs/web.md); the catalog means a domain and its
 * subdomains. Resolve counts the entries against Apple's advice; the iOS web filter target writes them.
 */
export function denyListUrls(domains: readonly string[]): string[] {
  const hosts = domains.flatMap((d) => (d.split('.').length === 2 ? [d, `www.${d}`] : [d]));
  return [...new Set(hosts)].flatMap((h) => [`http://${h}`, `https://${h}`]);
}

/** mdm/profiles/com.apple.webcontent-filter.yaml, DenyListURLs: "Limit the number of these URLs to about 500." */
export const APPLE_DENY_LIST_ADVISED_MAX = 500;
