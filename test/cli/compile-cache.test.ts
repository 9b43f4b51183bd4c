import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath } from '../helpers/cli.js';

// Issue #12: the installed command uses Node's own compile cache where the running Node has
// module.enableCompileCache() (22.1+), nothing where it does not; no cache of the build's own.
describe('the installed command and the compile cache', () => {
  it('runs an edited file of dist/ as edited, even of the same size', () => {
    const pkg = mkdtempSync(join(tmpdir(), 'mdm-blocklist-cache-'));
    const cache = join(pkg, 'cache');
    copyFileSync(cliPath, join(pkg, 'bin.cjs'));
    const cli = (letter: string) => writeFileSync(join(pkg, 'cli.cjs'), `exports.runProcess = () => process.stdout.write('${letter}');\n`);
    const run = () => execFileSync(process.execPath, [join(pkg, 'bin.cjs')], { encoding: 'utf8', env: { ...process.env, NODE_COMPILE_CACHE: cache } });
    cli('A');
    expect(run()).toBe('A');
    expect(run()).toBe('A');
    cli('B');
    expect(run()).toBe('B');
    const nodeHasOne = typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
    expect(existsSync(cache), 'a cache exactly where Node has module.enableCompileCache()').toBe(nodeHasOne);
  });
});
