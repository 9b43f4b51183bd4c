// Issue 7, "Property tests": random valid blocklists (catalogs with publisher trees, fleets,
// exceptions, names full of markup, quotes, emoji and right-to-left text) each compile to
// artifacts that conform to the official schemas, are byte-identical when compiled twice or from
// reordered lists, and block exactly what an independent model says. MDM_BLOCKLIST_PROPERTY_RUNS
// sets how many blocklists (default 200, a few seconds).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Artifact, CompileResult } from '../../src/index.js';
import { conformanceProblems, NOT_MDM_KINDS } from '../conformance/artifact-checks.js';
import { parsePlistXml } from '../conformance/apple-schema.js';
import { TODAY, compileFiles } from '../helpers/compile.js';
import { modelArbitrary, render, reorder, type Model } from './blocklists.js';
import { expectations, type Expectation } from './expected.js';

const runs = Number(process.env['MDM_BLOCKLIST_PROPERTY_RUNS'] ?? 200);
const decode = (a: Artifact) => new TextDecoder().decode(a.bytes);
const bytesOf = (r: CompileResult) => r.artifacts.map((a) => [a.path, decode(a)]);
/**
 * What goes to devices. The report, plan.json and the manifest (which hashes them) also say on
 * which line of the policy each rule stands, and reordering the lists moves the lines.
 */
const mdmBytesOf = (r: CompileResult) => [r.artifacts.map((a) => a.path), ...r.artifacts.filter((a) => !NOT_MDM_KINDS.has(a.kind)).map((a) => [a.path, decode(a)])];

/** Identifiers an artifact lists as blocked, read from the artifact the way a server would. */
function listedAsBlocked(artifact: Artifact): string[] {
  if (artifact.path.endsWith('.mobileconfig')) {
    const profile = parsePlistXml(decode(artifact)) as { PayloadContent?: { PayloadType: string; blockedAppBundleIDs?: string[] }[] };
    return (profile.PayloadContent ?? []).filter((p) => p.PayloadType === 'com.apple.applicationaccess').flatMap((p) => p.blockedAppBundleIDs ?? []);
  }
  const policy = JSON.parse(decode(artifact)) as { applications?: { packageName: string; installType: string }[] };
  return (policy.applications ?? []).filter((a) => a.installType === 'BLOCKED').map((a) => a.packageName);
}

const MAIN_ARTIFACT = { ios: 'ios/restrictions.mobileconfig', android: 'android/policy.json' } as const;

function checkBlocking(result: CompileResult, e: Expectation): void {
  const where = `${e.fleet}/${e.platform}`;
  const main = result.artifacts.find((a) => a.path === `${e.fleet}/${MAIN_ARTIFACT[e.platform]}`);
  expect(main, `${where}: the fleet's artifact`).toBeDefined();
  expect([...listedAsBlocked(main!)].sort(), `${where}: blocked identifiers`).toEqual(e.blocked);
  // Nothing the model leaves unblocked may appear in any artifact of the fleet for that
  // platform (a removal command or a declaration would block it just the same).
  const texts = result.artifacts.filter((a) => a.fleet === e.fleet && a.platform === e.platform).map(decode);
  for (const id of e.absent) {
    const token = new RegExp(`(?<![A-Za-z0-9_.-])${id.replace(/\./g, '\\.')}(?![A-Za-z0-9_.-])`);
    expect(texts.some((t) => token.test(t)), `${where}: ${id} must not appear`).toBe(false);
  }
}

async function compileModel(m: Model): Promise<CompileResult> {
  const files = render(m);
  const result = await compileFiles(files);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  expect(errors, `a valid blocklist failed to compile:\n${files['policy.yaml']}\n${files['catalog.yaml'] ?? ''}`).toEqual([]);
  return result;
}

describe('random valid blocklists', () => {
  it(`compile, conform, repeat byte for byte, ignore list order and block exactly what the model says (${runs} blocklists)`, async () => {
    await fc.assert(
      fc.asyncProperty(modelArbitrary, fc.integer(), async (model, seed) => {
        const result = await compileModel(model);
        expect(conformanceProblems(result.artifacts, result.plan!), 'conformance').toEqual([]);
        for (const e of expectations(model, TODAY)) checkBlocking(result, e);

        const again = await compileModel(model);
        expect(bytesOf(again), 'compiled twice').toEqual(bytesOf(result));
        const shuffled = await compileModel(reorder(model, seed));
        expect(mdmBytesOf(shuffled), 'compiled from reordered lists').toEqual(mdmBytesOf(result));
      }),
      { numRuns: runs },
    );
  }, 600_000);

  it('the generator reaches the cases that matter', () => {
    // A property that never meets an exception or a publisher tree proves little: sample the
    // generator and check each feature turns up.
    const sample = fc.sample(modelArbitrary, { numRuns: 300, seed: 7 });
    const seen = (f: (m: Model) => boolean) => sample.some(f);
    expect(seen((m) => m.publishers.some((p) => p.parent !== undefined) && m.blockPublishers.length > 0)).toBe(true);
    expect(seen((m) => m.allow.some((e) => e.until === '2020-01-31'))).toBe(true);
    expect(seen((m) => m.allow.some((e) => e.kind === 'publisher' && e.fleets !== undefined))).toBe(true);
    expect(seen((m) => m.fleets === undefined)).toBe(true);
    expect(seen((m) => (m.fleets ?? []).some((f) => f.android === 'company-owned-work-profile'))).toBe(true);
    expect(seen((m) => m.apps.some((a) => a.confidence === 'low') && m.includeLowConfidence)).toBe(true);
    expect(seen((m) => m.catalogFile)).toBe(true);
    expect(seen((m) => /[<&]/.test(m.name) && /[\u0590-\u06FF]/.test(m.apps.map((a) => a.name).join('')))).toBe(true);
    for (const m of sample.slice(0, 50)) {
      const kept = expectations(m, TODAY);
      expect(kept.every((e) => e.blocked.every((id) => !e.absent.includes(id)))).toBe(true);
    }
  });
});
