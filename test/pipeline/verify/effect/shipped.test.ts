import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'vitest';
import { compile } from '../../../../src/index.js';
import { TODAY } from '../../../helpers/compile.js';

/**
 * Every shipped policy, example and golden case passes the effect check: compiled with every
 * target (the golden tests run one target each, which skips the check), no EFFECT_MISMATCH, and
 * every Apple fleet's effect was modelled.
 */
const repo = resolve(import.meta.dirname, '../../../..');
const golden = join(repo, 'test/golden');
const cases = [
  ...readdirSync(join(repo, 'policies')).filter((f) => f.endsWith('.yaml')).map((f) => join(repo, 'policies', f)),
  ...readdirSync(join(repo, 'examples')).map((d) => join(repo, 'examples', d, 'policy.yaml')),
  ...readdirSync(golden, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((t) => readdirSync(join(golden, t.name)).map((c) => join(golden, t.name, c, 'policy.yaml'))),
].filter((f) => existsSync(f));

describe('shipped policies, examples and golden cases pass the effect check', () => {
  for (const file of cases) {
    it(file.slice(repo.length + 1), async ({ expect }) => {
      const result = await compile(file, { today: TODAY, displayBase: repo, report: false });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(result.effects).toBeDefined();
      for (const fleet of result.plan!.fleets) {
        for (const platform of ['ios', 'macos'] as const) {
          if (!fleet[platform]) continue;
          const effect = result.effects!.find((e) => e.fleet === fleet.id && e.platform === platform);
          expect(effect?.checked, `${fleet.id}/${platform}`).toBe(true);
          expect(effect!.classes.length).toBeGreaterThan(0);
        }
      }
    }, 60_000);
  }
});
