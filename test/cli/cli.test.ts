import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../helpers/golden.js';
import { cliPath, repoRoot, runCli, runMain } from '../helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'mdm-blocklist-cli-'));
const snapshot = (dir: string) => Object.fromEntries(listFiles(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('cli', () => {
  it('prints help and exits 0; no command is a usage error (2)', async () => {
    // Two through the real process (its exit code), the rest in-process.
    expect(runCli(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('compile') });
    expect(runCli(['frobnicate']).code).toBe(2);
    expect((await runMain([])).code).toBe(2);
    expect((await runMain(['compile', '--no-such-flag'])).code).toBe(2);
    expect(await runMain(['compile', '--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Example') });
  });

  it('compiles the shipped default policy; outputs parse with python3 plistlib and match the manifest', () => {
    const out = join(tmp(), 'out');
    const run = runCli(['compile', '--out', out, '--today', '2026-11-28']);
    expect(run.code).toBe(0);
    const files = listFiles(out);
    expect(files).toContain('manifest.json');
    expect(files.some((f) => f.endsWith('.mobileconfig'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { artifacts: { path: string; sha256: string }[] };
    expect(manifest.artifacts.map((a) => a.path).sort()).toEqual(files.filter((f) => f !== 'manifest.json'));
    for (const a of manifest.artifacts) {
      expect(createHash('sha256').update(readFileSync(join(out, a.path))).digest('hex'), a.path).toBe(a.sha256);
    }
    // An independent parser: every plist and JSON file must load.
    const script = `import json, plistlib, sys, pathlib
root = pathlib.Path(sys.argv[1])
for p in sorted(root.rglob('*')):
    if p.suffix in ('.mobileconfig', '.plist') and not p.parent.name == 'signed':
        d = plistlib.loads(p.read_bytes())
        assert isinstance(d, dict), p
    elif p.suffix == '.json':
        json.loads(p.read_text('utf-8'))
print('ok')`;
    expect(execFileSync('python3', ['-c', script, out], { encoding: 'utf8' }).trim()).toBe('ok');
  });

  it('writes the same bytes on every run', async () => {
    const a = join(tmp(), 'out');
    const b = join(tmp(), 'out');
    expect((await runMain(['compile', 'examples/multi-fleet/policy.yaml', '--out', a])).code).toBe(0);
    expect((await runMain(['compile', 'examples/multi-fleet/policy.yaml', '--out', b])).code).toBe(0);
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('reports policy errors as file:line:col with exit 1, writes nothing, prints no stack trace', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'p.yaml'), 'version: 1\nid: com.example.p\nname: P\nblock:\n  apps:\n    - id: nope\n');
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'mine.txt'), 'kept');
    const run = await runMain(['compile', 'p.yaml', '--out', 'out'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^p\.yaml:6:11: error UNKNOWN_APP: /m);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(snapshot(out)).toEqual({ 'mine.txt': 'kept' });
  });

  it('gives diagnostics as JSON with --json', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'p.yaml'), 'version: 1\nid: com.example.p\nname: P\nblok: {}\n');
    const run = await runMain(['validate', 'p.yaml', '--json'], { cwd: dir });
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as { ok: boolean; diagnostics: { code: string; line: number; col: number }[] };
    expect(json.ok).toBe(false);
    expect(json.diagnostics.map((d) => [d.code, d.line, d.col])).toContainEqual(['SCHEMA_UNKNOWN_KEY', 4, 1]);
  });

  it('treats a policy file that cannot be read as an I/O error (2)', async () => {
    const run = await runMain(['validate', 'no/such/policy.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('FILE_NOT_FOUND');
  });

  it('validate writes nothing', async () => {
    const dir = tmp();
    expect((await runMain(['validate', join(process.cwd(), 'examples/minimal/policy.yaml')], { cwd: dir })).code).toBe(0);
    expect(listFiles(dir)).toEqual([]);
  });
});

describe('the installed command', () => {
  it('the bin is executable, so `npx mdm-blocklist` can run it; so is dist/cli.js', () => {
    for (const file of [cliPath, join(repoRoot, 'dist/cli.js')]) {
      expect(statSync(file).mode & 0o111, file).not.toBe(0);
      expect(execFileSync(file, ['--version'], { encoding: 'utf8' }), file).toMatch(/^\d+\.\d+\.\d+/);
    }
  });
});
