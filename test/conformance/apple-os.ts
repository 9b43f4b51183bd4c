// Effective `supportedOS` (apple.md §7): a key inherits its parent's entry for the target OS,
// overridden field by field by its own entry. Problems are reported only where a level changes
// the answer, so a macOS-only payload yields one problem, not one per key.
import type { ProblemCode } from './problem.js';

export type AppleOS = 'iOS' | 'macOS' | 'tvOS' | 'visionOS' | 'watchOS';

/** One OS entry of a `supportedOS` map; only the fields the checker uses are typed. */
export interface OsEntry {
  introduced?: string;
  deprecated?: string;
  removed?: string;
  supervised?: boolean;
  [field: string]: unknown;
}

export interface OsTarget {
  os: AppleOS;
  /** undefined = "newest": anything ever deprecated or removed counts. */
  osVersion?: string;
  /** false = check supervision requirements; undefined = don't care. */
  supervised?: boolean;
}

/** Entry for `os` from a raw `supportedOS` value, or undefined when it has none. */
export function ownEntry(supportedOS: unknown, os: AppleOS): OsEntry | undefined {
  if (!supportedOS || typeof supportedOS !== 'object') return undefined;
  const entry = (supportedOS as Record<string, unknown>)[os];
  if (!entry || typeof entry !== 'object') return undefined;
  // YAML may read an unquoted 15.0 as the number 15; versions are compared as strings.
  const out: OsEntry = { ...(entry as Record<string, unknown>) };
  for (const f of ['introduced', 'deprecated', 'removed'] as const) {
    if (out[f] !== undefined) out[f] = String(out[f]);
  }
  return out;
}

export function merge(parent: OsEntry | undefined, own: OsEntry | undefined): OsEntry | undefined {
  if (!parent) return own;
  return own ? { ...parent, ...own } : parent;
}

/** Numeric dotted-version compare; '15' == '15.0'. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const isVersion = (v: string | undefined): v is string => v !== undefined && /^\d+(\.\d+)*$/.test(v);

/** Why `entry` is unusable on the target, or undefined when it is usable. */
export function unsupportedReason(entry: OsEntry | undefined, t: OsTarget): string | undefined {
  if (!entry) return `not available on ${t.os}`;
  if (entry.introduced === 'n/a') return `not available on ${t.os} (introduced: n/a)`;
  if (isVersion(entry.removed) && (t.osVersion === undefined || compareVersions(entry.removed, t.osVersion) <= 0)) {
    return `removed in ${t.os} ${entry.removed}`;
  }
  if (t.osVersion !== undefined && isVersion(entry.introduced) && compareVersions(entry.introduced, t.osVersion) > 0) {
    return `introduced in ${t.os} ${entry.introduced}, target is ${t.osVersion}`;
  }
  return undefined;
}

export function deprecatedReason(entry: OsEntry | undefined, t: OsTarget): string | undefined {
  if (!entry || !isVersion(entry.deprecated)) return undefined;
  if (t.osVersion !== undefined && compareVersions(entry.deprecated, t.osVersion) > 0) return undefined;
  return `deprecated in ${t.os} ${entry.deprecated}`;
}

export interface OsFinding {
  code: ProblemCode;
  message: string;
}

/**
 * Compare a level (payload or key) with its parent and report only what this level introduces.
 * `deprecated` is reported by the caller because it needs the allow-list.
 */
export function osFindings(
  parent: OsEntry | undefined,
  effective: OsEntry | undefined,
  parentSupported: boolean,
  t: OsTarget,
): { unsupported?: OsFinding; deprecated?: string; supervision?: OsFinding } {
  const out: { unsupported?: OsFinding; deprecated?: string; supervision?: OsFinding } = {};
  if (!parentSupported) return out;
  const why = unsupportedReason(effective, t);
  if (why) out.unsupported = { code: 'unsupported-on-os', message: why };
  const dep = deprecatedReason(effective, t);
  if (dep && dep !== deprecatedReason(parent, t)) out.deprecated = dep;
  if (t.supervised === false && effective?.supervised === true && parent?.supervised !== true) {
    out.supervision = { code: 'requires-supervision', message: `requires a supervised ${t.os} device` };
  }
  return out;
}
