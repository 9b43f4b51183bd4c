// Checks AMAPI JSON (Policy, request bodies) against the facts of Google's discovery document
// (test/conformance/facts/amapi.json, extracted by scripts/conformance-facts.mjs), walked as
// android.md §6 describes. Rules the document states only in prose live in amapi-policy-rules.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extraRules } from './amapi-policy-rules.js';
import { describeType, isPlainObject, joinIndex, joinKey, type Problem } from './problem.js';
import { ExactNumber } from '../../src/common/json/exact-json.js';

export type { Problem, ProblemCode } from './problem.js';

/** A property object; android.md §6 lists every key the document uses. */
export interface DiscoveryProperty {
  type?: string;
  $ref?: string;
  format?: string;
  items?: DiscoveryProperty;
  additionalProperties?: DiscoveryProperty;
  enum?: string[];
  enumDeprecated?: boolean[];
  deprecated?: boolean;
  readOnly?: boolean;
  /** The document's description opens "Required." (its only signal; the prose is not kept). */
  required?: boolean;
}

export interface DiscoverySchema {
  id: string;
  type: string;
  properties?: Record<string, DiscoveryProperty>;
  deprecated?: boolean;
}

export interface DiscoveryMethod {
  id: string;
  httpMethod: string;
  request?: { $ref: string };
  response?: { $ref: string };
  parameters?: Record<string, DiscoveryProperty & { location?: string; required?: boolean }>;
}

export interface Discovery {
  revision: string;
  schemas: Record<string, DiscoverySchema>;
  /** The methods the facts keep, by id, e.g. androidmanagement.enterprises.policies.patch */
  methods: Map<string, DiscoveryMethod>;
}

export const amapiFactsPath = path.join(import.meta.dirname, 'facts', 'amapi.json');

interface FactMethod extends Omit<DiscoveryMethod, 'id' | 'request' | 'response'> {
  request?: string;
  response?: string;
}

/** The committed facts, or `facts` (the text of an amapi.json) when given. */
export function loadDiscovery(facts = readFileSync(amapiFactsPath, 'utf8')): Discovery {
  const raw = JSON.parse(facts) as { revision: string; schemas: Record<string, Omit<DiscoverySchema, 'id'>>; methods: Record<string, FactMethod> };
  const schemas = Object.fromEntries(Object.entries(raw.schemas).map(([id, s]) => [id, { id, ...s }]));
  const methods = new Map(
    Object.entries(raw.methods).map(([id, { request, response, ...m }]) => [
      id,
      { id, ...m, ...(request ? { request: { $ref: request } } : {}), ...(response ? { response: { $ref: response } } : {}) },
    ]),
  );
  return { revision: raw.revision, schemas, methods };
}

let defaultDiscovery: Discovery | undefined;
function discoveryOrDefault(d: Discovery | undefined): Discovery {
  return d ?? (defaultDiscovery ??= loadDiscovery());
}

// Fields the document calls read-only only in prose (android.md §5: Policy.version).
const READ_ONLY_IN_PROSE = new Set(['Policy.version']);
const MAX_DEPTH = 64;

interface Ctx {
  d: Discovery;
  problems: Problem[];
}

function report(ctx: Ctx, path: string, code: Problem['code'], message: string): void {
  ctx.problems.push({ path, code, message });
}

function checkObject(ctx: Ctx, value: unknown, schemaName: string, at: string, depth: number): void {
  const schema = ctx.d.schemas[schemaName];
  if (!schema) throw new Error(`discovery document has no schema "${schemaName}"`);
  if (depth > MAX_DEPTH) return report(ctx, at, 'too-deep', `nested more than ${MAX_DEPTH} levels`);
  if (!isPlainObject(value)) return report(ctx, at, 'wrong-type', `expected a ${schemaName} object, got ${describeType(value)}`);
  const props = schema.properties ?? {};
  for (const [name, child] of Object.entries(value)) {
    const prop = props[name];
    const p = joinKey(at, name);
    if (!prop) {
      report(ctx, p, 'unknown-key', `${schemaName} has no field "${name}"`);
      continue;
    }
    if (prop.deprecated) report(ctx, p, 'deprecated-field', `${schemaName}.${name} is deprecated`);
    if (prop.readOnly || READ_ONLY_IN_PROSE.has(`${schemaName}.${name}`)) {
      report(ctx, p, 'read-only', `${schemaName}.${name} is read-only`);
    }
    checkProperty(ctx, child, prop, p, depth + 1, !prop.deprecated);
  }
  // Schema properties carry no `required`; "Required." opening the description is the only signal.
  for (const [name, prop] of Object.entries(props)) {
    if (!prop.required) continue;
    const v = value[name];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) {
      report(ctx, joinKey(at, name), 'missing-required', `${schemaName}.${name} is required and must not be empty`);
    }
  }
  extraRules[schemaName]?.(value, at, {
    problems: ctx.problems,
    // The walk already reported a malformed mask as 'format'; add only unknown paths here.
    checkFieldMask: (mask, target, maskPath) =>
      ctx.problems.push(...checkFieldMask(mask, target, ctx.d, maskPath).filter((p) => p.code !== 'format')),
  });
}

function checkProperty(ctx: Ctx, value: unknown, prop: DiscoveryProperty, at: string, depth: number, flagDeprecatedRef: boolean): void {
  if (prop.$ref) {
    const target = ctx.d.schemas[prop.$ref];
    if (flagDeprecatedRef && target?.deprecated) report(ctx, at, 'deprecated-field', `schema ${prop.$ref} is deprecated`);
    return checkObject(ctx, value, prop.$ref, at, depth);
  }
  switch (prop.type) {
    case 'string':
      // proto3 JSON, which AMAPI reads: a 64-bit integer is "a decimal string. Either numbers or
      // strings are accepted" (protobuf.dev/programming-guides/json). A base may write a number.
      if ((prop.format === 'int64' || prop.format === 'uint64') && (Number.isInteger(value) || value instanceof ExactNumber)) {
        return checkStringFormat(ctx, value instanceof ExactNumber ? value.text : String(value), prop.format, at);
      }
      if (typeof value !== 'string') {
        const hint = prop.format === 'int64' || prop.format === 'uint64' ? ` (${prop.format} is a number or a JSON string of digits)` : '';
        return report(ctx, at, 'wrong-type', `expected string${hint}, got ${describeType(value)}`);
      }
      checkStringFormat(ctx, value, prop.format, at);
      return checkEnum(ctx, value, prop, at);
    case 'integer':
      return checkInteger(ctx, value, prop.format, at);
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) report(ctx, at, 'wrong-type', `expected number, got ${describeType(value)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') report(ctx, at, 'wrong-type', `expected boolean, got ${describeType(value)}`);
      return;
    case 'array':
      if (!Array.isArray(value)) return report(ctx, at, 'wrong-type', `expected array, got ${describeType(value)}`);
      if (prop.items) value.forEach((el, i) => checkProperty(ctx, el, prop.items!, joinIndex(at, i), depth + 1, flagDeprecatedRef));
      return;
    case 'object':
      // Only maps use type "object"; nested messages always go through $ref.
      if (!isPlainObject(value)) return report(ctx, at, 'wrong-type', `expected object, got ${describeType(value)}`);
      if (prop.additionalProperties) {
        for (const [k, v] of Object.entries(value)) checkProperty(ctx, v, prop.additionalProperties, joinKey(at, k), depth + 1, true);
      }
      return;
    default:
      return; // "any" (or no type): any JSON value
  }
}

function checkEnum(ctx: Ctx, value: string, prop: DiscoveryProperty, at: string): void {
  if (!prop.enum) return;
  const i = prop.enum.indexOf(value);
  if (i < 0) return report(ctx, at, 'not-in-enum', `"${value}" is not one of ${prop.enum.join(', ')}`);
  if (prop.enumDeprecated?.[i]) report(ctx, at, 'deprecated-enum', `"${value}" is a deprecated value`);
}

const INT_RANGES: Record<string, [bigint, bigint]> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
};

function checkInteger(ctx: Ctx, value: unknown, format: string | undefined, at: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) return report(ctx, at, 'wrong-type', `expected integer, got ${describeType(value)}`);
  const range = INT_RANGES[format ?? 'int32'];
  if (range && (BigInt(value) < range[0] || BigInt(value) > range[1])) report(ctx, at, 'out-of-range', `${value} does not fit ${format}`);
}

const FORMATS: Record<string, { re: RegExp; what: string }> = {
  int64: { re: /^-?\d+$/, what: 'a decimal integer string' },
  uint64: { re: /^\d+$/, what: 'a non-negative decimal integer string' },
  'google-datetime': { re: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/, what: 'an RFC 3339 timestamp' },
  'google-duration': { re: /^-?\d+(\.\d{1,9})?s$/, what: 'a duration like "3.5s"' },
  'google-fieldmask': { re: /^([A-Za-z_]\w*(\.[A-Za-z_]\w*)*(,[A-Za-z_]\w*(\.[A-Za-z_]\w*)*)*)?$/, what: 'comma-separated field paths' },
  // Google accepts standard and URL-safe base64, padded or not.
  byte: { re: /^(?:[A-Za-z0-9+/_-]{4})*(?:[A-Za-z0-9+/_-]{2}(?:==)?|[A-Za-z0-9+/_-]{3}=?)?$/, what: 'base64' },
};

function checkStringFormat(ctx: Ctx, value: string, format: string | undefined, at: string): void {
  const f = format ? FORMATS[format] : undefined;
  if (!f) return;
  if (!f.re.test(value)) return report(ctx, at, 'format', `"${value}" is not ${f.what}`);
  const range = format ? INT_RANGES[format] : undefined;
  if (range && (BigInt(value) < range[0] || BigInt(value) > range[1])) report(ctx, at, 'out-of-range', `${value} does not fit ${format}`);
}

/** Checks `json` as an instance of a discovery schema, e.g. 'Policy' or 'ApplicationPolicy'. */
export function checkResource(json: unknown, schemaName: string, discovery?: Discovery): Problem[] {
  const ctx: Ctx = { d: discoveryOrDefault(discovery), problems: [] };
  checkObject(ctx, json, schemaName, '', 0);
  return ctx.problems;
}

/** Checks a request body for a method id, e.g. 'androidmanagement.enterprises.policies.patch'. */
export function checkRequestBody(json: unknown, methodId: string, discovery?: Discovery): Problem[] {
  const d = discoveryOrDefault(discovery);
  const method = d.methods.get(methodId);
  if (!method) throw new Error(`discovery document has no method "${methodId}"`);
  if (!method.request) throw new Error(`method "${methodId}" takes no request body`);
  return checkResource(json, method.request.$ref, d);
}

/**
 * Checks a field mask (e.g. the patch `updateMask` query parameter) against a schema:
 * every path must name existing fields, following $ref for nested paths.
 */
export function checkFieldMask(mask: string, schemaName: string, discovery?: Discovery, at = 'updateMask'): Problem[] {
  const d = discoveryOrDefault(discovery);
  const problems: Problem[] = [];
  if (!FORMATS['google-fieldmask']!.re.test(mask)) {
    return [{ path: at, code: 'format', message: `"${mask}" is not comma-separated field paths` }];
  }
  for (const fieldPath of mask.split(',').filter(Boolean)) {
    let schema: DiscoverySchema | undefined = d.schemas[schemaName];
    let owner = schemaName;
    for (const part of fieldPath.split('.')) {
      const prop: DiscoveryProperty | undefined = schema?.properties?.[part];
      if (!prop) {
        const why = schema ? `${owner} has no field "${part}"` : `"${owner}" is not a message, so it has no subfields`;
        problems.push({ path: at, code: 'unknown-key', message: `"${fieldPath}": ${why}` });
        break;
      }
      owner = prop.$ref ?? part;
      schema = prop.$ref ? d.schemas[prop.$ref] : undefined;
    }
  }
  return problems;
}
