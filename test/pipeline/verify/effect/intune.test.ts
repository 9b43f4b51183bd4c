import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, type Artifact } from '../../../../src/index.js';
import { deviceClasses } from '../../../../src/plan/device-classes.js';
import { EFFECT_MODELS } from '../../../../src/pipeline/verify/effect/models.js';
import { WEB_MODELS } from '../../../../src/pipeline/verify/effect/web/models.js';
import type { PlatformModel } from '../../../../src/pipeline/verify/effect/types.js';
import { TODAY } from '../../../helpers/compile.js';

/**
 * Issue #17: an admin imports either the Intune bodies or the other Apple artifacts, so the Intune
 * files alone must do what the files they stand for do. Per Intune fleet and device class, the
 * effect model (which reads Intune bodies from their JSON) must find the iOS body blocking from
 * launching exactly what the restrictions profile blocks (on supervised devices: every app the
 * plan blocks), and the macOS body exactly what santa.mobileconfig blocks. With blocked web domains
 * (docs/web.md), the web model must find the iOS custom configuration denying exactly the domains
 * web-content-filter.mobileconfig denies, and the macOS one exactly those chrome.mobileconfig blocks.
 */
const repo = resolve(import.meta.dirname, '../../../..');
const cases = [join(repo, 'test/golden/intune-graph/apple-fleets/policy.yaml'), join(repo, 'examples/intune/policy.yaml')];
const webCase = join(repo, 'test/golden/intune-graph/web-domains/policy.yaml');

function blockedBy(
  model: PlatformModel,
  artifacts: readonly Artifact[],
  fleet: Parameters<PlatformModel['subjects']>[0],
  catalog: Parameters<PlatformModel['subjects']>[1],
  outcome = 'blocked-from-launching',
): Map<string, string[]> {
  const reading = model.read(artifacts.map((a) => ({ path: a.path, bytes: a.bytes })));
  const out = new Map<string, string[]>();
  for (const device of deviceClasses(fleet, model.platform)) {
    const blocked = model.subjects(fleet, catalog).filter((s) => model.effect(reading, device, s).some((e) => e.outcome === outcome));
    out.set(JSON.stringify(device), blocked.map((s) => s.key));
  }
  return out;
}

describe('the Intune bodies alone block what the artifacts they stand for block', () => {
  for (const file of cases) {
    it(file.slice(repo.length + 1), async () => {
      const result = await compile(file, { today: TODAY, displayBase: repo, report: false });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const { plan } = result;
      let compared = 0;
      for (const fleet of plan!.fleets.filter((f) => f.intune)) {
        for (const [platform, standsFor] of [['ios', 'ios/restrictions.mobileconfig'], ['macos', 'macos/santa.mobileconfig']] as const) {
          const intune = result.artifacts.filter((a) => a.fleet === fleet.id && a.platform === platform && a.path.startsWith(`${fleet.id}/intune/`));
          const original = result.artifacts.filter((a) => a.path === `${fleet.id}/${standsFor}`);
          if (intune.length === 0) continue;
          const model = EFFECT_MODELS[platform]!;
          const fromIntune = blockedBy(model, intune, fleet, plan!.catalog);
          expect([...fromIntune.values()].some((keys) => keys.length > 0), `${fleet.id}/${platform}: the Intune body blocks something`).toBe(true);
          expect(fromIntune, `${fleet.id}/${platform}`).toEqual(blockedBy(model, original, fleet, plan!.catalog));
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(0);
    }, 60_000);
  }
});

describe('the Intune bodies alone block the web domains the web profiles they carry block', () => {
  it(webCase.slice(repo.length + 1), async () => {
    const result = await compile(webCase, { today: TODAY, displayBase: repo, report: false });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const { plan } = result;
    const compared: string[] = [];
    for (const fleet of plan!.fleets.filter((f) => f.intune && f.web)) {
      for (const [platform, standsFor, body] of [
        ['ios', 'ios/web-content-filter.mobileconfig', 'intune/ios-web-content-filter.json'],
        ['macos', 'macos/chrome.mobileconfig', 'intune/macos-chrome.json'],
      ] as const) {
        const intune = result.artifacts.filter((a) => a.path === `${fleet.id}/${body}`);
        const original = result.artifacts.filter((a) => a.path === `${fleet.id}/${standsFor}`);
        expect(intune.length, `${fleet.id}/${body} is written exactly when ${standsFor} is`).toBe(original.length);
        if (intune.length === 0) continue;
        const model = WEB_MODELS[platform]!;
        const fromIntune = blockedBy(model, intune, fleet, plan!.catalog, 'blocked-in-browser');
        expect([...fromIntune.values()].some((keys) => keys.length > 0), `${fleet.id}/${platform}: the Intune body blocks a domain`).toBe(true);
        expect(fromIntune, `${fleet.id}/${platform}`).toEqual(blockedBy(model, original, fleet, plan!.catalog, 'blocked-in-browser'));
        compared.push(`${fleet.id}/${platform}`);
      }
    }
    expect(compared.sort()).toEqual(['current/ios', 'current/macos', 'legacy/ios']);
  }, 60_000);
});
