import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/index.js';
import { TODAY } from '../helpers/compile.js';
import { repoRoot } from '../helpers/cli.js';

/** The README's examples must stay true: its full policy example compiles without errors. */
describe('README', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const yamlBlocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it('opens with the two commands that install-and-run and test', () => {
    const first = /```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(first).toMatch(/^npm install && npx mdm-blocklist compile/m);
    expect(first).toMatch(/^npm test/m);
  });

  it('full policy example compiles (with the multi-fleet example catalog beside it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mdm-blocklist-readme-'));
    writeFileSync(join(dir, 'policy.yaml'), yamlBlocks[0]!);
    copyFileSync(join(repoRoot, 'examples/multi-fleet/catalog.yaml'), join(dir, 'catalog.yaml'));
    const result = await compile(join(dir, 'policy.yaml'), { today: TODAY });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.plan!.fleets.map((f) => f.id)).toEqual(['field-android', 'office-ios']);
  });
});
