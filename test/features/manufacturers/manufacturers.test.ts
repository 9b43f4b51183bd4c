import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/features/explain/explain.js';
import { madeBy } from '../../../src/plan/made-by.js';
import { codes, compileFiles, located } from '../../helpers/compile.js';

/** block.manufacturers (issue #20): catalogued makers, the rule, what compile says, plan.json and explain. */

const catalog = `version: 1
publishers:
  - id: maker
    name: Maker
manufacturers:
  - id: maker
    name: Maker Inc.
    publisher: maker
    android:
      manufacturer: [MAKER]
      brand: [MAKER, SUBBRAND]
    sources:
      - text: a firmware's build.prop
        url: https://example.com/build.prop
apps:
  - id: maker-store
    name: Maker Store
    publisher: maker
    android:
      package:
        value: com.maker.store
        sources: [{ text: listing, url: "https://example.com/store" }]
      preinstalled:
        sources: [{ text: firmware list, url: "https://example.com/firmware" }]
`;

const policy = (manufacturers: string) => `version: 1
id: com.example.policy
name: Example
include: [catalog.yaml]
block:
  apps:
    - id: maker-store
  manufacturers:
${manufacturers}`;

describe('block.manufacturers', () => {
  it('says at the rule that a manufacturer rule has no artifact, and lists the maker in plan.json', async () => {
    const result = await compileFiles({ 'policy.yaml': policy('    - id: maker\n      reason: not wanted\n'), 'catalog.yaml': catalog });
    expect(codes(result.diagnostics, 'error')).toEqual([]);
    expect(located(result.diagnostics.filter((d) => d.code === 'MANUFACTURER_NO_ARTIFACT'))).toEqual(['policy.yaml:9:7 MANUFACTURER_NO_ARTIFACT']);
    const planJson = result.artifacts.find((a) => a.path === 'plan.json');
    expect(JSON.parse(new TextDecoder().decode(planJson!.bytes)).manufacturers).toEqual([{ id: 'maker', name: 'Maker Inc.', manufacturer: ['MAKER'], brand: ['MAKER', 'SUBBRAND'] }]);
  });

  it('reads references and sources as the other rules and entries do: a key resolves, an unknown key is UNKNOWN_REFERENCE at it', async () => {
    const refs = 'references:\n  eo: { title: An order, url: "https://example.com/order" }\n';
    const withRefs = (app: string, maker: string) =>
      policy(`    - id: maker\n      references: [${maker}]\n`).replace('include: [catalog.yaml]\n', `include: [catalog.yaml]\n${refs}`).replace('    - id: maker-store\n', `    - id: maker-store\n      references: [${app}]\n`);
    const bad = await compileFiles({ 'policy.yaml': withRefs('eo, nope', 'eo, gone'), 'catalog.yaml': catalog });
    expect(located(bad.diagnostics.filter((d) => d.severity === 'error'))).toEqual(['policy.yaml:10:24 UNKNOWN_REFERENCE', 'policy.yaml:13:24 UNKNOWN_REFERENCE']);
    const good = await compileFiles({ 'policy.yaml': withRefs('eo', 'eo, { title: Inline, url: "https://example.com/inline" }'), 'catalog.yaml': catalog });
    expect(codes(good.diagnostics, 'error')).toEqual([]);
    const order = { key: 'eo', title: 'An order', url: 'https://example.com/order' };
    expect(good.plan!.rules.block[0]!.references).toEqual([order]);
    expect(good.plan!.rules.manufacturers![0]!.references).toEqual([order, { title: 'Inline', url: 'https://example.com/inline' }]);
    const maker = good.plan!.catalog.manufacturers.get('maker')!;
    expect(maker.sources).toEqual([{ text: "a firmware's build.prop", url: 'https://example.com/build.prop' }]);
    expect(maker.sourcesAt!.map((p) => `${p.line}:${p.col}`)).toEqual(['13:9']);
  });

  it('refuses an unknown manufacturer at its id', async () => {
    const result = await compileFiles({ 'policy.yaml': policy('    - id: nobody\n'), 'catalog.yaml': catalog });
    expect(located(result.diagnostics.filter((d) => d.severity === 'error'))).toEqual(['policy.yaml:9:11 UNKNOWN_MANUFACTURER']);
  });

  it('refuses a manufacturer whose publisher is not in the catalog', async () => {
    const result = await compileFiles({ 'policy.yaml': policy('    - id: maker\n'), 'catalog.yaml': catalog.replace('    publisher: maker\n    android:\n      manufacturer', '    publisher: nobody\n    android:\n      manufacturer') });
    expect(located(result.diagnostics.filter((d) => d.severity === 'error'))).toEqual(['catalog.yaml:6:5 UNKNOWN_PUBLISHER']);
  });

  it('writes no manufacturers key in plan.json when the policy names none', async () => {
    const result = await compileFiles({ 'policy.yaml': policy('    []\n').replace('  manufacturers:\n    []\n', ''), 'catalog.yaml': catalog });
    const planJson = result.artifacts.find((a) => a.path === 'plan.json');
    expect(JSON.parse(new TextDecoder().decode(planJson!.bytes))).not.toHaveProperty('manufacturers');
  });

  it('explain answers for the maker by id and by a reported string, and marks the pre-installed app', async () => {
    const result = await compileFiles({ 'policy.yaml': policy('    - id: maker\n'), 'catalog.yaml': catalog });
    const byString = explain(result.plan!, 'subbrand').answers;
    expect(byString.map((a) => a.kind)).toEqual(['manufacturer']);
    expect(byString[0]).toMatchObject({ matchedBy: 'hardwareInfo string', rule: { at: { line: 9 } } });
    const app = explain(result.plan!, 'com.maker.store').answers[0];
    expect(app).toMatchObject({ kind: 'app', app: { preinstalled: true } });
  });
});

describe('madeBy', () => {
  const m = { android: { manufacturer: ['HUAWEI'], brand: ['HUAWEI'] } };
  it('matches the manufacturer or the brand, ignoring case', () => {
    expect(madeBy(m, { manufacturer: 'Huawei', brand: 'HONOR' })).toBe(true);
    expect(madeBy(m, { brand: 'huawei' })).toBe(true);
    expect(madeBy(m, { manufacturer: 'HONOR', brand: 'HONOR' })).toBe(false);
    expect(madeBy(m, {})).toBe(false);
  });
});
