// Issue 19: a compile told to stop (SIGINT, SIGTERM) prints one line, exits 130 or 143, and
// leaves the old output as it was: the write backs out at any step before the old folder is
// swapped out, and finishes once the swap has begun.
import { spawn } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeOutput, type Artifact } from '../../../src/index.js';
import { besideNames } from '../../../src/pipeline/write/write.js';
import { cliPath } from '../../helpers/cli.js';
import { expectedTree, snapshotTree, writeTree } from '../../helpers/tree.js';
import { POLICY_A, POLICY_B, USER_FILES, artifactsOf, temporaryFolders } from './fixtures.js';
import { steppedFs } from './step-fs.mjs';

let A: Artifact[];
let B: Artifact[];
beforeAll(async () => {
  A = await artifactsOf(POLICY_A);
  B = await artifactsOf(POLICY_B);
});

const tmp = temporaryFolders('mdm-stop-');
const plain = (dir: string) => snapshotTree(dir, { inodes: false });

describe('a write told to stop', () => {
  it('at every step: the old folder untouched (OUTPUT_IO) or, once swapping, the new one; nothing left beside it', async () => {
    const ops: string[] = [];
    const { fs: counter, steps } = steppedFs((_, op, path) => void ops.push(`${op} ${path}`));
    const p0 = tmp();
    expect(await writeOutput(join(p0, 'out'), A)).toEqual([]);
    writeTree(join(p0, 'out'), USER_FILES);
    expect(await writeOutput(join(p0, 'out'), B, { fs: counter })).toEqual([]);
    const total = steps();
    const seen = new Set<string>();
    // Steps writing inside the staging folder all stop at the same point; every fourth is enough.
    const staged = (op: string) => op.includes(`${p0}/${besideNames('out').staging}`) && !/^(rename|rm|mkdtemp) /.test(op);
    for (let k = 1; k <= total; k++) {
      if (staged(ops[k - 1]!) && k % 4 !== 0) continue;
      const parent = tmp();
      const out = join(parent, 'out');
      expect(await writeOutput(out, A)).toEqual([]);
      writeTree(out, USER_FILES);
      const before = snapshotTree(out);
      const controller = new AbortController();
      const { fs } = steppedFs((step) => {
        if (step === k) controller.abort();
      });
      const result = await writeOutput(out, B, { fs, signal: controller.signal });
      if (result.length) {
        expect(result.map((d) => d.code), `step ${k}`).toEqual(['OUTPUT_IO']);
        expect(snapshotTree(out), `step ${k}`).toEqual(before);
        seen.add('old');
      } else {
        expect(plain(out), `step ${k}`).toEqual(expectedTree(B, USER_FILES));
        seen.add('new');
      }
      expect(readdirSync(parent), `step ${k}`).toEqual(['out']);
      rmSync(parent, { recursive: true, force: true });
    }
    expect([...seen].sort()).toEqual(['new', 'old']);
  }, 120_000);

  it('before it starts: nothing is touched, not even the lock', async () => {
    const parent = tmp();
    const out = join(parent, 'out');
    expect(await writeOutput(out, A)).toEqual([]);
    const before = snapshotTree(parent);
    expect((await writeOutput(out, B, { signal: AbortSignal.abort() })).map((d) => d.code)).toEqual(['OUTPUT_IO']);
    expect(snapshotTree(parent)).toEqual(before);
  });
});

describe('the CLI stopped by a signal while it waits for another compile’s lock', () => {
  for (const [signal, exit] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal}: one line, exit ${exit}, the old output as it was`, async () => {
      const cwd = tmp();
      writeFileSync(join(cwd, 'a.yaml'), POLICY_A);
      writeFileSync(join(cwd, 'b.yaml'), POLICY_B);
      const out = join(cwd, 'out');
      expect(await writeOutput(out, A)).toEqual([]);
      const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
      try {
        writeFileSync(join(cwd, besideNames('out').lock), `${holder.pid}\n`);
        const before = snapshotTree(cwd);
        const child = spawn(process.execPath, [cliPath, 'compile', 'b.yaml', '--out', 'out', '--today', '2026-11-28'], { cwd });
        let stderr = '';
        let stdout = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.stdout.on('data', (d) => (stdout += d));
        const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
        // Long enough to be waiting for the lock (it waits up to 30 s), whatever the machine's load.
        await new Promise((r) => setTimeout(r, 3_000));
        child.kill(signal);
        expect(await exited).toBe(exit);
        expect(stdout).toBe('');
        expect(stderr.trim().split('\n')).toEqual([`mdm-blocklist: stopped by ${signal}; nothing written; the output folder is as it was`]);
        expect(isDeepStrictEqual(snapshotTree(cwd), before)).toBe(true);
      } finally {
        holder.kill();
      }
    }, 60_000);
  }
});
