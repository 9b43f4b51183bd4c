import { describe, expect, it } from 'vitest';
import { codes, compileFiles, located } from '../../helpers/compile.js';

const head = 'version: 1\nid: com.example.p\nname: P\n';
const app = 'block:\n  apps:\n    - id: a\n      name: A\n      android: { package: com.example.a }\n';

describe('validate: schema', () => {
  it('points an unknown key at the key itself and suggests the likely one', async () => {
    const r = await compileFiles({ 'p.yaml': head + app + 'fleets:\n  phones:\n    andriod: { mode: fully-managed }\n' });
    expect(located(r.diagnostics)).toEqual(['p.yaml:11:5 SCHEMA_UNKNOWN_KEY']);
    expect(r.diagnostics[0]!.message).toContain('"android"');
  });

  it('reports a missing required key at the mapping that lacks it', async () => {
    const r = await compileFiles({ 'p.yaml': 'version: 1\nname: P\n' + app });
    expect(located(r.diagnostics)).toEqual(['p.yaml:1:1 SCHEMA_REQUIRED']);
  });

  it('reports a wrong type at the value', async () => {
    const r = await compileFiles({ 'p.yaml': head + app + 'fleets:\n  phones:\n    ios: { supervised: "yes" }\n' });
    expect(located(r.diagnostics)).toEqual(['p.yaml:11:24 SCHEMA_TYPE']);
  });

  it('reports a bad enum value with the allowed values', async () => {
    const r = await compileFiles({ 'p.yaml': head + app + 'fleets:\n  phones:\n    android: { mode: byod }\n' });
    expect(located(r.diagnostics)).toEqual(['p.yaml:11:22 SCHEMA_VALUE']);
    expect(r.diagnostics[0]!.message).toContain('fully-managed');
  });

  it('says an exception needs an app or a publisher, not both', async () => {
    const neither = await compileFiles({ 'p.yaml': head + app + 'allow:\n  - reason: x\n' });
    expect(codes(neither.diagnostics)).toEqual(['SCHEMA_REQUIRED']);
    const both = await compileFiles({ 'p.yaml': head + app + 'allow:\n  - { app: a, publisher: b }\n' });
    expect(codes(both.diagnostics)).toEqual(['SCHEMA_VALUE']);
  });

  it('keeps policy-only keys out of included files', async () => {
    const r = await compileFiles({ 'p.yaml': head + 'include: [c.yaml]\n' + app, 'c.yaml': 'version: 1\nfleets: {}\n' });
    expect(located(r.diagnostics)).toEqual(['c.yaml:2:1 SCHEMA_UNKNOWN_KEY']);
  });

  it('refuses control characters and bidi overrides in any text', async () => {
    const r = await compileFiles({ 'p.yaml': head + 'description: "a\\u0007b"\n' + app.replace('name: A', 'name: "A\\u202Eevil"') });
    expect(codes(r.diagnostics)).toEqual(['UNSAFE_TEXT', 'UNSAFE_TEXT']);
  });
});

describe('validate: identifiers', () => {
  it.each([
    ['ios: { bundleId: com.example..a }', 'MALFORMED_BUNDLE_ID'],
    ['ios: { bundleId: com_example.a }', 'MALFORMED_BUNDLE_ID'],
    ['ios: { bundleId: CtClient. }', 'MALFORMED_BUNDLE_ID'],
    ['android: { package: 1com.example }', 'MALFORMED_PACKAGE_NAME'],
    ['android: { package: com.example-a.x }', 'MALFORMED_PACKAGE_NAME'],
    ['android: { package: com.tenсent.mm }', 'NON_ASCII_IDENTIFIER'],
    ['ios: { bundleId: com.example.a, teamId: abc }', 'MALFORMED_TEAM_ID'],
  ])('%s → %s', async (ids, code) => {
    const r = await compileFiles({ 'p.yaml': head + `block:\n  apps:\n    - id: a\n      name: A\n      ${ids}\n` });
    expect(codes(r.diagnostics, 'error')).toEqual([code]);
    expect(r.diagnostics.find((d) => d.code === code)).toMatchObject({ line: 8 });
  });

  it('takes a single-part bundle ID, as a few early App Store apps have (CtClient), through to the schema-checked outputs', async () => {
    const r = await compileFiles({ 'p.yaml': head + 'block:\n  apps:\n    - id: a\n      name: A\n      ios: { bundleId: CtClient }\n' });
    expect(codes(r.diagnostics, 'error')).toEqual([]);
    const profile = new TextDecoder().decode(r.artifacts.find((x) => x.path.endsWith('ios/restrictions.mobileconfig'))!.bytes);
    expect(profile).toContain('<string>CtClient</string>');
  });
});
