// "Every bad input gets a clear error": take a random valid blocklist, replace one value anywhere
// in it with a random other value (a number where a string belongs, a list where a mapping does,
// null, __proto__ keys, huge numbers, odd strings), and the compiler must still answer with
// diagnostics: never throw, never return "ok" with an error, never an unknown code.
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CODES } from '../../src/index.js';
import { compileFiles } from '../helpers/compile.js';
import { modelArbitrary, oddText, render } from './blocklists.js';

const runs = Number(process.env['MDM_BLOCKLIST_PROPERTY_RUNS'] ?? 200);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const replacement: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, 0, -1, 1e300, 9007199254740993, '', ' ', 'constructor', '__proto__', [], {}, { __proto__: { polluted: true } } as Json, ['x'], { constructor: 'x' }),
  oddText,
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

/** Every path to a value in the document, keys included as values to replace. */
function paths(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const here = [at];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...at, i]))];
  if (value && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
  return here;
}

function replaceAt(doc: Json, path: (string | number)[], by: Json, renameKey: boolean): Json {
  if (path.length === 0) return by;
  const [head, ...rest] = path;
  if (Array.isArray(doc)) return doc.map((v, i) => (i === head ? replaceAt(v, rest, by, renameKey) : v));
  const obj = doc as { [key: string]: Json };
  const out: { [key: string]: Json } = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k !== head) out[k] = v;
    else if (rest.length === 0 && renameKey && typeof by === 'string' && by !== '') Object.defineProperty(out, by, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = replaceAt(v, rest, by, renameKey);
  }
  return out;
}

describe('random damage to a valid blocklist', () => {
  it(`is always answered with diagnostics (${runs} blocklists)`, async () => {
    await fc.assert(
      fc.asyncProperty(modelArbitrary, fc.nat(), replacement, fc.boolean(), async (model, pick, by, renameKey) => {
        const files = render(model);
        const doc = parse(files['policy.yaml']!) as Json;
        const all = paths(doc);
        const damaged = stringify(replaceAt(doc, all[pick % all.length]!, by, renameKey), { lineWidth: 0, aliasDuplicateObjects: false });
        const result = await compileFiles({ ...files, 'policy.yaml': damaged });
        for (const d of result.diagnostics) expect(Object.keys(CODES), d.message).toContain(d.code);
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        expect(result.ok).toBe(errors.length === 0);
        if (!result.ok) expect(result.artifacts).toEqual([]);
        expect(({} as Record<string, unknown>)['polluted'], 'Object.prototype was polluted').toBeUndefined();
      }),
      { numRuns: runs },
    );
  }, 600_000);
});
