// Last build step: compiles a policy once through the installed command's loader and saves V8's
// code cache for every CommonJS file it loaded (src/code-cache.cts), so later runs skip parsing and
// compiling them (issue #8). The policy is the shipped one as an admin's own file including the
// shipped catalog, so both the parse cache and the YAML parser's code are exercised.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
// --clear, the build's first step: a build that fails part-way leaves no cache of older code.
// (The folder is the one src/code-cache.cts names; dist/ may not exist yet here.)
rmSync(join(dist, 'code-cache'), { recursive: true, force: true });
if (process.argv.includes('--clear')) process.exit(0);

const require = createRequire(import.meta.url);
const { codeCacheDir, useCodeCache } = require(join(dist, 'code-cache.cjs'));
if (codeCacheDir(dist) !== join(dist, 'code-cache')) throw new Error('warm-code-cache: src/code-cache.cts moved the cache folder; update this script');

const cache = useCodeCache(dist);
const { main } = require(join(dist, 'cli.cjs'));
const work = mkdtempSync(join(tmpdir(), 'mdm-blocklist-warm-'));
try {
  const policy = join(work, 'policy.yaml');
  const shipped = readFileSync(fileURLToPath(new URL('../policies/clean-network.yaml', import.meta.url)), 'utf8');
  writeFileSync(policy, shipped.replace(/^(\s+- )(catalog\/index\.yaml)$/m, '$1builtin:$2'));
  let errors = '';
  const io = { stdout: () => {}, stderr: (t) => void (errors += t), color: false, stdoutColor: false, isTTY: false, env: {}, cwd: work, today: '2026-01-01' };
  const code = await main(['compile', policy, '--out', join(work, 'out'), '--quiet'], io);
  if (code !== 0) throw new Error(`warm-code-cache: the compile failed (${code}):\n${errors}`);
  cache.save();
} finally {
  rmSync(work, { recursive: true, force: true });
}
