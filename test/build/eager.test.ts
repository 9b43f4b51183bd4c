import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, it } from 'vitest';
import { eagerFunctions } from '../../src/build/eager.js';
import { repoRoot } from '../helpers/cli.js';

/** Runs a CommonJS script in a fresh context and gives its exports. */
function run(code: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  runInNewContext(`(function (exports, module) {${code}\n})`)(module.exports, module);
  return module.exports;
}

describe('eagerFunctions: every function literal compiled with its file (src/build/eager.ts)', () => {
  const source = [
    '#!/usr/bin/env node',
    '"use strict";',
    'exports.early = later(2);',
    'const é = "…😀";',
    'function later(n) { return inner(n) + 1; function inner(m) { return m * 10; } }',
    'async function* gen() { yield 1; }',
    'const obj = { key: function () {}, arrow: () => 1, method() { return 2; }, get g() { return 3; } };',
    'class C { m() { return [1, 2].map((x) => x + 1); } static s = () => 4; }',
    'exports.names = [obj.key.name, obj.arrow.name, later.name, gen.name, é];',
    'exports.values = [obj.arrow(), obj.method(), obj.g, new C().m(), C.s(), typeof gen];',
    'if (true) { function block() { return 5; } exports.block = block(); }',
  ].join('\n');
  const eager = eagerFunctions(source, 'sample.cjs');

  it('wraps function expressions and arrows in parentheses, and leaves methods alone', ({ expect }) => {
    expect(eager).toContain('key: (function () {})');
    expect(eager).toContain('arrow: (() => 1)');
    expect(eager).toContain('.map(((x) => x + 1))');
    expect(eager).toContain('static s = (() => 4)');
    expect(eager).toContain('method() { return 2; }');
  });

  it('moves top-level declarations to the top as parenthesised expressions, after the shebang and directive', ({ expect }) => {
    const lines = eager.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '#!/usr/bin/env node',
      '"use strict";',
      'var later = (function later(n) { return inner(n) + 1; function inner(m) { return m * 10; } });',
      'var gen = (async function* gen() { yield 1; });',
    ]);
    // A declaration in a block keeps its place.
    expect(eager).toContain('if (true) { function block() { return 5; }');
  });

  it('runs exactly as the source does: hoisting, function names, values', ({ expect }) => {
    const strip = (code: string) => code.replace(/^#!.*\n/, '');
    expect(run(strip(eager))).toEqual(run(strip(source)));
    expect(run(strip(eager))['early']).toBe(21);
  });

  it('refuses code it cannot parse, instead of writing something else', ({ expect }) => {
    expect(() => eagerFunctions('function (', 'bad.cjs')).toThrow(/bad\.cjs/);
  });

  it('changes nothing the second time', ({ expect }) => {
    expect(eagerFunctions(eager, 'sample.cjs')).toBe(eager);
  });

  it('is what the build did to the CLI bundle', ({ expect }) => {
    const dist = join(repoRoot, 'dist');
    const bundle = readdirSync(dist).filter((f) => /^cli(-.+)?\.cjs$/.test(f));
    expect(bundle.length).toBeGreaterThan(3);
    for (const f of bundle) {
      const code = readFileSync(join(dist, f), 'utf8');
      expect(eagerFunctions(code, f), f).toBe(code);
    }
  });
});
