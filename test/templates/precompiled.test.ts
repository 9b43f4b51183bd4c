import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportTemplates } from '../../src/pipeline/report/render.js';
import { textTemplates } from '../../src/pipeline/targets/text.js';
import { handlebarsCompiler, handlebarsRuntime, precompiled, PRECOMPILED_PATH } from '../../src/common/precompiled-templates.js';

// The report and Apple goldens render through the precompiled templates when the build made them
// (npm test builds first); these check that it did, for every template, and that it is exact.
describe.skipIf(!existsSync(PRECOMPILED_PATH))('templates precompiled by the build (npm run build)', () => {
  const entries = [...textTemplates(), ...reportTemplates()];

  it('cover every template, with the text and options it is rendered with', () => {
    expect(entries.length).toBeGreaterThan(10);
    for (const e of entries) expect(precompiled(handlebarsRuntime(), e.key, e.source, e.options), e.key).toBeDefined();
  });

  it('are not used for a template whose text or options changed', () => {
    const e = entries.find((x) => x.key === 'report:report.md')!;
    expect(precompiled(handlebarsRuntime(), e.key, `${e.source}\nedited`, e.options)).toBeUndefined();
    expect(precompiled(handlebarsRuntime(), e.key, e.source, { ...e.options, noEscape: false })).toBeUndefined();
  });

  it('render as the compiler does', () => {
    const context = { policy: { id: 'gov.example.p', name: 'P <&> "q"' }, fleet: { id: 'phones' }, reasons: ['a', 'b'], description: 'x & y', rules: ['app rule a'] };
    for (const e of entries.filter((x) => x.key.startsWith('text:'))) {
      const fast = precompiled(handlebarsRuntime(), e.key, e.source, e.options)!;
      expect(fast(context), e.key).toBe(handlebarsCompiler().compile(e.source, e.options)(context));
    }
  });
});
