// The writer reads the folder's manifest.json to learn what it owns; a FIFO there would block it
// forever and a link could point anywhere (issue #12: every reader of an earlier folder is safe).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeOutput, type Artifact } from '../../../src/index.js';

const root = mkdtempSync(join(tmpdir(), 'mdm-manifest-kind-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const artifacts: Artifact[] = [{ path: 'a.json', bytes: new TextEncoder().encode('{}\n'), kind: 'amapi-policy' }];

describe('a manifest.json that is not a regular file', () => {
  it.each([
    ['a FIFO', (file: string) => execFileSync('mkfifo', [file])],
    ['a link', (file: string) => symlinkSync('/dev/zero', file)],
  ])('is %s: refused at once with OUTPUT_CONFLICT, the folder untouched', async (_what, make) => {
    const out = join(root, `out-${Math.random().toString(36).slice(2)}`);
    mkdirSync(out);
    writeFileSync(join(out, 'mine.txt'), 'kept\n');
    make(join(out, 'manifest.json'));
    const diagnostics = await writeOutput(out, artifacts);
    expect(diagnostics.map((d) => d.code)).toEqual(['OUTPUT_CONFLICT']);
    expect(diagnostics[0]!.message).toMatch(/not a regular file/);
  });
});
