import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, type Artifact, type CompileOptions } from '../../src/index.js';
import { DiagnosticBag } from '../../src/diagnostics/diagnostic.js';
import { MAX_APPLICATIONS } from '../../src/resolve/android.js';
import { amapiPolicy } from '../../src/targets/android/amapi-policy.js';
import { compileFiles, TODAY } from '../helpers/compile.js';
import { androidTargets } from '../helpers/android.js';
import { checkFieldMask, checkRequestBody, checkResource, loadDiscovery, type Discovery, type Problem } from './amapi-schema.js';
import { conformanceDir, warnIfSkipped } from './locate.js';

/**
 * Every Android artifact the compiler writes, with and without a base policy, walked through
 * Google's discovery document: unknown fields, JSON types (int64 as a string), enum values,
 * deprecated values as failures, the 3,000-entry cap and duplicate package names.
 */
warnIfSkipped();

const repo = resolve(import.meta.dirname, '../..');
const golden = resolve(repo, 'test/golden/android');
const METHOD = 'androidmanagement.enterprises.policies';

/** Each artifact kind and how the API takes it. */
function problems(a: Artifact, d: Discovery): Problem[] {
  const data = a.data as Record<string, unknown>;
  switch (a.kind) {
    case 'amapi-policy':
    case 'amapi-policy-overlay':
      // The full policy is sent as a patch body without a mask; the body is a Policy.
      return [...checkResource(data, 'Policy', d), ...checkRequestBody(data, `${METHOD}.patch`, d)];
    case 'amapi-policy-patch':
      return [...checkRequestBody(data['body'], `${METHOD}.patch`, d), ...checkFieldMask(String(data['updateMask']), 'Policy', d)];
    case 'amapi-modify-policy-applications':
      return checkRequestBody(data, `${METHOD}.modifyPolicyApplications`, d);
    case 'amapi-remove-policy-applications':
      return checkRequestBody(data, `${METHOD}.removePolicyApplications`, d);
    default:
      return [{ path: '', code: 'unknown-key', message: `no conformance check for artifact kind ${a.kind}` }];
  }
}

async function android(entry: string, options: CompileOptions = {}): Promise<Artifact[]> {
  const result = await compile(entry, { today: TODAY, displayBase: repo, targets: androidTargets, ...options });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.artifacts.filter((a) => a.platform === 'android');
}

describe.skipIf(!conformanceDir)('Android artifacts against the AMAPI discovery document', () => {
  let discovery: Discovery;
  beforeAll(() => {
    discovery = loadDiscovery(conformanceDir!);
  });
  const expectConformant = (artifacts: readonly Artifact[]) => {
    expect(artifacts.length).toBeGreaterThan(0);
    for (const a of artifacts) expect(problems(a, discovery), a.path).toEqual([]);
  };

  const cases = ['fully-managed', 'company-owned-work-profile', 'personally-owned-work-profile', 'overlay'];
  it.each(cases)('golden case %s: every artifact', async (name) => {
    const artifacts = await android(resolve(golden, name, 'policy.yaml'), name === 'overlay' ? { previous: { field: ['com.ss.android.ugc.trill'] } } : {});
    expectConformant(artifacts);
    const kinds = new Set(artifacts.map((a) => a.kind));
    expect(kinds.has(name === 'overlay' ? 'amapi-policy-overlay' : 'amapi-policy')).toBe(true);
  });

  const shipped = ['clean-network', 'india-2020-06-29', 'us-eo-13942-13943', 'us-eo-13971'];
  it.each(shipped)('shipped policy %s, alone and laid onto a realistic base', async (name) => {
    const entry = resolve(repo, 'policies', `${name}.yaml`);
    expectConformant(await android(entry, { previous: { default: ['com.example.retired'] } }));
    const base = JSON.parse(readFileSync(resolve(golden, 'overlay/bases/field.json'), 'utf8')) as Record<string, unknown>;
    const overlaid = await android(entry, { basePolicies: { default: base } });
    expectConformant(overlaid);
    expect(overlaid.find((a) => a.path.endsWith('policy.json'))!.kind).toBe('amapi-policy-overlay');
  });

  it(`a fleet at the cap of ${MAX_APPLICATIONS} applications passes, one more is refused before output`, async () => {
    // One compile (a 3,001-app YAML takes seconds to parse): fleet "at" excepts one app, "over" none.
    const apps = Array.from({ length: MAX_APPLICATIONS + 1 }, (_, i) => `    - { id: app-${i}, name: App ${i}, android: { package: com.example.app${i} } }\n`);
    const yaml = `version: 1\nid: com.example.cap\nname: Cap\nfleets:\n  at: { android: { mode: fully-managed } }\n  over: { android: { mode: fully-managed } }\nallow: [{ app: app-0, fleets: [at] }]\nblock:\n  apps:\n${apps.join('')}`;
    const result = await compileFiles({ 'p.yaml': yaml });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.message.includes('"over"')])).toEqual([['ANDROID_APPLICATIONS_LIMIT', true]]);
    expect(result.artifacts).toEqual([]);
    const atCap = amapiPolicy.build({ ...result.plan!, fleets: result.plan!.fleets.filter((f) => f.id === 'at') }, new DiagnosticBag());
    expect((atCap[0]!.data as { applications: unknown[] }).applications).toHaveLength(MAX_APPLICATIONS);
    expect(problems(atCap[0]!, discovery)).toEqual([]);
  });
});
