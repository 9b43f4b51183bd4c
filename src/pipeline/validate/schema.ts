import type { ErrorObject } from 'ajv';
import type { DiagnosticBag } from '../../common/diagnostics/diagnostic.js';
import type { LoadedFile } from '../load/load.js';
import { closest } from './closest.js';
import { validators } from './validators.js';

/** Checks each loaded file against its schema; every error is placed at file:line:col. */
export function validateSchemas(files: readonly LoadedFile[], bag: DiagnosticBag): boolean {
  const input = validators('input');
  const root = input.get('root')!;
  const fragment = input.get('fragment')!;
  let ok = true;
  for (const { source, role } of files) {
    const validate = role === 'root' ? root : fragment;
    if (validate(source.data)) continue;
    ok = false;
    for (const err of simplify(validate.errors ?? [])) {
      report(err, source, role, bag);
    }
  }
  return ok;
}

type Source = LoadedFile['source'];

function report(err: ErrorObject, source: Source, role: LoadedFile['role'], bag: DiagnosticBag): void {
  const path = pointerToPath(err.instancePath);
  const where = err.instancePath || '/';
  // A bad key under propertyNames comes twice: a bare "property name must be valid", and the
  // check it failed with the key named. Report the second, at the key.
  if (err.keyword === 'propertyNames') return;
  if (err.propertyName !== undefined) {
    const key = err.propertyName;
    bag.add('SCHEMA_VALUE', `key "${key}" under ${where} ${valueMessage(err)}`, { ...source.keyPositionOf(path, key), path: `${err.instancePath}/${key}` });
    return;
  }
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String((err.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys((err.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = closest(key, known);
      const rootOnly = role === 'include' && ['id', 'name', 'fleets', 'options', 'organization', 'description', 'apple'].includes(key);
      const msg = rootOnly
        ? `"${key}" belongs in the root policy, not in an included file`
        : `unknown key "${key}" at ${where}` + (hint ? ` (did you mean "${hint}"?)` : known.length ? ` (known keys: ${known.join(', ')})` : '');
      bag.add('SCHEMA_UNKNOWN_KEY', msg, { ...source.keyPositionOf(path, key), path: `${err.instancePath}/${key}` });
      return;
    }
    case 'required': {
      const key = String((err.params as { missingProperty: string }).missingProperty);
      bag.add('SCHEMA_REQUIRED', `missing required key "${key}" at ${where}`, { ...source.positionOf(path), path: err.instancePath });
      return;
    }
    case 'type':
      bag.add('SCHEMA_TYPE', `${where} ${err.message ?? 'has the wrong type'}, found ${describe(valueAt(source.data, path))}`, {
        ...source.positionOf(path),
        path: err.instancePath,
      });
      return;
    default:
      bag.add('SCHEMA_VALUE', `${where} ${valueMessage(err)}`, { ...source.positionOf(path), path: err.instancePath });
  }
}

function valueMessage(err: ErrorObject): string {
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'enum':
      return `must be one of ${(p['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(p['allowedValue'])}`;
    case 'pattern':
      return `does not have the expected form (${err.parentSchema && (err.parentSchema as { description?: string }).description ? (err.parentSchema as { description: string }).description : `pattern ${String(p['pattern'])}`})`;
    case 'minLength':
      return p['limit'] === 1 ? 'must not be empty' : (err.message ?? 'is too short');
    case 'format':
      return `must be a valid ${String(p['format'])}${p['format'] === 'date' ? ' (YYYY-MM-DD)' : ''}`;
    case 'oneOf':
      return err.message ?? 'does not match any allowed form';
    default:
      return err.message ?? 'is not allowed';
  }
}

/**
 * ajv reports every branch of a oneOf; a person wants the branch they meant. Keep the most
 * specific errors: drop type errors at a path where a deeper or non-type error exists, and merge
 * what remains of a oneOf into one message.
 */
function simplify(errors: ErrorObject[]): ErrorObject[] {
  const specific = (e: ErrorObject) =>
    errors.some(
      (o) =>
        o !== e &&
        (o.instancePath.startsWith(e.instancePath + '/') ||
          (o.instancePath === e.instancePath && o.keyword !== 'type' && o.keyword !== 'oneOf')),
    );
  let kept = errors.filter((e) => {
    if (e.keyword === 'oneOf') {
      // A oneOf is explained by its branch's own errors: deeper ones, or a failed check of the
      // value itself (an empty string where a string belongs says more than "must be object").
      return !errors.some(
        (o) =>
          o !== e &&
          (o.instancePath.startsWith(e.instancePath + '/') ||
            (o.instancePath === e.instancePath && o.keyword !== 'type' && o.keyword !== 'oneOf' && !(o.keyword === 'required' && o.schemaPath.includes('oneOf')))),
      );
    }
    if (e.keyword === 'type' && e.schemaPath.includes('oneOf')) {
      // Explained by a more specific error, or merged below into the oneOf's "must be A or B".
      return !specific(e) && !errors.some((o) => o.keyword === 'oneOf' && o.instancePath === e.instancePath);
    }
    return true;
  });
  // The oneOf of an exception (app | publisher): say it in words.
  kept = kept.flatMap((e) => {
    if (e.keyword === 'required' && e.schemaPath.includes('oneOf')) {
      return kept.some((o) => o.keyword === 'oneOf' && o.instancePath === e.instancePath) ? [] : [e];
    }
    if (e.keyword === 'oneOf') {
      const branches = errors.filter((o) => o.instancePath === e.instancePath && o.keyword === 'required' && o.schemaPath.includes('oneOf'));
      const names = branches.map((b) => String((b.params as { missingProperty: string }).missingProperty));
      if (names.length) return [{ ...e, keyword: 'required', params: { missingProperty: names.join('" or "') } }];
      const passing = (e.params as { passingSchemas?: number[] | null }).passingSchemas;
      if (passing) return [{ ...e, message: 'must use only one of its alternative forms (for an exception: app or publisher, not both)' }];
      const types = errors.filter((o) => o.instancePath === e.instancePath && o.keyword === 'type').map((o) => String((o.params as { type: string }).type));
      if (types.length) return [{ ...e, keyword: 'type', message: `must be ${[...new Set(types)].join(' or ')}` }];
    }
    return [e];
  });
  return dedupe(kept);
}

function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}|${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let v: unknown = data;
  for (const step of path) v = (v as Record<string | number, unknown> | undefined)?.[step];
  return v;
}

function describe(v: unknown): string {
  if (v === null) return 'null (an empty value)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return `${typeof v} ${String(v)}`;
}
