import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { expect } from 'vitest';
import type { Artifact } from '../../src/index.js';

/** UPDATE_GOLDEN=1 npm test rewrites the expected folders instead of comparing. */
export const updating = process.env['UPDATE_GOLDEN'] === '1';

/**
 * Compares artifacts with the files of a golden folder, byte for byte, and checks that the folder
 * holds no file the compiler no longer writes. Artifacts can be filtered to one target's kinds.
 */
export function expectGolden(expectedDir: string, artifacts: readonly Artifact[]): void {
  if (updating) {
    rmSync(expectedDir, { recursive: true, force: true });
    for (const a of artifacts) {
      const file = join(expectedDir, ...a.path.split('/'));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, a.bytes);
    }
    return;
  }
  const expected = listFiles(expectedDir);
  expect(artifacts.map((a) => a.path).sort(), `artifact list of ${expectedDir}`).toEqual(expected);
  for (const a of artifacts) {
    const want = readFileSync(join(expectedDir, ...a.path.split('/')), 'utf8');
    expect(Buffer.from(a.bytes).toString('utf8'), `${a.path} differs from ${expectedDir} (UPDATE_GOLDEN=1 to accept)`).toBe(want);
  }
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  try {
    walk(dir);
  } catch {
    return [];
  }
  return out.sort();
}
