// Walks a value against Apple `payloadkeys`/`subkeys` (apple.md §7). The walk is driven by the
// value, which is finite, so recursive schemas (aliases that point back at an ancestor) can
// only recurse as deep as the data does; MAX_DEPTH still stops a pathological value.
import type { SchemaKey } from './apple-load.js';
import { merge, osFindings, ownEntry, unsupportedReason, type OsEntry, type OsTarget } from './apple-os.js';
import { describeType, isPlainObject, joinIndex, joinKey, type Problem } from './problem.js';

const MAX_DEPTH = 64;

export interface WalkContext extends OsTarget {
  /** Key names or dotted schema paths (e.g. "Allowed.DeniedApps") allowed to be deprecated. */
  allowDeprecated: ReadonlySet<string>;
  /** Profiles and commands are plists (Date, Uint8Array); declarations are JSON (strings). */
  encoding: 'plist' | 'json';
  problems: Problem[];
  /** Key → alternative that satisfies its `presence: required` (apple-prose-rules.ts). */
  requiredUnless?: Readonly<Record<string, string>>;
}

/** Where a value sits: its document path, its schema path, and the OS facts it inherits. */
export interface Place {
  path: string;
  schemaPath: string;
  os: OsEntry | undefined;
  supported: boolean;
  depth: number;
}

// "ANY" is Apple's convention for "any key name"; one response file spells it "ANY app identifier".
const isWildcard = (k: SchemaKey): boolean => k.key === 'ANY' || k.key.startsWith('ANY ');

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

function typeMatches(value: unknown, type: string, encoding: 'plist' | 'json'): boolean {
  switch (type) {
    case '<string>':
      return typeof value === 'string';
    case '<integer>':
      return typeof value === 'number' && Number.isInteger(value);
    case '<real>':
      return typeof value === 'number' && Number.isFinite(value);
    case '<boolean>':
      return typeof value === 'boolean';
    case '<date>':
      return encoding === 'json'
        ? typeof value === 'string' && ISO_DATE.test(value)
        : value instanceof Date && !Number.isNaN(value.getTime());
    case '<data>':
      return encoding === 'json' ? typeof value === 'string' && BASE64.test(value) : value instanceof Uint8Array;
    case '<array>':
      return Array.isArray(value);
    case '<dictionary>':
      return isPlainObject(value);
    default:
      return true; // <any>, or a type the format doesn't define: nothing to check
  }
}

function inRangelist(value: unknown, list: unknown[], type: string): boolean {
  // YAML may read a string entry like 1.0 as a number, so strings compare as text.
  if (type === '<string>') return list.some((e) => String(e) === value);
  return list.some((e) => e === value || (typeof e === 'string' && Number(e) === value));
}

const regexCache = new Map<string, RegExp | null>();
function compile(format: string): RegExp | null {
  if (!regexCache.has(format)) {
    try {
      regexCache.set(format, new RegExp(format));
    } catch {
      regexCache.set(format, null); // a regex JS can't read is the schema's problem, not the artifact's
    }
  }
  return regexCache.get(format) ?? null;
}

/**
 * ConsentText in TopLevel.yaml is a dictionary whose only subkey is a dictionary named
 * "ConsentTextItem" holding ANY: the item is a placeholder like an array's, not a real key.
 */
function unwrapPlaceholder(subkeys: SchemaKey[], value: Record<string, unknown>): SchemaKey[] {
  const only = subkeys.length === 1 ? subkeys[0] : undefined;
  if (
    only &&
    only.type === '<dictionary>' &&
    only.key.endsWith('Item') &&
    !(only.key in value) &&
    (only.subkeys ?? []).length > 0 &&
    (only.subkeys ?? []).every(isWildcard)
  ) {
    return only.subkeys ?? [];
  }
  return subkeys;
}

function report(ctx: WalkContext, path: string, code: Problem['code'], message: string): void {
  ctx.problems.push({ path, code, message });
}

/** Checks the keys of a dictionary. `skip` names keys another schema owns (CommonPayloadKeys). */
export function checkDict(
  ctx: WalkContext,
  value: Record<string, unknown>,
  subkeys: SchemaKey[],
  at: Place,
  skip: ReadonlySet<string> = new Set(),
): void {
  const keys = unwrapPlaceholder(subkeys, value);
  const named = new Map(keys.filter((k) => !isWildcard(k)).map((k) => [k.key, k]));
  const wildcard = keys.find(isWildcard);
  for (const [name, child] of Object.entries(value)) {
    if (skip.has(name)) continue;
    const key = named.get(name) ?? wildcard;
    const path = joinKey(at.path, name);
    if (!key) {
      report(ctx, path, 'unknown-key', `key "${name}" is not defined by the schema`);
      continue;
    }
    checkValue(ctx, child, key, { ...at, path, schemaPath: joinKey(at.schemaPath, key.key), depth: at.depth + 1 }, true);
  }
  for (const key of named.values()) {
    if (key.presence !== 'required' || skip.has(key.key) || key.key in value) continue;
    const alternative = ctx.requiredUnless?.[key.key];
    if (alternative !== undefined && alternative in value) continue;
    // A key the target OS doesn't have can't be required there.
    if (unsupportedReason(merge(at.os, ownEntry(key.supportedOS, ctx.os)), ctx)) continue;
    report(ctx, joinKey(at.path, key.key), 'missing-required', `required key "${key.key}" is missing`);
  }
}

/** `isKey` is false for array elements: placeholder items carry no OS facts of their own. */
export function checkValue(ctx: WalkContext, value: unknown, key: SchemaKey, at: Place, isKey: boolean): void {
  if (at.depth > MAX_DEPTH) {
    report(ctx, at.path, 'too-deep', `nested more than ${MAX_DEPTH} levels`);
    return;
  }
  let here = at;
  if (isKey) {
    const os = merge(at.os, ownEntry(key.supportedOS, ctx.os));
    const f = osFindings(at.os, os, at.supported, ctx);
    if (f.unsupported) report(ctx, at.path, f.unsupported.code, `"${key.key}" is ${f.unsupported.message}`);
    if (f.supervision) report(ctx, at.path, f.supervision.code, `"${key.key}" ${f.supervision.message}`);
    if (f.deprecated && !ctx.allowDeprecated.has(key.key) && !ctx.allowDeprecated.has(at.schemaPath)) {
      report(ctx, at.path, 'deprecated-key', `"${key.key}" is ${f.deprecated}`);
    }
    here = { ...at, os, supported: at.supported && !f.unsupported };
  }

  if (!typeMatches(value, key.type, ctx.encoding)) {
    const want = ctx.encoding === 'json' && (key.type === '<data>' || key.type === '<date>') ? `${key.type} (as a JSON string)` : key.type;
    report(ctx, at.path, 'wrong-type', `expected ${want}, got ${describeType(value)}`);
    return;
  }

  if (Array.isArray(value)) return checkArray(ctx, value, key, here);
  if (isPlainObject(value)) {
    checkRepetition(ctx, Object.keys(value).length, key, at.path);
    if (key.type === '<dictionary>' && key.subkeys?.length) checkDict(ctx, value, key.subkeys, here);
    return;
  }
  checkScalar(ctx, value, key, at.path);
}

function checkArray(ctx: WalkContext, value: unknown[], key: SchemaKey, at: Place): void {
  checkRepetition(ctx, value.length, key, at.path);
  // Exactly one subkey describes every element; its name is a placeholder never seen in data.
  const item = key.subkeys?.[0];
  value.forEach((el, i) => {
    const path = joinIndex(at.path, i);
    if (item) {
      checkValue(ctx, el, item, { ...at, path, schemaPath: at.schemaPath, depth: at.depth + 1 }, false);
    } else if (key.rangelist) {
      checkScalar(ctx, el, key, path); // a rangelist on the array itself constrains its elements
    }
  });
}

function checkRepetition(ctx: WalkContext, count: number, key: SchemaKey, path: string): void {
  const r = key.repetition;
  if (!r) return;
  if ((r.min !== undefined && count < r.min) || (r.max !== undefined && count > r.max)) {
    report(ctx, path, 'repetition', `has ${count} entries, allowed ${r.min ?? 0}..${r.max ?? '∞'}`);
  }
}

function checkScalar(ctx: WalkContext, value: unknown, key: SchemaKey, path: string): void {
  const itemType = key.type === '<array>' ? (key.subkeys?.[0]?.type ?? '<any>') : key.type;
  if (Array.isArray(key.rangelist) && !inRangelist(value, key.rangelist, itemType)) {
    report(ctx, path, 'not-in-rangelist', `${JSON.stringify(value)} is not one of ${JSON.stringify(key.rangelist)}`);
  }
  if (key.range && typeof value === 'number') {
    const { min, max } = key.range;
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      report(ctx, path, 'out-of-range', `${value} is outside ${min ?? '-∞'}..${max ?? '∞'}`);
    }
  }
  if (key.format && typeof value === 'string') {
    const re = compile(key.format);
    if (re && !re.test(value)) report(ctx, path, 'format', `"${value}" does not match ${key.format}`);
  }
}
