// Recompiling an unchanged policy leaves the output folder as it is, and a file whose bytes did
// not change is linked into the new folder rather than written and flushed again (issue #8).
import { lstatSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeOutput, type Artifact } from '../../../src/index.js';
import { POLICY_A, POLICY_B, USER_FILES, artifactsOf, temporaryFolders } from './fixtures.js';
import { writeTree } from '../../helpers/tree.js';

let A: Artifact[];
let B: Artifact[];
beforeAll(async () => {
  A = await artifactsOf(POLICY_A);
  B = await artifactsOf(POLICY_B);
});

const tmp = temporaryFolders('mdm-unchanged-');
async function outputOf(artifacts: Artifact[]): Promise<string> {
  const out = join(tmp(), 'out');
  expect(await writeOutput(out, artifacts)).toEqual([]);
  return out;
}

/** Inode and modification time of every artifact's file. */
const identity = (out: string, artifacts: Artifact[]) =>
  Object.fromEntries(
    artifacts.map((a) => {
      const s = lstatSync(join(out, a.path));
      return [a.path, `${s.ino}@${s.mtimeMs}`];
    }),
  );
const expectBytes = (out: string, artifacts: Artifact[]) => {
  for (const a of artifacts) expect(readFileSync(join(out, a.path)).equals(Buffer.from(a.bytes)), a.path).toBe(true);
};

describe('an unchanged output folder', () => {
  it('is left as it is: same files, inodes and modification times, user files kept', async () => {
    const out = await outputOf(A);
    writeTree(out, USER_FILES);
    const before = identity(out, A);
    const folder = lstatSync(out).ino;
    expect(await writeOutput(out, A)).toEqual([]);
    expect(identity(out, A)).toEqual(before);
    expect(lstatSync(out).ino).toBe(folder);
    expect(readFileSync(join(out, 'README.txt'), 'utf8')).toBe(USER_FILES['README.txt']);
  });

  it('keeps files whose bytes did not change and writes the rest, when some changed', async () => {
    const out = await outputOf(A);
    const changed = A.map((a) => (a.path === 'report.md' ? { ...a, bytes: new TextEncoder().encode('# another report\n') } : a));
    const before = identity(out, A);
    expect(await writeOutput(out, changed)).toEqual([]);
    expectBytes(out, changed);
    const after = identity(out, changed);
    for (const a of A) {
      const ino = (id: string) => id.split('@')[0];
      if (a.path === 'report.md') expect(ino(after[a.path]!)).not.toBe(ino(before[a.path]!));
      else expect(ino(after[a.path]!), a.path).toBe(ino(before[a.path]!));
    }
  });

  it('still removes the files of a fleet that is gone', async () => {
    const out = await outputOf(A);
    expect(await writeOutput(out, B)).toEqual([]);
    expectBytes(out, B);
    expect(() => lstatSync(join(out, 'beta'))).toThrow();
  });

  it('rewrites a file the user edited since, even with the same size', async () => {
    const out = await outputOf(A);
    const victim = A.find((a) => a.path.endsWith('.mobileconfig'))!;
    const edited = Buffer.from(victim.bytes);
    edited[edited.length - 2] = edited[edited.length - 2] === 0x41 ? 0x42 : 0x41;
    writeFileSync(join(out, victim.path), edited);
    expect(await writeOutput(out, A)).toEqual([]);
    expectBytes(out, A);
  });

  it('replaces a link with the right bytes by a real file', async () => {
    const out = await outputOf(A);
    const victim = A.find((a) => a.path === 'report.md')!;
    const elsewhere = join(out, '..', 'elsewhere.md');
    writeFileSync(elsewhere, victim.bytes);
    unlinkSync(join(out, victim.path));
    symlinkSync(elsewhere, join(out, victim.path));
    expect(await writeOutput(out, A)).toEqual([]);
    expect(lstatSync(join(out, victim.path)).isFile()).toBe(true);
    expectBytes(out, A);
  });
});
