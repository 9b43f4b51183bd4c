// Issue 19, "one lock protocol": a lock's contents appear at once (draft, flush, hard link), so
// no crash leaves a lock without its pid; a lock that has none anyway (an older version's crash,
// a full disk, a hand edit) is taken over once EMPTY_LOCK_STALE_MS old; a full disk while taking
// the lock is an I/O error that leaves nothing behind.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeOutput, type Artifact } from '../../../src/index.js';
import { EMPTY_LOCK_STALE_MS } from '../../../src/pipeline/write/lock.js';
import { besideNames } from '../../../src/pipeline/write/write.js';
import { expectedTree, snapshotTree, writeTree } from '../../helpers/tree.js';
import { POLICY_A, POLICY_B, USER_FILES, artifactsOf, deadPid, temporaryFolders } from './fixtures.js';
import { steppedFs } from './step-fs.mjs';

let A: Artifact[];
let B: Artifact[];
beforeAll(async () => {
  A = await artifactsOf(POLICY_A);
  B = await artifactsOf(POLICY_B);
});

const tmp = temporaryFolders('mdm-lock-');
const codes = (ds: { code: string }[]) => ds.map((d) => d.code);
const plain = (dir: string) => snapshotTree(dir, { inodes: false });

async function previousOutput(): Promise<{ parent: string; out: string; lock: string }> {
  const parent = tmp();
  const out = join(parent, 'out');
  expect(await writeOutput(out, A)).toEqual([]);
  writeTree(out, USER_FILES);
  return { parent, out, lock: join(parent, besideNames('out').lock) };
}

/** Makes a file look as if written `ms` ago. */
const age = (path: string, ms: number) => {
  const then = (Date.now() - ms) / 1000;
  utimesSync(path, then, then);
};

describe('a lock without a readable pid', () => {
  for (const [what, contents] of [
    ['empty (a writer died between creating and filling it)', ''],
    ['partial (a pid cut short by a full disk)', '12'],
    ['garbled', 'not a pid\n'],
  ] as const) {
    it(`${what}: taken over once ${EMPTY_LOCK_STALE_MS / 1000} s old`, async () => {
      const { out, lock } = await previousOutput();
      writeFileSync(lock, contents);
      age(lock, EMPTY_LOCK_STALE_MS + 1_000);
      expect(await writeOutput(out, B, { lockTimeoutMs: 5_000 })).toEqual([]);
      expect(plain(out)).toEqual(expectedTree(B, USER_FILES));
      expect(existsSync(lock)).toBe(false);
    });
  }

  it('younger than that: waited for (it may be an older version still writing its pid), then OUTPUT_LOCKED saying when it goes stale', async () => {
    const { out, lock } = await previousOutput();
    writeFileSync(lock, '');
    const before = snapshotTree(out);
    const result = await writeOutput(out, B, { lockTimeoutMs: 200 });
    expect(codes(result)).toEqual(['OUTPUT_LOCKED']);
    expect(result[0]!.message).toMatch(/is empty; it is taken over once 10 seconds old/);
    expect(snapshotTree(out)).toEqual(before);
    expect(readFileSync(lock, 'utf8')).toBe('');
  });

  it('that cannot be read: taken over once old enough, like an empty one', async () => {
    const { out, lock } = await previousOutput();
    writeFileSync(lock, `${process.pid}\n`);
    age(lock, EMPTY_LOCK_STALE_MS + 1_000);
    // Root reads any file whatever its mode: the read fails by injection instead.
    const { fs } = steppedFs((_, op, path) => {
      if (op === 'readFile' && path === lock && existsSync(lock)) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    });
    expect(await writeOutput(out, B, { fs, lockTimeoutMs: 5_000 })).toEqual([]);
    expect(existsSync(lock)).toBe(false);
  });
});

describe('taking the lock', () => {
  it('on a full disk: OUTPUT_IO naming ENOSPC, the folder as it was, nothing left beside it', async () => {
    const { parent, out } = await previousOutput();
    const before = snapshotTree(out);
    const { fs } = steppedFs((_, op, path) => {
      if (op === 'handle.writeFile' && path.endsWith('.draft')) throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC', syscall: 'write', path });
    });
    const result = await writeOutput(out, B, { fs });
    expect(codes(result)).toEqual(['OUTPUT_IO']);
    expect(result[0]!.message).toMatch(/ENOSPC/);
    expect(snapshotTree(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('where the file system has no hard links: written in place, and released', async () => {
    const { parent, out } = await previousOutput();
    const { fs } = steppedFs((_, op, path) => {
      if (op === 'link' && path.endsWith('.draft')) throw Object.assign(new Error('EPERM'), { code: 'EPERM' });
    });
    expect(await writeOutput(out, B, { fs })).toEqual([]);
    expect(plain(out)).toEqual(expectedTree(B, USER_FILES));
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('a writer killed at each step of taking it leaves no lock without its pid, and the next compile cleans up', async () => {
    const ops: string[] = [];
    const { fs: counter } = steppedFs((_, op, path) => void ops.push(`${op} ${path}`));
    const { out: o0 } = await previousOutput();
    await writeOutput(o0, B, { fs: counter });
    // Steps up to the first one inside the lock (recovering leftovers reads the parent folder).
    const lockSteps = ops.findIndex((op) => /^link .*\.lock\.\d+\.draft$/.test(op)) + 2; // and the draft's removal
    expect(lockSteps).toBeGreaterThan(2);

    const work = tmp();
    const artifactsFile = join(work, 'artifacts.json');
    writeFileSync(artifactsFile, JSON.stringify(B.map((a) => ({ ...a, bytes: Buffer.from(a.bytes).toString('base64') }))));
    for (let k = 1; k <= lockSteps + 3; k++) {
      const { parent, out, lock } = await previousOutput();
      const oldTree = plain(out);
      const exit = await new Promise<string | null>((done) => {
        const child = spawn(process.execPath, [join(import.meta.dirname, 'crash-child.mjs'), out, artifactsFile, String(k)], { stdio: 'ignore' });
        child.on('exit', (_, signal) => done(signal));
      });
      expect(exit, `step ${k}`).toBe('SIGKILL');
      if (existsSync(lock)) expect(readFileSync(lock, 'utf8'), `step ${k}: ${ops[k - 1]}`).toMatch(/^\d+\n$/);
      expect(plain(out), `step ${k}`).toEqual(oldTree);
      expect(await writeOutput(out, B, { lockTimeoutMs: 5_000 }), `step ${k}`).toEqual([]);
      expect(readdirSync(parent), `step ${k}: ${ops[k - 1]}`).toEqual(['out']);
    }
  }, 60_000);

  it('a draft left by a dead process is removed; one of a live process is not', async () => {
    const { parent, out, lock } = await previousOutput();
    const dead = `${lock}.${deadPid()}.draft`;
    const live = `${lock}.1.draft`; // pid 1 always runs
    writeFileSync(dead, '123\n');
    writeFileSync(live, '1\n');
    expect(await writeOutput(out, B)).toEqual([]);
    expect(readdirSync(parent).sort()).toEqual([besideNames('out').lock + '.1.draft', 'out'].sort());
  });
});
