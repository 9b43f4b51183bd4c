// Issue 13, "Property tests over the whole space": random Apple blocklists (iOS and macOS fleets of
// every kind, Santa with both payload types, DDM, exceptions at app and publisher level, inline
// apps, low confidence) compile without an effect error, and what the effect model reads from the
// artifacts' bytes is what an independent reference of the policy's meaning says, for every fleet,
// device class and app. MDM_BLOCKLIST_PROPERTY_RUNS sets how many blocklists (default 150).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deviceClasses } from '../../src/plan/device-classes.js';
import { EFFECT_MODELS } from '../../src/pipeline/verify/effect/models.js';
import { isBlocking, type PlatformModel } from '../../src/pipeline/verify/effect/types.js';
import { TODAY, compileFiles } from '../helpers/compile.js';
import { appleModelArbitrary, renderApple, type AppleModel } from './apple-fleets.js';
import { reference } from './apple-reference.js';

const runs = Number(process.env['MDM_BLOCKLIST_PROPERTY_RUNS'] ?? 150);

async function check(m: AppleModel): Promise<void> {
  const yaml = renderApple(m);
  const result = await compileFiles({ 'policy.yaml': yaml });
  expect(result.diagnostics.filter((d) => d.severity === 'error'), yaml).toEqual([]);
  const ref = reference(m, TODAY);
  const apps = new Map(m.apps.map((a) => [a.id, a]));
  for (const fleet of result.plan!.fleets) {
    const settings = m.fleets.find((f) => f.id === fleet.id)!;
    for (const platform of ['ios', 'macos'] as const) {
      if (!fleet[platform]) continue;
      const model = EFFECT_MODELS[platform] as PlatformModel;
      const reading = model.read(result.artifacts.filter((a) => a.fleet === fleet.id && a.platform === platform));
      const subjects = model.subjects(fleet, result.plan!.catalog).filter((s) => s.appId !== undefined);
      for (const device of deviceClasses(fleet, platform)) {
        if (device.platform === 'android') continue;
        const d = { major: device.major, supervised: device.supervised, santa: device.platform === 'macos' && device.santa !== false };
        for (const s of subjects) {
          const app = apps.get(s.appId!)!;
          if (platform === 'macos' && ref.unnamed(fleet.id, app)) continue;
          const want = platform === 'ios' ? ref.ios(fleet.id, settings.ios!.legacyKeys, d, app) : ref.macos(fleet.id, d, app);
          const got = model.effect(reading, device, s).some(isBlocking);
          expect(got, `${fleet.id} ${platform} ${device.major} ${d.supervised ? 'supervised' : 'unsupervised'}${d.santa ? ' Santa' : ''}: ${s.label}\n${yaml}`).toBe(want);
        }
      }
    }
  }
}

describe('random Apple blocklists', () => {
  it(`do on every device class what the policy means (${runs} blocklists)`, async () => {
    await fc.assert(fc.asyncProperty(appleModelArbitrary, check), { numRuns: runs });
  }, 600_000);

  it('the generator reaches the cases that matter', () => {
    const sample = fc.sample(appleModelArbitrary, { numRuns: 300, seed: 13 });
    const seen = (f: (m: AppleModel) => boolean) => sample.some(f);
    expect(seen((m) => m.fleets.some((f) => f.macos?.santa === 'com.google.santa'))).toBe(true);
    expect(seen((m) => m.fleets.some((f) => f.macos && !f.macos.santa && f.macos.supervised && (f.macos.max ?? 99) >= 27))).toBe(true);
    expect(seen((m) => m.fleets.some((f) => f.ios && !f.ios.supervised))).toBe(true);
    expect(seen((m) => m.fleets.some((f) => f.ios && f.ios.min < 15 && f.ios.legacyKeys))).toBe(true);
    expect(seen((m) => m.allow.some((e) => e.kind === 'app') && m.blockPublishers.length > 0 && m.publishers.some((p) => p.team))).toBe(true);
    expect(seen((m) => m.allow.some((e) => e.kind === 'publisher'))).toBe(true);
    expect(seen((m) => m.apps.some((a) => a.inline))).toBe(true);
    expect(seen((m) => m.apps.some((a) => a.confidence === 'low') && !m.includeLowConfidence)).toBe(true);
    expect(seen((m) => m.apps.some((a) => a.macos && a.macos.team === undefined))).toBe(true);
  });
});
