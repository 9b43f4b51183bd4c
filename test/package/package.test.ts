import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, repoRoot } from '../helpers/cli.js';
import { listFiles } from '../helpers/golden.js';

/**
 * The package as a user gets it (issue #15): `npm pack`, then the tarball installed into a new
 * folder and its command run. The install is offline, from npm's cache, with the dependency
 * versions of package-lock.json (which `npm ci` in the clone has put in the cache).
 */
interface Packed {
  filename: string;
  files: { path: string }[];
}

const LOCK_FIELDS = ['version', 'license', 'dependencies', 'bin', 'engines'] as const;
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare'];

function npm(args: string[], cwd: string): { status: number | null; output: string } {
  const r = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--no-update-notifier'], { cwd, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'warn' } });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** An app whose lock names the tarball and the package's runtime dependencies as the project locks them. */
function appLockingTheTarball(app: string, tarball: string): void {
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> };
  const root = lock.packages['']!;
  const spec = `file:${tarball}`;
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  const packages: Record<string, unknown> = {
    '': { name: 'app', version: '1.0.0', dependencies: { 'mdm-blocklist': spec } },
    'node_modules/mdm-blocklist': { ...Object.fromEntries(LOCK_FIELDS.map((f) => [f, root[f]])), resolved: spec, integrity },
  };
  for (const [path, entry] of Object.entries(lock.packages)) if (path !== '' && !entry['dev'] && !entry['devOptional']) packages[path] = entry;
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, dependencies: { 'mdm-blocklist': spec } }));
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }));
}

describe('the npm package', () => {
  const work = mkdtempSync(join(tmpdir(), 'mdm-blocklist-package-'));
  const app = join(work, 'app');
  let packed: Packed;
  let install: { status: number | null; output: string };
  let manifestBefore: string;

  beforeAll(() => {
    manifestBefore = readFileSync(join(repoRoot, 'package.json'), 'utf8');
    const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: repoRoot, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    packed = (JSON.parse(pack.stdout) as Packed[])[0]!;
    spawnSync('mkdir', [app]);
    appLockingTheTarball(app, join(work, packed.filename));
    install = npm(['ci', '--offline'], app);
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('holds the licence, the README and the docs it links to, and no compiled code of a Node version', () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'BENCHMARKS.md', 'docs/guarantees.md', 'dist/bin.cjs', 'dist/index.js']));
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\((?!https?:|#)([^)#]+)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(5);
    expect(links.filter((l) => !files.includes(l)), 'README links missing from the package').toEqual([]);
    expect(files.filter((f) => /\.v8$|code-cache/.test(f))).toEqual([]);
  });

  it('carries no install-time script and leaves package.json as it was', () => {
    const manifest = spawnSync('tar', ['-xzOf', join(work, packed.filename), 'package/package.json'], { encoding: 'utf8' }).stdout;
    const scripts = (JSON.parse(manifest) as { scripts?: Record<string, string> }).scripts ?? {};
    expect(Object.keys(scripts).filter((s) => INSTALL_SCRIPTS.includes(s))).toEqual([]);
    expect(readFileSync(join(repoRoot, 'package.json'), 'utf8')).toBe(manifestBefore);
  });

  it('installs without a warning', () => {
    expect(install.status, install.output).toBe(0);
    expect(install.output).not.toMatch(/warn|ERR/i);
  });

  it('compiles the default policy, the same bytes as the clone does', () => {
    const run = (bin: string, out: string) => spawnSync(process.execPath, [bin, 'compile', '--out', out, '--today', '2026-11-28', '--quiet'], { cwd: work, encoding: 'utf8' });
    const installed = run(join(app, 'node_modules', 'mdm-blocklist', 'dist', 'bin.cjs'), join(work, 'installed'));
    expect(installed.status, installed.stderr).toBe(0);
    expect(run(cliPath, join(work, 'clone')).status).toBe(0);
    const files = listFiles(join(work, 'clone'));
    expect(files.length).toBeGreaterThan(10);
    expect(listFiles(join(work, 'installed'))).toEqual(files);
    for (const f of files) expect(readFileSync(join(work, 'installed', f)).equals(readFileSync(join(work, 'clone', f))), f).toBe(true);
  });
});
