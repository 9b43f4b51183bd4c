// Issue 19: special files in an output folder (which may come from a pull request) or in
// --previous: a named pipe, a link to /dev/zero, a socket, a link loop. Each gives one clear
// diagnostic at once; before, a FIFO manifest.json stalled compile forever while it held the lock.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { besideNames } from '../../src/pipeline/write/write.js';
import { cliPath } from '../helpers/cli.js';
import { TODAY } from '../helpers/compile.js';
import { snapshotTree } from '../helpers/tree.js';
import { GOOD_POLICY } from './cases.js';

const root = mkdtempSync(join(tmpdir(), 'mdm-special-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs the CLI; a run that does not finish in 30 s fails the test instead of hanging it. */
const cli = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [cliPath, ...args, '--today', TODAY], { cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });

const plant: Record<string, (path: string) => void> = {
  'a named pipe (FIFO)': (path) => expect(spawnSync('mkfifo', [path]).status).toBe(0),
  'a link to /dev/zero': (path) => symlinkSync('/dev/zero', path),
  'a socket': (path) => expect(spawnSync('python3', ['-c', 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])', path]).status).toBe(0),
  'a symbolic link loop': (path) => {
    symlinkSync(`${path}.other`, path);
    symlinkSync(path, `${path}.other`);
  },
};

let n = 0;
/** A folder with the policy and `out` compiled from it, whose manifest.json is then replaced. */
function folderWithManifest(kind: string): string {
  const cwd = join(root, String(++n));
  spawnSync('mkdir', ['-p', cwd]);
  writeFileSync(join(cwd, 'policy.yaml'), GOOD_POLICY);
  expect(cli(cwd, 'compile', 'policy.yaml', '--out', 'out', '-q').status).toBe(0);
  rmSync(join(cwd, 'out', 'manifest.json'));
  plant[kind]!(join(cwd, 'out', 'manifest.json'));
  return cwd;
}

beforeAll(() => expect(spawnSync('mkfifo', ['--version']).error).toBeUndefined());

describe('out/manifest.json is a special file', () => {
  for (const kind of Object.keys(plant)) {
    it(`${kind}: compile refuses the folder at once (OUTPUT_CONFLICT), touches nothing, and frees the lock`, () => {
      const cwd = folderWithManifest(kind);
      const before = snapshotTree(join(cwd, 'out'));
      const r = cli(cwd, 'compile', 'policy.yaml', '--out', 'out');
      expect(r.error, 'compile did not finish').toBeUndefined();
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/error OUTPUT_CONFLICT: manifest\.json in the output folder is /);
      expect(snapshotTree(join(cwd, 'out'))).toEqual(before);
      expect(existsSync(join(cwd, besideNames('out').lock))).toBe(false);
    });

    it(`${kind}: compile --check says the folder is not current, at once`, () => {
      const cwd = folderWithManifest(kind);
      const r = cli(cwd, 'compile', 'policy.yaml', '--out', 'out', '--check');
      expect(r.error, 'compile --check did not finish').toBeUndefined();
      expect(r.stderr).not.toMatch(/^\s+at .+/m);
      expect(r.status).not.toBe(0);
    });

    it(`${kind}: --previous names the problem (PREVIOUS_OUTPUT_INVALID), at once`, () => {
      const cwd = folderWithManifest(kind);
      const r = cli(cwd, 'compile', 'policy.yaml', '--previous', 'out', '--out', 'next');
      expect(r.error, 'compile --previous did not finish').toBeUndefined();
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/error PREVIOUS_OUTPUT_INVALID: /);
      expect(existsSync(join(cwd, 'next'))).toBe(false);
    });
  }
});
