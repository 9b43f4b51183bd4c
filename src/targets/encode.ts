import { build as buildPlist, type PlistValue } from 'plist';

const utf8 = new TextEncoder();

/** XML plist with a trailing newline; the key order is the order the target built. */
export function plistBytes(value: PlistValue): Uint8Array {
  return utf8.encode(buildPlist(value, { indent: '\t' }) + '\n');
}

/** JSON as admins diff it: two-space indent, trailing newline. */
export function jsonBytes(value: unknown): Uint8Array {
  return utf8.encode(JSON.stringify(value, null, 2) + '\n');
}
