import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'vitest';
import { compile } from '../../src/index.js';
import { TODAY } from '../helpers/compile.js';
import { expectGolden } from '../helpers/golden.js';

/** examples/<name>/policy.yaml with its compiled output committed beside it, in out/. */
const examples = resolve(import.meta.dirname, '../../examples');

describe('examples compile to their committed outputs', () => {
  for (const name of readdirSync(examples)) {
    const dir = join(examples, name);
    if (!existsSync(join(dir, 'policy.yaml'))) continue;
    it(name, async ({ expect }) => {
      const result = await compile(join(dir, 'policy.yaml'), { today: TODAY, displayBase: dir });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expectGolden(join(dir, 'out'), result.artifacts);
    });
  }
});
