import { describe, expect, it } from 'vitest';
import { codes, located } from '../helpers/compile.js';
import { androidPolicy, compileWith } from './fixtures.js';

const withBase = (json: string) =>
  compileWith({ 'p.yaml': androidPolicy('  field:\n    android: { mode: fully-managed, basePolicy: bases/field.json }\n'), 'bases/field.json': json });

describe('reading a base policy', () => {
  it('reports a missing file at the basePolicy that names it', async () => {
    const r = await compileWith({ 'p.yaml': androidPolicy('  field:\n    android: { mode: fully-managed, basePolicy: nope.json }\n') });
    expect(located(r.diagnostics)).toEqual(['p.yaml:10:49 FILE_NOT_FOUND']);
    expect(r.artifacts).toEqual([]);
  });

  it('points a JSON syntax error at its line and column, naming a trailing comma', async () => {
    const r = await withBase('{\n  "playStoreMode": "BLACKLIST",\n}\n');
    expect(located(r.diagnostics)).toEqual(['bases/field.json:3:1 ANDROID_BASE_SYNTAX']);
    expect(r.diagnostics[0]!.message).toMatch(/trailing comma/);
  });

  it.each([
    ['a comment', '{ // no\n "playStoreMode": "BLACKLIST" }', 'bases/field.json:1:3'],
    ['single quotes', "{ 'playStoreMode': 1 }", 'bases/field.json:1:3'],
    ['an empty file', '', 'bases/field.json:1:1'],
    ['two values', '{} {}', 'bases/field.json:1:4'],
  ])('refuses %s as not JSON', async (_, text, at) => {
    const r = await withBase(text);
    expect(located(r.diagnostics)[0]).toBe(`${at} ANDROID_BASE_SYNTAX`);
  });

  it('refuses a base that is not a JSON object', async () => {
    const r = await withBase('[{ "packageName": "com.example.a" }]');
    expect(located(r.diagnostics)).toEqual(['bases/field.json:1:1 ANDROID_BASE_INVALID']);
  });

  it('points an unknown field at its key, with the field it probably meant', async () => {
    const r = await withBase('{\n  "playStoreMode": "BLACKLIST",\n  "aplications": []\n}');
    expect(located(r.diagnostics)).toEqual(['bases/field.json:3:3 ANDROID_BASE_INVALID']);
    expect(r.diagnostics[0]!.message).toMatch(/Policy has no field "aplications".*"applications"/);
  });

  it('checks the parts the compiler reads: entries, enums, types, duplicates', async () => {
    const r = await withBase(`{
  "applications": [
    { "packageName": "com.example.a", "installType": "BLOCK" },
    { "installType": "AVAILABLE" },
    { "packageName": "com.example.a", "instalType": "AVAILABLE" }
  ],
  "uninstallAppsDisabled": "no"
}`);
    expect(located(r.diagnostics)).toEqual([
      'bases/field.json:1:1 ANDROID_BASE_ALLOWLIST', // the checks against the blocklist still run
      'bases/field.json:3:54 ANDROID_BASE_INVALID', // installType BLOCK
      'bases/field.json:4:5 ANDROID_BASE_INVALID', // no packageName
      'bases/field.json:5:22 ANDROID_BASE_INVALID', // com.example.a twice
      'bases/field.json:5:39 ANDROID_BASE_INVALID', // instalType
      'bases/field.json:7:28 ANDROID_BASE_INVALID', // not a boolean
    ]);
  });

  it('refuses a key given twice, which JSON.parse would silently resolve', async () => {
    const r = await withBase('{ "personalUsagePolicies": { "personalPlayStoreMode": "BLOCKLIST", "personalPlayStoreMode": "ALLOWLIST" } }');
    expect(located(r.diagnostics)).toEqual(['bases/field.json:1:68 ANDROID_BASE_INVALID']);
  });

  it('passes fields it does not read through unchecked below the top level', async () => {
    const r = await withBase('{ "playStoreMode": "BLACKLIST", "systemUpdate": { "type": "WINDOWED", "anyFutureField": 1 } }');
    expect(codes(r.diagnostics, 'error')).toEqual([]);
  });

  it('takes the base as an object from a library caller, overriding the file', async () => {
    const r = await compileWith(
      { 'p.yaml': androidPolicy('  field:\n    android: { mode: fully-managed, basePolicy: missing.json }\n') },
      { basePolicies: { field: { playStoreMode: 'BLACKLIST', applicationz: [] } } },
    );
    expect(r.diagnostics.map((d) => [d.file, d.line, d.code])).toEqual([['base policy of fleet "field"', undefined, 'ANDROID_BASE_INVALID']]);
  });

  it('refuses a base for a fleet without android settings', async () => {
    const r = await compileWith({ 'p.yaml': androidPolicy('  phones:\n    ios: {}\n') }, { basePolicies: { phones: {} } });
    expect(codes(r.diagnostics, 'error')).toEqual(['ANDROID_BASE_FLEET']);
  });
});
