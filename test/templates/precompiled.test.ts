import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allEntries, handlebarsCompiler, precompiledSource } from '../../src/build/templates.js';
import { handlebarsRuntime, precompiled, precompiledPath, TEMPLATE_GROUPS } from '../../src/common/precompiled-templates.js';

// The library renders only the build's precompiled templates (it never reads templates/ at run
// time): these check that the build is current and that precompiled renders as compiled.
describe('templates precompiled by the build (npm run build)', () => {
  const entries = allEntries();

  it('are current: the build wrote exactly what templates/ gives now (else run `npm run build`)', () => {
    expect(entries.length).toBeGreaterThan(10);
    for (const group of TEMPLATE_GROUPS) expect(readFileSync(precompiledPath(group), 'utf8'), group).toBe(precompiledSource(group, entries));
  });

  it('render as the compiler does', () => {
    const context = { policy: { id: 'gov.example.p', name: 'P <&> "q"' }, fleet: { id: 'phones' }, reasons: ['a', 'b'], description: 'x & y', rules: ['app rule a'] };
    for (const e of entries.filter((x) => x.key.startsWith('text:'))) {
      const fast = precompiled(handlebarsRuntime(), e.key);
      expect(fast(context), e.key).toBe(handlebarsCompiler().compile(e.source, e.options)(context));
    }
  });

  it('name a missing template instead of rendering nothing', () => {
    expect(() => precompiled(handlebarsRuntime(), 'text:apple/no-such-template')).toThrow(/no template text:apple\/no-such-template/);
  });
});
