// Google Chrome's macOS payload is third-party: Apple's schemas don't cover it. Checked against
// Chrome's policy list (URLBlocklist: "List of strings", at most 1,000 entries) and its URL filter
// format (https://chromium.org/administrators/url-blocklist-filter-format). The compiler writes
// bare host names; docs/web.md has the sources.
import { joinIndex, joinKey, type Problem } from './problem.js';

const PAYLOAD_KEYS = new Set(['URLBlocklist']);
const MAX_ENTRIES = 1000;
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A checker for AppleCheckOptions.thirdParty, for com.google.Chrome. */
export function checkChromePayload(payload: Record<string, unknown>, path: string): Problem[] {
  const problems: Problem[] = [];
  for (const key of Object.keys(payload)) {
    if (!/^Payload/.test(key) && !PAYLOAD_KEYS.has(key)) problems.push({ path: joinKey(path, key), code: 'unknown-key', message: `Chrome key "${key}" is not one this project writes` });
  }
  const listPath = joinKey(path, 'URLBlocklist');
  const list = payload['URLBlocklist'];
  if (!Array.isArray(list)) return [...problems, { path: listPath, code: 'wrong-type', message: 'URLBlocklist must be a list of strings' }];
  if (list.length > MAX_ENTRIES) problems.push({ path: listPath, code: 'too-many', message: `URLBlocklist holds ${list.length} entries; Chrome ignores those after ${MAX_ENTRIES}` });
  list.forEach((entry: unknown, i) => {
    if (typeof entry !== 'string' || !HOST.test(entry)) problems.push({ path: joinIndex(listPath, i), code: 'format', message: `"${String(entry)}" is not a host name in Chrome's URL filter format` });
  });
  return problems;
}
