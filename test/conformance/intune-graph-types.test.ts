// Issue #17, "Tests": every Intune body in examples, golden cases and random blocklists type-checks
// against @microsoft/microsoft-graph-types, and the check itself fails on an unknown property or a
// wrong enum string (so it cannot pass by accepting anything).
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { compileFiles } from '../helpers/compile.js';
import { modelArbitrary, render } from '../property/blocklists.js';
import { checkGraphObject } from './graph-schema.js';
import { typecheckBodies, type NamedBody } from './intune-typecheck.js';

const repo = resolve(import.meta.dirname, '../..');
const TSC_TIMEOUT = 120_000;

/** Every `<fleet>/intune/*.json` under a folder (examples' out/, golden cases' expected/). */
function committedBodies(dir: string): NamedBody[] {
  const out: NamedBody[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\/intune\/[^/]+\.json$/.test(p.split('\\').join('/'))) out.push({ name: relative(repo, p), body: JSON.parse(readFileSync(p, 'utf8')) });
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** Random valid blocklists (test/property) with `intune: true` on every declared fleet. */
async function propertyBodies(count: number): Promise<NamedBody[]> {
  const out: NamedBody[] = [];
  for (const [i, model] of fc.sample(modelArbitrary, { numRuns: count, seed: 17 }).entries()) {
    const files = render(model);
    const policy = parse(files['policy.yaml']!) as { fleets?: Record<string, Record<string, unknown>> };
    if (!policy.fleets) continue;
    for (const fleet of Object.values(policy.fleets)) fleet['intune'] = true;
    const result = await compileFiles({ ...files, 'policy.yaml': stringify(policy) }, 'policy.yaml');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const a of result.artifacts.filter((x) => x.path.includes('/intune/'))) out.push({ name: `property run ${i}: ${a.path}`, body: JSON.parse(new TextDecoder().decode(a.bytes)) });
  }
  return out;
}

const goldenBody = () => committedBodies(join(repo, 'test/golden/intune-graph'));

describe('Intune bodies type-check against @microsoft/microsoft-graph-types', () => {
  it(
    'examples, golden cases and property runs',
    async () => {
      const committed = [...committedBodies(join(repo, 'examples')), ...goldenBody()];
      expect(committed.some((b) => b.name.startsWith('examples/'))).toBe(true);
      expect(committed.some((b) => b.name.startsWith('test/golden/'))).toBe(true);
      const random = await propertyBodies(25);
      expect(random.length).toBeGreaterThan(0);
      const { ok, output } = typecheckBodies([...committed, ...random]);
      expect(output).toBe('');
      expect(ok).toBe(true);
    },
    TSC_TIMEOUT,
  );

  it(
    'fails on an unknown property, a wrong enum string and an unknown @odata.type',
    () => {
      const [ios, mac] = ['ios-device-restrictions', 'macos-santa'].map((n) => goldenBody().find((b) => b.name.endsWith(`/${n}.json`))!.body as Record<string, unknown>);
      const item = (ios!['appsVisibilityList'] as Record<string, unknown>[])[0]!;
      const filter = goldenBody().find((b) => b.name.endsWith('/ios-web-content-filter.json'))!.body as Record<string, unknown>;
      const broken: Record<string, unknown>[] = [
        { ...ios, appsVisibilityListType: 'hidden' },
        { ...ios, compliantAppListType: 'prohibited' },
        { ...ios, appsVisibilityList: [{ ...item, bundleId: item['appId'] }] },
        { ...ios, appsVisibilityList: [{ ...item, '@odata.type': '#microsoft.graph.appListItem' }] },
        { ...mac, payloadFile: 'santa.mobileconfig' },
        { ...mac, '@odata.type': '#microsoft.graph.macOSGeneralDeviceConfiguration' },
        { ...filter, payloadFile: 'web-content-filter.mobileconfig' },
        { ...filter, '@odata.type': '#microsoft.graph.iosGeneralDeviceConfiguration' },
      ];
      for (const body of broken) {
        const { ok, output } = typecheckBodies([{ name: 'broken', body }]);
        expect(ok, JSON.stringify(body).slice(0, 200)).toBe(false);
        expect(output).toMatch(/bodies\.ts\(\d+,\d+\): error TS\d+/);
      }
    },
    TSC_TIMEOUT,
  );

  it('the per-artifact check (graph-schema.ts) finds an unknown property and a value outside its enum, nested too', () => {
    const body = { displayName: 'x', appsVisibilityListType: 'hidden', foo: 1, appsVisibilityList: [{ appId: 'a', bundleId: 'b' }] };
    expect(checkGraphObject(body, 'IosGeneralDeviceConfiguration').map((p) => `${p.code} ${p.path}`)).toEqual([
      'not-in-enum appsVisibilityListType',
      'unknown-key foo',
      'unknown-key appsVisibilityList[0].bundleId',
    ]);
  });
});
