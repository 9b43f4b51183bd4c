// Issue 13, the Android side of the property tests: random blocklists on fleets of all three
// Android modes, with and without a random base policy (allowlists, BLOCKED entries with other
// fields, integers beyond 2^53). Properties: the compile succeeds; the base comes through
// policy.json unchanged wherever the compiler does not own a field (compared parsed, integers
// exact); and what the effect model says devices do, by either way of sending the policy, is what
// the independent reference model of the blocklist (expected.ts) says: its blocked packages
// blocked on every side the fleet's devices have, every other package as the base left it.
// MDM_BLOCKLIST_PROPERTY_RUNS sets how many blocklists (default 100, a few seconds).
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { AndroidMode, CompileResult } from '../../src/index.js';
import { parseExact } from '../../src/common/json/exact-json.js';
import { sidesOf } from '../../src/pipeline/verify/effect/android/device.js';
import { androidEffect, blocksInstall } from '../../src/pipeline/verify/effect/android/effect.js';
import { readAndroid, type Json } from '../../src/pipeline/verify/effect/android/read.js';
import { TODAY, compileFiles } from '../helpers/compile.js';
import { baseArbitrary, type BaseText } from './android-bases.js';
import { modelArbitrary, render, type Model } from './blocklists.js';
import { expectations, type Expectation } from './expected.js';

const runs = Number(process.env['MDM_BLOCKLIST_PROPERTY_RUNS'] ?? 100);
const MODES: AndroidMode[] = ['fully-managed', 'company-owned-work-profile', 'personally-owned-work-profile'];

interface Case {
  model: Model;
  modes: Record<string, AndroidMode>;
  bases: Record<string, BaseText>;
}

/** Every fleet of a random blocklist on a random Android mode, some with a base that fits it. */
const caseArbitrary: fc.Arbitrary<Case> = modelArbitrary.chain((m) => {
  const ids = m.fleets?.map((f) => f.id) ?? ['default'];
  return fc.tuple(...ids.map(() => fc.constantFrom(...MODES))).chain((modeList) => {
    const modes = Object.fromEntries(ids.map((id, i) => [id, modeList[i]!]));
    const model: Model = { ...m, fleets: ids.map((id) => ({ id, ios: m.fleets?.find((f) => f.id === id)?.ios ?? false, android: modes[id]! })) };
    const wanted = new Map(expectations(model, TODAY).filter((e) => e.platform === 'android').map((e) => [e.fleet, e]));
    const bases = ids.map((id) => fc.option(baseArbitrary(modes[id]!, wanted.get(id)!.blocked, wanted.get(id)!.absent, wanted.get(id)!.allowed), { nil: undefined }));
    return fc.tuple(...bases).map((list) => ({ model, modes, bases: Object.fromEntries(ids.flatMap((id, i) => (list[i] ? [[id, list[i]]] : []))) }));
  });
});

/** The rendered policy with each fleet's basePolicy pointing at its file. */
function filesOf(c: Case): Record<string, string> {
  const files = render(c.model);
  const policy = parse(files['policy.yaml']!) as { fleets: Record<string, { android: Record<string, unknown> }> };
  for (const id of Object.keys(c.bases)) policy.fleets[id]!.android['basePolicy'] = `bases/${id}.json`;
  return { ...files, 'policy.yaml': stringify(policy, { lineWidth: 0, aliasDuplicateObjects: false }), ...Object.fromEntries(Object.entries(c.bases).map(([id, b]) => [`bases/${id}.json`, b.text])) };
}

const text = (r: CompileResult, path: string) => new TextDecoder().decode(r.artifacts.find((a) => a.path === path)!.bytes);
const blockedEntry = (packageName: string) => ({ packageName, installType: 'BLOCKED' });
const entries = (list: unknown) => (Array.isArray(list) ? (list as Json[]) : []);

/** policy.json is the base with only the owned fields changed, the way docs/android.md says. */
function checkOverlay(policy: Json, base: Json, mode: AndroidMode, blocked: readonly string[], where: string): void {
  const owned = new Set(['applications', 'playStoreMode', 'version', ...(mode === 'company-owned-work-profile' ? ['personalUsagePolicies'] : [])]);
  const keep = (o: Json) => Object.fromEntries(Object.entries(o).filter(([k]) => !owned.has(k)));
  expect(keep(policy), `${where}: fields the compiler does not own`).toEqual(keep(base));
  expect(Object.keys(keep(policy)), `${where}: their order`).toEqual(Object.keys(keep(base)));
  expect('version' in policy, `${where}: version`).toBe(false);
  expect(policy['playStoreMode'], `${where}: playStoreMode`).toEqual(base['playStoreMode'] === 'BLACKLIST' ? 'BLACKLIST' : base['playStoreMode']);
  const merged = (baseList: unknown) => {
    const listed = new Set(entries(baseList).map((e) => e['packageName']));
    return [...entries(baseList), ...[...blocked].sort().filter((p) => !listed.has(p)).map(blockedEntry)];
  };
  const applications = merged(base['applications']);
  // A base without the list on a fleet that blocks nothing keeps having none.
  expect(policy['applications'], `${where}: applications`).toEqual(applications.length === 0 && !('applications' in base) ? undefined : applications);
  if (mode !== 'company-owned-work-profile') return;
  const basePersonal = (base['personalUsagePolicies'] ?? {}) as Json;
  const personal = policy['personalUsagePolicies'] as Json;
  expect(keep({ ...personal, personalApplications: 0, personalPlayStoreMode: 0 }), `${where}: other personal fields`).toEqual(keep({ ...basePersonal, personalApplications: 0, personalPlayStoreMode: 0 }));
  expect(personal['personalPlayStoreMode'], `${where}: personalPlayStoreMode`).toBe(basePersonal['personalPlayStoreMode'] === 'ALLOWLIST' ? 'ALLOWLIST' : 'BLOCKLIST');
  expect(personal['personalApplications'], `${where}: personalApplications`).toEqual(merged(basePersonal['personalApplications']));
}

/** The effect model against the reference: blocked where the reference blocks, else as the base had it. */
function checkEffect(r: CompileResult, e: Expectation, mode: AndroidMode, server: Json | undefined): void {
  const reading = readAndroid(r.artifacts.filter((a) => a.fleet === e.fleet && a.platform === 'android'));
  for (const packageName of [...e.blocked, ...e.absent]) {
    for (const side of sidesOf(mode)) {
      const intent = e.blocked.includes(packageName) ? 'block' : 'untouched';
      const effects = androidEffect(reading, { packageName, side, ...(server && { server }) }, intent);
      const where = `${e.fleet} (${mode}${server ? ', base' : ''}) ${side}: ${packageName}`;
      if (intent === 'block') expect(effects.some(blocksInstall), `${where} is blocked`).toBe(true);
      else expect(effects, `${where} is as the base left it`).toEqual([]);
    }
  }
}

describe('random blocklists on Android fleets, with and without base policies', () => {
  it(`keep the base and block exactly what the reference says, sent whole or as request bodies (${runs} blocklists)`, async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async (c) => {
        const files = filesOf(c);
        const r = await compileFiles(files);
        expect(r.diagnostics.filter((d) => d.severity === 'error'), `a valid blocklist failed:\n${Object.entries(files).map(([k, v]) => `--- ${k}\n${v}`).join('\n')}`).toEqual([]);
        for (const e of expectations(c.model, TODAY).filter((x) => x.platform === 'android')) {
          const mode = c.modes[e.fleet]!;
          const base = c.bases[e.fleet];
          const out = text(r, `${e.fleet}/android/policy.json`);
          const server = base ? (parseExact(base.text) as Json) : undefined;
          if (base && server) {
            for (const digits of base.bigIntegers.filter((d) => d !== '9007199254740993')) expect(out, `${e.fleet}: ${digits} kept`).toContain(digits);
            checkOverlay(parseExact(out) as Json, server, mode, e.blocked, e.fleet);
          }
          checkEffect(r, e, mode, server);
        }
      }),
      { numRuns: runs },
    );
  }, 600_000);

  it('the generator reaches the cases that matter', () => {
    const sample = fc.sample(caseArbitrary, { numRuns: 300, seed: 13 });
    const bases = sample.flatMap((c) => Object.entries(c.bases).map(([id, b]) => ({ mode: c.modes[id]!, b })));
    for (const mode of MODES) expect(bases.some((x) => x.mode === mode), mode).toBe(true);
    expect(bases.some((x) => x.b.bigIntegers.length > 0), 'big integers').toBe(true);
    expect(bases.some((x) => /"BLOCKED",\n\s+"disabled"|"disabled"[^}]*"BLOCKED"/.test(x.b.text) || /"installType": "BLOCKED",\n\s+"(disabled|autoUpdateMode|managedConfiguration)"/.test(x.b.text)), 'BLOCKED entries with other fields').toBe(true);
    expect(bases.some((x) => !/"playStoreMode": "BLACKLIST"/.test(x.b.text)), 'allowlist bases').toBe(true);
    expect(bases.some((x) => /"personalPlayStoreMode": "ALLOWLIST"/.test(x.b.text)), 'personal allowlists').toBe(true);
    expect(sample.some((c) => Object.keys(c.bases).length < (c.model.fleets?.length ?? 1)), 'fleets without a base').toBe(true);
  });
});
