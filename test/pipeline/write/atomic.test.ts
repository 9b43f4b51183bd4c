// Issue 7, "Atomic output": the new output appears complete or not at all, whatever step fails
// or wherever the process dies; user files survive; a dead compile's lock and leftovers are
// cleaned up by the next one; conflicts are refused without touching anything.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeOutput, type Artifact } from '../../../src/index.js';
import { besideNames } from '../../../src/pipeline/write/write.js';
import { cliPath } from '../../helpers/cli.js';
import { expectedTree, snapshotTree, writeTree } from '../../helpers/tree.js';
import { POLICY_A, POLICY_B, USER_FILES, artifactsOf, deadPid, temporaryFolders } from './fixtures.js';
import { steppedFs } from './step-fs.mjs';

let A: Artifact[];
let B: Artifact[];
beforeAll(async () => {
  A = await artifactsOf(POLICY_A);
  B = await artifactsOf(POLICY_B);
});

const tmp = temporaryFolders('mdm-atomic-');

/** A parent folder holding `out` compiled from A, plus the user's files. */
async function previousOutput(): Promise<{ parent: string; out: string }> {
  const parent = tmp();
  const out = join(parent, 'out');
  expect(await writeOutput(out, A)).toEqual([]);
  writeTree(out, USER_FILES);
  return { parent, out };
}

const codes = (ds: { code: string }[]) => ds.map((d) => d.code);
const plain = (dir: string) => snapshotTree(dir, { inodes: false });
/** Everything beside the output folder: after any compile, nothing but the folder itself. */
const beside = (parent: string) => readdirSync(parent).sort();

describe('a failing step leaves the old folder or the new one, never a mix', () => {
  it('for every step of a write, an injected EIO there', async () => {
    const { fs: counter, steps } = steppedFs(() => undefined);
    const { parent: p0, out: o0 } = await previousOutput();
    expect(await writeOutput(o0, B, { fs: counter })).toEqual([]);
    const total = steps();
    expect(total).toBeGreaterThan(20);
    expect(beside(p0)).toEqual(['out']);

    const newTree = expectedTree(B, USER_FILES);
    let failedWrites = 0;
    for (let k = 1; k <= total; k++) {
      const { parent, out } = await previousOutput();
      const before = snapshotTree(out);
      let failed = '';
      const { fs } = steppedFs((step, op, path) => {
        if (step !== k) return;
        failed = `${op} ${path}`;
        throw Object.assign(new Error(`EIO: injected at step ${k}`), { code: 'EIO', syscall: op, path });
      });
      const result = codes(await writeOutput(out, B, { fs }));
      if (result.length) {
        failedWrites++;
        expect(result, `step ${k}: ${failed}`).toEqual(['OUTPUT_IO']);
        expect(snapshotTree(out), `step ${k}: ${failed}`).toEqual(before);
      } else {
        // Only flushing the parent folder or tidying up may fail once the new folder is in place.
        expect(plain(out), `step ${k}: ${failed}`).toEqual(newTree);
      }
      const names = besideNames('out');
      const leftovers = beside(parent).filter((e) => e !== 'out');
      // Once the new folder is in place, a failed removal may leave the empty staging folder
      // or the old output set aside: the next compile removes them.
      const tidy = (e: string) => names.isOld(e) || names.isStaging(e);
      const expected = failed === `rm ${join(parent, names.lock)}` ? [names.lock] : !result.length && failed.startsWith('rm ') ? leftovers.filter(tidy) : [];
      expect(leftovers, `step ${k}: ${failed}`).toEqual(expected);
      expect(leftovers.length <= 1, `step ${k}: ${failed}`).toBe(true);
      // Each step's folders go now: a hundred of them left to the end outlast the hook's timeout on a busy machine.
      rmSync(parent, { recursive: true, force: true });
    }
    expect(failedWrites).toBeGreaterThan(total / 2);
  }, 120_000);
});

describe('a compile killed at any step', () => {
  it('leaves the old output, the new one, or (between the two renames) the old one set aside, which the next compile puts back', async () => {
    // Steps that write inside the staging folder all leave the same state (a partial staging
    // folder); killing at each of them would only repeat the same check. Every step that touches
    // anything else is tried, and every fourth one inside.
    const ops: string[] = [];
    const { fs: counter } = steppedFs((_, op, path) => void ops.push(`${op} ${path}`));
    const { parent: p0, out: o0 } = await previousOutput();
    await writeOutput(o0, B, { fs: counter });
    const staged = (op: string) => op.includes(`${p0}/${besideNames('out').staging}`) && !/^(rename|rm|mkdtemp) /.test(op);

    const work = tmp();
    const artifactsFile = join(work, 'artifacts.json');
    writeFileSync(artifactsFile, JSON.stringify(B.map((a) => ({ ...a, bytes: Buffer.from(a.bytes).toString('base64') }))));
    const newTree = expectedTree(B, USER_FILES);
    const seen = new Set<string>();

    const runChild = (out: string, k: number) =>
      new Promise<number | null>((done) => {
        const child = spawn(process.execPath, [join(import.meta.dirname, 'crash-child.mjs'), out, artifactsFile, String(k)], { stdio: 'ignore' });
        child.on('exit', (code, signal) => done(signal === 'SIGKILL' ? null : code));
      });

    const oneStep = async (k: number) => {
      const { parent, out } = await previousOutput();
      const oldTree = plain(out);
      const exit = await runChild(out, k);
      expect(exit, `step ${k}: the child must die there`).toBeNull();
      const names = besideNames('out');
      const aside = readdirSync(parent).filter(names.isOld);
      let state: string;
      if (!existsSync(out)) {
        // The one window of two renames: the old folder is moved aside, intact.
        expect(aside, `step ${k}`).toHaveLength(1);
        expect(plain(join(parent, aside[0]!, 'out')), `step ${k}`).toEqual(oldTree);
        state = 'set aside';
      } else {
        const now = plain(out);
        state = isDeepStrictEqual(now, oldTree) ? 'old' : 'new';
        expect(now, `step ${k}`).toEqual(state === 'old' ? oldTree : newTree);
      }
      seen.add(state);
      // The next compile: takes over the dead process's lock, puts things right, writes.
      expect(codes(await writeOutput(out, B, { lockTimeoutMs: 10_000 })), `step ${k}`).toEqual([]);
      expect(plain(out), `step ${k}`).toEqual(newTree);
      expect(beside(parent), `step ${k}`).toEqual(['out']);
    };
    const ks = ops.flatMap((op, i) => (!staged(op) || i % 4 === 0 ? [i + 1] : []));
    for (let i = 0; i < ks.length; i += 4) await Promise.all(ks.slice(i, i + 4).map(oneStep));
    expect([...seen].sort()).toEqual(['new', 'old', 'set aside']);
  }, 120_000);
});

describe('two compiles into one folder at once', () => {
  // The installed command, as an admin's two terminals would run it.
  const runCompile = (cwd: string, policy: string) =>
    new Promise<number | null>((done) => {
      const child = spawn(process.execPath, [cliPath, 'compile', policy, '--out', 'out', '--quiet', '--today', '2026-11-28'], { cwd, stdio: 'ignore' });
      child.on('exit', (code) => done(code));
    });

  it('never interleave: each round ends with exactly one compile’s output and the user files', async () => {
    const cwd = tmp();
    writeFileSync(join(cwd, 'a.yaml'), POLICY_A);
    writeFileSync(join(cwd, 'b.yaml'), POLICY_B);
    const out = join(cwd, 'out');
    // What each compile writes on its own, with the user's files beside it.
    const alone = async (policy: string) => {
      expect(await runCompile(cwd, policy)).toBe(0);
      const tree = { ...plain(out), ...expectedTree([], USER_FILES) };
      rmSync(out, { recursive: true });
      return tree;
    };
    const treeA = await alone('a.yaml');
    const treeB = await alone('b.yaml');
    expect(treeA).not.toEqual(treeB);
    expect(await runCompile(cwd, 'a.yaml')).toBe(0);
    writeTree(out, USER_FILES);
    for (let round = 0; round < 3; round++) {
      const exits = await Promise.all([runCompile(cwd, 'a.yaml'), runCompile(cwd, 'b.yaml'), runCompile(cwd, round % 2 ? 'a.yaml' : 'b.yaml')]);
      expect(exits, `round ${round}`).toEqual([0, 0, 0]);
      const now = plain(out);
      const winner = isDeepStrictEqual(now, treeA) ? 'A' : 'B';
      expect(now, `round ${round}`).toEqual(winner === 'A' ? treeA : treeB);
      expect(beside(cwd).filter((e) => e.startsWith('.')), `round ${round}`).toEqual([]);
    }
  }, 120_000);

  it('in one process, twenty writes at once end as one of them', async () => {
    const { out } = await previousOutput();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => writeOutput(out, i % 2 ? A : B)));
    expect(results.flat()).toEqual([]);
    // The writes queue on the lock in no fixed order; whichever went last, it is whole.
    const now = plain(out);
    expect([expectedTree(A, USER_FILES), expectedTree(B, USER_FILES)]).toContainEqual(now);
  });
});

describe('the lock', () => {
  it('left by a process that died is taken over', async () => {
    const { parent, out } = await previousOutput();
    const lock = join(parent, besideNames('out').lock);
    writeFileSync(lock, `${deadPid()}\n`);
    expect(await writeOutput(out, B, { lockTimeoutMs: 5_000 })).toEqual([]);
    expect(plain(out)).toEqual(expectedTree(B, USER_FILES));
    expect(existsSync(lock)).toBe(false);
  });

  it('left by a dead process, with ten writers waiting, still lets one through at a time', async () => {
    const { parent, out } = await previousOutput();
    writeFileSync(join(parent, besideNames('out').lock), `${deadPid()}\n`);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => writeOutput(out, i % 2 ? A : B, { lockTimeoutMs: 10_000 })));
    expect(results.flat()).toEqual([]);
    expect([expectedTree(A, USER_FILES), expectedTree(B, USER_FILES)]).toContainEqual(plain(out));
    expect(beside(parent)).toEqual(['out']);
  });

  it('held by a live process is waited for, then reported as OUTPUT_LOCKED with the folder untouched', async () => {
    const { parent, out } = await previousOutput();
    const lock = join(parent, besideNames('out').lock);
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      writeFileSync(lock, `${holder.pid}\n`);
      const before = snapshotTree(out);
      expect(codes(await writeOutput(out, B, { lockTimeoutMs: 200 }))).toEqual(['OUTPUT_LOCKED']);
      expect(snapshotTree(out)).toEqual(before);
      expect(readFileSync(lock, 'utf8')).toBe(`${holder.pid}\n`);
    } finally {
      holder.kill();
    }
  });

  it('left behind by this very process (its removal failed) does not block the next write', async () => {
    const { parent, out } = await previousOutput();
    writeFileSync(join(parent, besideNames('out').lock), `${process.pid}\n`);
    expect(await writeOutput(out, B, { lockTimeoutMs: 5_000 })).toEqual([]);
  });
});

describe('what the compiler owns', () => {
  it('keeps every user file (the same file, hard-linked), link and empty folder; drops a removed fleet', async () => {
    const { out } = await previousOutput();
    mkdirSync(join(out, 'empty-by-user'));
    symlinkSync('README.txt', join(out, 'readme-link'));
    const userBefore = snapshotTree(out);
    expect(await writeOutput(out, B)).toEqual([]);
    const after = snapshotTree(out);
    for (const path of [...Object.keys(USER_FILES), 'empty-by-user', 'readme-link']) expect(after[path], path).toBe(userBefore[path]);
    expect(Object.keys(after).filter((p) => p.startsWith('beta/'))).toEqual(['beta/extra', 'beta/extra/keep.txt']);
    expect(existsSync(join(out, 'beta/ios'))).toBe(false);
  });

  it('puts back an output a dead compile set aside, and clears its leftovers but no one else’s', async () => {
    const { parent, out } = await previousOutput();
    const names = besideNames('out');
    mkdirSync(join(parent, `${names.old}Ab12Cd`));
    renameSync(out, join(parent, `${names.old}Ab12Cd`, 'out'));
    mkdirSync(join(parent, `${names.staging}Zz99Yy`, 'alpha'), { recursive: true });
    mkdirSync(join(parent, '.out2.tmp-Zz99Yy'));
    expect(existsSync(out)).toBe(false);

    expect(await writeOutput(out, B)).toEqual([]);
    expect(plain(out)).toEqual(expectedTree(B, USER_FILES));
    expect(beside(parent)).toEqual(['.out2.tmp-Zz99Yy', 'out']);
  });
});

describe('conflicts are refused and nothing moves', () => {
  const refuse = async (name: string, arrange: (out: string, parent: string) => void, code = 'OUTPUT_CONFLICT') => {
    const { parent, out } = await previousOutput();
    rmSync(join(out, 'manifest.json')); // every file is now the user's
    arrange(out, parent);
    const before = snapshotTree(out);
    const outside = snapshotTree(parent);
    expect(codes(await writeOutput(out, B)), name).toEqual([code]);
    expect(snapshotTree(out), name).toEqual(before);
    expect(snapshotTree(parent), name).toEqual(outside);
  };

  it('a file the user made where an artifact goes', () => refuse('file', () => undefined));

  it('a folder where an artifact goes', () =>
    refuse('folder', (out) => {
      rmSync(join(out, 'alpha/ios/restrictions.mobileconfig'));
      mkdirSync(join(out, 'alpha/ios/restrictions.mobileconfig'));
    }));

  it('a file where a folder an artifact needs goes', async () => {
    const parent = tmp();
    const out = join(parent, 'out');
    writeTree(out, { alpha: 'a file named like a fleet\n' });
    const before = snapshotTree(out);
    expect(codes(await writeOutput(out, B))).toEqual(['OUTPUT_CONFLICT']);
    expect(snapshotTree(out)).toEqual(before);
  });

  it('a link to a folder outside, where a fleet folder goes: nothing is written through it', async () => {
    const parent = tmp();
    const outside = tmp();
    const out = join(parent, 'out');
    mkdirSync(out);
    symlinkSync(outside, join(out, 'alpha'));
    expect(codes(await writeOutput(out, B))).toEqual(['OUTPUT_CONFLICT']);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('a manifest.json the compiler did not write', async () => {
    const parent = tmp();
    const out = join(parent, 'out');
    writeTree(out, { 'manifest.json': '{"mine": true}\n' });
    const before = snapshotTree(out);
    expect(codes(await writeOutput(out, B))).toEqual(['OUTPUT_CONFLICT']);
    expect(snapshotTree(out)).toEqual(before);
  });

  it('an output path that is a file, or a link', async () => {
    const parent = tmp();
    writeFileSync(join(parent, 'file'), 'x');
    symlinkSync(tmp(), join(parent, 'link'));
    expect(codes(await writeOutput(join(parent, 'file'), B))).toEqual(['OUTPUT_CONFLICT']);
    expect(codes(await writeOutput(join(parent, 'link'), B))).toEqual(['OUTPUT_CONFLICT']);
    expect(statSync(join(parent, 'file')).isFile()).toBe(true);
  });

  it('an artifact path that leaves the folder is a defect, refused before anything is touched', async () => {
    const parent = tmp();
    const bad: Artifact = { path: '../escape.json', bytes: new Uint8Array([1]), kind: 'manifest' };
    expect(codes(await writeOutput(join(parent, 'out'), [bad]))).toEqual(['OUTPUT_INVALID']);
    expect(readdirSync(parent)).toEqual([]);
  });
});
