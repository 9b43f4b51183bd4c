import { byCodeUnit } from '../../common/compare.js';
import { stringifyExact } from '../../common/json/exact-json.js';
import { plistXml, type PlistValue } from './plist-writer.js';

const utf8 = new TextEncoder();

/** XML plist with a trailing newline; the key order is the order the target built. */
export function plistBytes(value: PlistValue): Uint8Array {
  return utf8.encode(plistXml(value) + '\n');
}

/**
 * JSON as admins diff it: two-space indent, trailing newline. A big integer read exactly from a
 * base policy (ExactNumber) is written digit for digit; anything else is JSON.stringify's text.
 */
export function jsonBytes(value: unknown): Uint8Array {
  return utf8.encode(stringifyExact(value) + '\n');
}

/** JSON with every object's keys sorted and no white space: the same value always hashes alike. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => byCodeUnit(a, b))) : v,
  );
}
