import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as yaml from 'yaml';
import { compile, type CompileOptions, type CompileResult } from '../../../src/index.js';
import { PARSE_CACHE_PATH, cachedParse } from '../../../src/pipeline/load/parse-cache.js';
import { readDocument } from '../../../src/pipeline/load/read-document.js';
import { builtinPoliciesDir } from '../../../src/common/paths.js';
import { buildParseCache } from '../../../src/build/parse-cache.js';

const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
const shipped = walk(builtinPoliciesDir).filter((f) => f.endsWith('.yaml'));

/** Every data path of a value, for comparing positions. */
function* dataPaths(value: unknown, path: (string | number)[] = []): Generator<(string | number)[]> {
  yield path;
  if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* dataPaths(v, [...path, i]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* dataPaths(v, [...path, k]);
}

describe('parse cache of the shipped policies (built by npm run build)', () => {
  it('is current: the build wrote exactly what policies/ gives now (else run `npm run build`)', async () => {
    expect(readFileSync(PARSE_CACHE_PATH, 'utf8')).toBe(JSON.stringify(await buildParseCache()));
  });

  it('holds parsed data only: no result of checking it', () => {
    const cache = JSON.parse(readFileSync(PARSE_CACHE_PATH, 'utf8')) as Record<string, object>;
    expect(Object.keys(cache).length).toBe(shipped.length);
    for (const entry of Object.values(cache)) expect(Object.keys(entry).sort()).toEqual(['data', 'positions', 'tokens']);
  });

  it.each(shipped.map((f) => [f.slice(builtinPoliciesDir.length + 1), f]))('serves %s exactly as the YAML parser reads it', (_name, file) => {
    const bytes = readFileSync(file);
    const cached = cachedParse(file, bytes);
    expect(cached, 'the build cached this file').toBeDefined();
    const lines = new yaml.LineCounter();
    const doc = yaml.parseDocument(bytes.toString('utf8'), { lineCounter: lines, uniqueKeys: true, merge: false });
    const fresh = readDocument(doc, lines.lineStarts, yaml).positions;
    expect(isDeepStrictEqual(cached!.data, doc.toJS())).toBe(true);
    for (const path of dataPaths(cached!.data)) {
      expect(cached!.positions.offsetOf(path)).toBe(fresh.offsetOf(path));
      const key = path.at(-1);
      if (typeof key === 'string') expect(cached!.positions.keyOffsetOf(path.slice(0, -1), key)).toBe(fresh.keyOffsetOf(path.slice(0, -1), key));
    }
  });

  it('parses a shipped file again once its bytes change, and never serves files outside policies/', () => {
    const file = resolve(builtinPoliciesDir, 'clean-network.yaml');
    const bytes = readFileSync(file);
    expect(cachedParse(file, Buffer.concat([bytes, Buffer.from('# edited\n')]))).toBeUndefined();
    expect(cachedParse(resolve(builtinPoliciesDir, '..', 'elsewhere.yaml'), bytes)).toBeUndefined();
    expect(cachedParse(file, bytes)).toBeDefined();
    expect(cachedParse(file, bytes), 'a second compile in the same process gets its own copy').toBeDefined();
  });
});

describe('compiling from the parse cache', () => {
  /** Compiles a shipped policy as shipped (from the cache) and as a copy outside policies/ (parsed). */
  const bothWays = async (name: string, extra: Omit<CompileOptions, 'displayBase'> = {}) => {
    const copy = mkdtempSync(join(tmpdir(), 'mdm-blocklist-uncached-'));
    try {
      cpSync(builtinPoliciesDir, copy, { recursive: true });
      const options = { today: '2026-11-28', ...extra };
      const cached = await compile(resolve(builtinPoliciesDir, name), { ...options, displayBase: builtinPoliciesDir });
      const fresh = await compile(resolve(copy, name), { ...options, displayBase: copy });
      return { cached, fresh };
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  };

  it.each(['clean-network.yaml', 'india-2020-06-29.yaml'])('gives %s the same artifacts and diagnostics as parsing and checking it afresh', async (name) => {
    const { cached, fresh } = await bothWays(name);
    expect(fresh.diagnostics).toEqual(cached.diagnostics);
    // The report names shipped files builtin:…, a copy by its path; so does the manifest's hash of it.
    const bytes = (r: CompileResult) => r.artifacts.filter((a) => !a.kind.startsWith('report') && a.kind !== 'manifest').map((a) => [a.path, Buffer.from(a.bytes).toString('base64')]);
    expect(bytes(fresh).length).toBeGreaterThan(3);
    expect(bytes(fresh)).toEqual(bytes(cached));
  });

  it('counts a shipped file against the value cap (maxValues) as if it were parsed', async () => {
    const { cached, fresh } = await bothWays('clean-network.yaml', { maxValues: 3_000 });
    expect(cached.diagnostics.map((d) => d.code)).toContain('FILE_TOO_LARGE');
    expect(cached.diagnostics).toEqual(fresh.diagnostics);
  });

  it('validates a shipped file at run time, in the role it is used in', async () => {
    const r = await compile(resolve(builtinPoliciesDir, 'catalog', 'index.yaml'), { today: '2026-11-28', displayBase: builtinPoliciesDir });
    expect(r.diagnostics.map((d) => d.code)).toContain('SCHEMA_REQUIRED');
  });
});
