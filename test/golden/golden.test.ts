import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { compile } from '../../src/index.js';
import { targets } from '../../src/pipeline/targets/index.js';
import { expectGolden } from '../helpers/golden.js';
import { TODAY } from '../helpers/compile.js';

/**
 * test/golden/<target id>/<case>/policy.yaml compiles, with that target alone, to exactly the
 * files in <case>/expected/. A folder named after no target is an error, so none goes stale.
 * A case may hold previous.json ({fleet: [package names]}): what an earlier compile blocked,
 * passed as the `previous` option.
 */
const root = import.meta.dirname;

for (const targetId of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
  describe(`golden: ${targetId}`, () => {
    const target = targets.find((t) => t.id === targetId);
    it('names a target', ({ expect }) => expect(target, `no target with id "${targetId}"`).toBeDefined());
    if (!target) return;
    for (const name of readdirSync(join(root, targetId))) {
      const dir = join(root, targetId, name);
      if (!existsSync(join(dir, 'policy.yaml'))) continue;
      it(name, async ({ expect }) => {
        const previousFile = join(dir, 'previous.json');
        const previous = existsSync(previousFile) ? (JSON.parse(readFileSync(previousFile, 'utf8')) as Record<string, string[]>) : undefined;
        const result = await compile(join(dir, 'policy.yaml'), { today: TODAY, displayBase: dir, targets: [target], report: false, ...(previous && { previous }) });
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expectGolden(join(dir, 'expected'), result.artifacts.filter((a) => a.kind !== 'manifest'));
      });
    }
  });
}
