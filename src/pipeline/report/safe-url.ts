/**
 * The URL to put in an href, or undefined when it is not plain http(s): a `javascript:` or
 * `data:` URL from the YAML must never become a link in the report.
 */
export function safeHref(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
}
