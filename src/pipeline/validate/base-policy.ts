import type { ErrorObject } from 'ajv';
import type { DiagnosticBag } from '../../common/diagnostics/diagnostic.js';
import type { LoadedBase } from '../load/base-policies.js';
import type { JsonSource } from '../load/json-source.js';
import { approximate } from '../../common/json/exact-json.js';
import { closest } from './closest.js';
import { replacementOf } from './removed-fields.js';
import { valueAt } from './schema.js';
import { validators } from './validators.js';

/**
 * Checks each base policy is an AMAPI Policy (schemas/amapi-base-policy.schema.json) and that no
 * package is listed twice; every problem points at its line and column in the JSON.
 */
export function validateBasePolicies(bases: ReadonlyMap<string, LoadedBase>, bag: DiagnosticBag): void {
  for (const { source } of bases.values()) {
    const validate = validators('base-policy').get('policy')!;
    const data = source.data;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      bag.add('ANDROID_BASE_INVALID', `a base policy must be a JSON object (an AMAPI Policy), found ${Array.isArray(data) ? 'an array' : data === null ? 'null' : typeof data}`, source.positionOf([]));
      continue;
    }
    // The validator type-checks numbers; an integer kept exact (beyond 2^53) is checked as its double.
    if (!validate(approximate(data))) for (const err of validate.errors ?? []) report(err, source, bag);
    for (const [list, at] of [
      [(data as { applications?: unknown }).applications, ['applications']],
      [(data as { personalUsagePolicies?: { personalApplications?: unknown } }).personalUsagePolicies?.personalApplications, ['personalUsagePolicies', 'personalApplications']],
    ] as const) {
      reportDuplicatePackages(list, at, source, bag);
    }
  }
}

function report(err: ErrorObject, source: JsonSource, bag: DiagnosticBag): void {
  const path = err.instancePath
    .split('/')
    .slice(1)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
  const field = fieldPath(path) || 'the policy';
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const owner = /#\/definitions\/(\w+)\//.exec(err.schemaPath)?.[1] ?? 'Policy';
      const replaced = replacementOf(owner, key);
      const hint = closest(key, Object.keys((err.parentSchema as { properties?: object }).properties ?? {}));
      const advice = replaced ? `; ${replaced}` : hint ? `; did you mean "${hint}"?` : '';
      bag.add('ANDROID_BASE_INVALID', `${owner} has no field "${key}" (at ${fieldPath([...path, key])})${advice}`, source.keyPositionOf(path, key));
      return;
    }
    case 'type':
      if (Array.isArray(params['type']) && (params['type'] as string[]).join() === 'integer,string') {
        bag.add('ANDROID_BASE_INVALID', `${field} is an int64: a whole number, or a string of decimal digits`, source.positionOf(path));
        return;
      }
      break;
    case 'pattern':
      bag.add('ANDROID_BASE_INVALID', `${field} is an int64: a string of at most 19 decimal digits, with an optional minus sign`, source.positionOf(path));
      return;
    case 'enum':
      bag.add('ANDROID_BASE_INVALID', `${field} is ${JSON.stringify(valueAt(source.data, path))}, not one of ${(params['allowedValues'] as string[]).join(', ')}`, source.positionOf(path));
      return;
    case 'required':
      bag.add('ANDROID_BASE_INVALID', `${field} has no ${String(params['missingProperty'])}`, source.positionOf(path));
      return;
    case 'minLength':
      bag.add('ANDROID_BASE_INVALID', `${field} is empty`, source.positionOf(path));
      return;
  }
  bag.add('ANDROID_BASE_INVALID', `${field} ${err.message ?? 'is not valid'}`, source.positionOf(path));
}

function reportDuplicatePackages(list: unknown, at: readonly string[], source: JsonSource, bag: DiagnosticBag): void {
  if (!Array.isArray(list)) return;
  const first = new Map<string, number>();
  list.forEach((entry: unknown, i) => {
    const name = (entry as { packageName?: unknown } | null)?.packageName;
    if (typeof name !== 'string') return;
    const earlier = first.get(name);
    if (earlier === undefined) first.set(name, i);
    else bag.add('ANDROID_BASE_INVALID', `"${name}" is listed twice in ${at.join('.')} (also at ${fieldPath([...at, earlier])})`, source.positionOf([...at, i, 'packageName']));
  });
}

/** The path as AMAPI's own NonComplianceDetail.fieldPath writes it: applications[2].installType. */
export function fieldPath(path: readonly (string | number)[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
