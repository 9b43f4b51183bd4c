import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinPoliciesDir, compile, type CompileResult, type Plan } from '../../src/index.js';
import { TODAY } from '../helpers/compile.js';
import { updating } from '../helpers/golden.js';

const SHIPPED = ['clean-network.yaml', 'india-2020-06-29.yaml', 'us-eo-13942-13943.yaml', 'us-eo-13971.yaml'];
const COUNTS_FILE = join(import.meta.dirname, 'blocked-counts.json');

const results = new Map<string, CompileResult>();
beforeAll(async () => {
  for (const name of SHIPPED) results.set(name, await compile(join(builtinPoliciesDir, name), { today: TODAY }));
});

/** Per fleet and platform: how many apps are blocked, and how many are named but left out, and why. */
function counts(plan: Plan) {
  return Object.fromEntries(
    plan.fleets.map((fleet) => {
      const perPlatform: Record<string, Record<string, number>> = {};
      for (const platform of ['ios', 'macos', 'android'] as const) {
        const p = fleet[platform];
        if (!p) continue;
        const entry: Record<string, number> = { blocked: p.blocked.length };
        if (platform === 'macos') entry['teams'] = fleet.macos!.teams.length;
        for (const why of ['allowed', 'low-confidence', 'no-identifier'] as const) {
          const n = p.notEnforced.filter((e) => e.why === why).length;
          if (n) entry[why] = n;
        }
        // Apps with no build for the platform: neither blocked nor a gap.
        if (p.absent.length) entry['absent'] = p.absent.length;
        perPlatform[platform] = entry;
      }
      return [fleet.id, perPlatform];
    }),
  );
}

describe('shipped policies', () => {
  it.each(SHIPPED)('%s compiles without errors', (name) => {
    const r = results.get(name)!;
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.artifacts.length).toBeGreaterThan(1);
  });

  it('block the pinned number of apps per fleet and platform (test/policies/blocked-counts.json)', () => {
    const actual = Object.fromEntries(SHIPPED.map((name) => [name, counts(results.get(name)!.plan!)]));
    if (updating) {
      writeFileSync(COUNTS_FILE, JSON.stringify(actual, null, 2) + '\n');
      return;
    }
    const pinned = JSON.parse(readFileSync(COUNTS_FILE, 'utf8')) as unknown;
    expect(
      actual,
      'What a shipped policy blocks changed. If the catalog or policy change is intended, run\n' +
        '  UPDATE_GOLDEN=1 npx vitest run test/policies/shipped.test.ts\n' +
        'and commit test/policies/blocked-counts.json, so reviewers see the change in the diff.',
    ).toEqual(pinned);
  });

  it('india-2020-06-29.yaml has one rule for each of the 59 listed apps', () => {
    const text = readFileSync(join(builtinPoliciesDir, 'india-2020-06-29.yaml'), 'utf8');
    const numbered = [...text.matchAll(/reason: '?No\. (\d+) on the list/g)].map((m) => Number(m[1]));
    expect(numbered).toEqual(Array.from({ length: 59 }, (_, i) => i + 1));
    // Each rule names a distinct catalog app, so none of the 59 is counted twice or lost.
    const android = results.get('india-2020-06-29.yaml')!.plan!.fleets[0]!.android!;
    expect(new Set([...android.blocked, ...android.notEnforced].map((e) => e.app.id)).size).toBe(59);
  });

  it.each(['us-eo-13942-13943.yaml', 'us-eo-13971.yaml'])('%s cites its orders and their revocation by EO 14034 on 9 June 2021', (name) => {
    const plan = results.get(name)!.plan!;
    expect(plan.policy.description).toMatch(/revoked by Executive Order 14034 on 9 June 2021/);
    const references = plan.catalog.references;
    expect(references.get('eo-14034')).toMatchObject({ issuer: 'President of the United States', date: '2021-06-09', url: 'https://www.federalregister.gov/d/2021-12506' });
    const orders = name === 'us-eo-13971.yaml' ? ['eo-13971'] : ['eo-13942', 'eo-13943'];
    for (const key of orders) {
      const ref = references.get(key)!;
      expect(ref.title).toMatch(/^Executive Order \d{5}: /);
      expect(ref).toMatchObject({ issuer: 'President of the United States' });
      expect(ref.date).toMatch(/^20\d\d-\d\d-\d\d$/);
      expect(ref.url).toMatch(/^https:\/\/www\.federalregister\.gov\/d\/20\d\d-\d{5}$/);
      expect(ref.note).toMatch(/Revoked by Executive Order 14034 on 9 June 2021/);
    }
    // Every block rule cites the revocation, so the report shows it beside each app.
    for (const fleet of plan.fleets) {
      for (const b of [...fleet.ios!.blocked, ...fleet.android!.blocked]) {
        expect(b.because.some((p) => p.references.some((r) => r.key === 'eo-14034')), b.identifier).toBe(true);
      }
    }
  });

  it('clean-network.yaml cites the State Department statement of 5 August 2020', () => {
    const ref = results.get('clean-network.yaml')!.plan!.catalog.references.get('clean-network-2020')!;
    expect(ref).toMatchObject({
      title: "Announcing the Expansion of the Clean Network to Safeguard America's Assets",
      issuer: 'U.S. Department of State',
      date: '2020-08-05',
      url: 'https://www.state.gov/announcing-the-expansion-of-the-clean-network-to-safeguard-americas-assets/',
    });
  });

  it('every policy has at least one reference with title, issuer, date and URL', () => {
    for (const name of SHIPPED) {
      const refs = [...results.get(name)!.plan!.catalog.references.values()];
      expect(refs.some((r) => r.title && r.issuer && r.date && r.url), name).toBe(true);
    }
  });
});
