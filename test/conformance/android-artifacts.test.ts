import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, type CompileOptions } from '../../src/index.js';
import { DiagnosticBag } from '../../src/common/diagnostics/diagnostic.js';
import { MAX_APPLICATIONS } from '../../src/pipeline/resolve/android.js';
import { amapiPolicy } from '../../src/pipeline/targets/android/amapi-policy.js';
import { androidTargets } from '../helpers/android.js';
import { compileFiles, TODAY } from '../helpers/compile.js';
import { conformanceProblems } from './artifact-checks.js';

/**
 * Every Android artifact kind, with and without a base policy, walked through Google's discovery
 * document (unknown fields, JSON types with int64 as a string, enum values, deprecated values as
 * failures, the 3,000-entry cap, duplicate package names). artifacts.test.ts covers each golden
 * case as it is; this adds what a policy file alone cannot ask for: --previous (the removal
 * body), a base given by the caller over the shipped policies, and the cap itself.
 */
const repo = resolve(import.meta.dirname, '../..');
const overlayCase = resolve(repo, 'test/golden/amapi-policy/overlay');
const ALL_KINDS = ['amapi-policy', 'amapi-policy-overlay', 'amapi-policy-patch', 'amapi-modify-policy-applications', 'amapi-remove-policy-applications'];

async function androidProblems(entry: string, options: CompileOptions) {
  const result = await compile(entry, { today: TODAY, displayBase: repo, targets: androidTargets, ...options });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const android = result.artifacts.filter((a) => a.platform === 'android');
  return { kinds: new Set(android.map((a) => a.kind)), problems: conformanceProblems(android, result.plan!) };
}

describe('Android artifacts against the AMAPI discovery document', () => {
  it('the overlay case with --previous: every kind, the removal body included', async () => {
    const previous = { field: ['com.ss.android.ugc.trill'], staff: ['com.example.retired'] };
    const { kinds, problems } = await androidProblems(resolve(overlayCase, 'policy.yaml'), { previous });
    expect(problems).toEqual([]);
    expect([...kinds].sort()).toEqual(ALL_KINDS.filter((k) => k !== 'amapi-policy').sort());
  });

  const shipped = ['clean-network', 'india-2020-06-29', 'us-eo-13942-13943', 'us-eo-13971'];
  it.each(shipped)('shipped policy %s, alone and laid onto a realistic base', async (name) => {
    const entry = resolve(repo, 'policies', `${name}.yaml`);
    const alone = await androidProblems(entry, { previous: { default: ['com.example.retired'] } });
    expect(alone.problems).toEqual([]);
    // Without a base no patch: it could only change modes and lists of a policy nobody has seen.
    expect([...alone.kinds].sort()).toEqual(ALL_KINDS.filter((k) => k !== 'amapi-policy-overlay' && k !== 'amapi-policy-patch').sort());
    const base = JSON.parse(readFileSync(resolve(overlayCase, 'bases/field.json'), 'utf8')) as Record<string, unknown>;
    const overlaid = await androidProblems(entry, { basePolicies: { default: base } });
    expect(overlaid.problems).toEqual([]);
    expect(overlaid.kinds.has('amapi-policy-overlay')).toBe(true);
    expect(overlaid.kinds.has('amapi-policy-patch')).toBe(true);
  });

  it(`a fleet at the cap of ${MAX_APPLICATIONS} applications passes, one more is refused before output`, async () => {
    // One compile (a 3,001-app YAML takes a while to parse): fleet "at" excepts one app, "over" none.
    const apps = Array.from({ length: MAX_APPLICATIONS + 1 }, (_, i) => `    - { id: app-${i}, name: App ${i}, android: { package: com.example.app${i} } }\n`);
    const yaml = `version: 1\nid: com.example.cap\nname: Cap\nfleets:\n  at: { android: { mode: fully-managed } }\n  over: { android: { mode: fully-managed } }\nallow: [{ app: app-0, fleets: [at] }]\nblock:\n  apps:\n${apps.join('')}`;
    const result = await compileFiles({ 'p.yaml': yaml });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.message.includes('"over"')])).toEqual([['ANDROID_APPLICATIONS_LIMIT', true]]);
    expect(result.artifacts).toEqual([]);
    const plan = { ...result.plan!, fleets: result.plan!.fleets.filter((f) => f.id === 'at') };
    const atCap = amapiPolicy.build(plan, new DiagnosticBag());
    expect((atCap[0]!.data as { applications: unknown[] }).applications).toHaveLength(MAX_APPLICATIONS);
    expect(conformanceProblems(atCap, plan)).toEqual([]);
  });
});
