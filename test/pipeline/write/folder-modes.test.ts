// Issue 19: a compile keeps the output folder's mode, owner and group, and those of every folder
// it carries across (a 2775 folder of a web server's group stays 2775 with its group), and a new
// output folder gets the mode a folder made there would get, not mkdtemp's 0700.
import { chmodSync, chownSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeOutput, type Artifact } from '../../../src/index.js';
import { writeTree } from '../../helpers/tree.js';
import { POLICY_A, POLICY_B, artifactsOf, temporaryFolders } from './fixtures.js';
import { steppedFs } from './step-fs.mjs';

let A: Artifact[];
let B: Artifact[];
beforeAll(async () => {
  A = await artifactsOf(POLICY_A);
  B = await artifactsOf(POLICY_B);
});

const tmp = temporaryFolders('mdm-modes-');
const isRoot = process.getuid?.() === 0;
const modeOf = (path: string) => statSync(path).mode & 0o7777;
const ownerOf = (path: string) => {
  const st = statSync(path);
  return { mode: (st.mode & 0o7777).toString(8), uid: st.uid, gid: st.gid };
};

describe('folder modes', () => {
  it('a new output folder gets the mode of any folder made there, not 0700', async () => {
    const parent = tmp();
    mkdirSync(join(parent, 'probe'));
    expect(await writeOutput(join(parent, 'out'), A)).toEqual([]);
    expect(modeOf(join(parent, 'out'))).toBe(modeOf(join(parent, 'probe')));
    expect(modeOf(join(parent, 'out'))).not.toBe(0o700);
  });

  it('the output folder’s mode, a folder of yours and a fleet folder keep their modes', async () => {
    const out = join(tmp(), 'out');
    expect(await writeOutput(out, A)).toEqual([]);
    writeTree(out, { 'shared/notes.txt': 'the web server reads this\n' });
    chmodSync(out, 0o2775);
    chmodSync(join(out, 'shared'), 0o2770);
    chmodSync(join(out, 'alpha'), 0o750);
    expect(await writeOutput(out, B)).toEqual([]);
    expect(modeOf(out).toString(8)).toBe('2775');
    expect(modeOf(join(out, 'shared')).toString(8)).toBe('2770');
    expect(modeOf(join(out, 'alpha')).toString(8)).toBe('750');
  });

  it.skipIf(!isRoot)('owner and group are kept too, and new folders inside a setgid folder take its group (root)', async () => {
    const out = join(tmp(), 'out');
    expect(await writeOutput(out, A)).toEqual([]);
    writeTree(out, { 'shared/deep/notes.txt': 'kept\n' });
    rmSync(join(out, 'alpha'), { recursive: true }); // so that alpha/ is made new below
    chownSync(out, 0, 4321);
    chmodSync(out, 0o2775);
    chownSync(join(out, 'shared'), 1234, 4321);
    chmodSync(join(out, 'shared'), 0o2775);
    chownSync(join(out, 'shared', 'deep'), 1234, 5678);
    const before = { out: ownerOf(out), shared: ownerOf(join(out, 'shared')), deep: ownerOf(join(out, 'shared', 'deep')) };
    expect(await writeOutput(out, B)).toEqual([]);
    expect({ out: ownerOf(out), shared: ownerOf(join(out, 'shared')), deep: ownerOf(join(out, 'shared', 'deep')) }).toEqual(before);
    expect(before.out).toEqual({ mode: '2775', uid: 0, gid: 4321 });
    // alpha/ was made new inside the setgid folder: it takes the folder's group, as mkdir would.
    expect(statSync(join(out, 'alpha')).gid).toBe(4321);
  });

  it('where the owner cannot be kept (not root): written all the same, the group kept if it can be, and said', async () => {
    const out = join(tmp(), 'out');
    expect(await writeOutput(out, A)).toEqual([]);
    chmodSync(out, 0o2755);
    if (isRoot) chownSync(out, 1234, 4321);
    const { fs } = steppedFs((_, op, path) => {
      if (op === 'chown' && !path.endsWith('.draft')) throw Object.assign(new Error('EPERM'), { code: 'EPERM' });
    });
    const result = await writeOutput(out, B, { fs });
    expect(result.map((d) => [d.code, d.severity])).toEqual(isRoot ? [['OUTPUT_OWNER_CHANGED', 'warning']] : []);
    expect(modeOf(out).toString(8)).toBe('2755');
  });
});
