// Shared result shape for every conformance checker (Apple and AMAPI), so a test can
// assert on `code` and `path` without caring which platform produced the problem.

export type ProblemCode =
  // both platforms
  | 'unknown-key' // key/field not declared by the schema
  | 'wrong-type'
  | 'missing-required'
  | 'out-of-range' // Apple `range`, AMAPI int32/int64 bounds
  | 'format' // Apple `format` regex; AMAPI string formats (int64, byte, fieldmask, …)
  | 'too-long' // DDM Identifier / ServerToken > 64 octets
  | 'too-deep' // value nested deeper than any sane artifact (guards recursive schemas)
  // Apple
  | 'not-in-rangelist'
  | 'repetition'
  | 'deprecated-key'
  | 'deprecated-type' // the payload / command / declaration type itself is deprecated
  | 'unsupported-on-os'
  | 'requires-supervision'
  | 'unknown-payload-type'
  | 'unknown-request-type'
  | 'unknown-declaration-type'
  | 'duplicate-uuid'
  | 'duplicate-identifier'
  | 'multiple-not-allowed'
  | 'conflicting-keys' // keys the schema text says are mutually exclusive
  // AMAPI
  | 'not-in-enum'
  | 'deprecated-enum'
  | 'deprecated-field'
  | 'read-only'
  | 'duplicate-package'
  | 'too-many';

export interface Problem {
  /** e.g. "PayloadContent[0].blockedAppBundleIDs[2]"; '' is the document root. */
  path: string;
  code: ProblemCode;
  message: string;
}

export function joinKey(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

export function joinIndex(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** A dictionary in both plist and JSON terms: not an array, Date, byte buffer or null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Human-readable type name for messages. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (value instanceof Uint8Array) return 'data';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'real';
  return typeof value === 'object' ? 'dictionary' : typeof value;
}
