// compile --check reads the output folder, which CI may have checked out from a pull request:
// its manifest.json may list any path, and the folder may hold links to anything.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { cliPath } from '../helpers/cli.js';
import { TODAY } from '../helpers/compile.js';
import { GOOD_POLICY } from './cases.js';

const dir = mkdtempSync(join(tmpdir(), 'mdm-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => spawnSync(process.execPath, [cliPath, ...args, '--today', TODAY], { cwd: dir, encoding: 'utf8', timeout: 60_000 });

it('--check reads only plain paths to regular files inside the folder, whatever its manifest lists', () => {
  writeFileSync(join(dir, 'policy.yaml'), GOOD_POLICY);
  writeFileSync(join(dir, 'secret.txt'), 'not for the diff\n');
  expect(cli('compile', 'policy.yaml', '--out', 'out').status).toBe(0);
  symlinkSync('/dev/zero', join(dir, 'out', 'zero'));
  symlinkSync('../secret.txt', join(dir, 'out', 'secret-link.txt'));
  const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')) as { artifacts: object[] };
  for (const path of ['zero', 'secret-link.txt', '../secret.txt', '/etc/hostname']) manifest.artifacts.push({ path, sha256: '0'.repeat(64), size: 1, kind: 'manifest' });
  writeFileSync(join(dir, 'out', 'manifest.json'), JSON.stringify(manifest));

  // Reading /dev/zero would never end: finishing at all shows it was not read.
  const r = cli('compile', 'policy.yaml', '--out', 'out', '--check');
  expect(r.error, 'compile --check did not finish').toBeUndefined();
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/out of date/);
  expect(r.stderr).not.toMatch(/^\s+at .+/m);
});
