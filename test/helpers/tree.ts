import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Artifact } from '../../src/index.js';

/**
 * Everything in a folder, as `relative path → what is there`: a file's sha256 and inode (the
 * inode shows a file was left alone, not rewritten with the same bytes), a link's target, or
 * "folder" (empty folders included). Two equal snapshots are the same tree.
 */
export function snapshotTree(dir: string, options: { inodes?: boolean } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const p = join(dir, r);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out[r] = `link → ${readlinkSync(p)}`;
      else if (st.isDirectory()) {
        out[r] = 'folder';
        walk(r);
      } else if (!st.isFile()) {
        // A named pipe, socket or device: reading it would wait or never end.
        out[r] = `special ino ${st.ino}`;
      } else {
        const sum = createHash('sha256').update(readFileSync(p)).digest('hex').slice(0, 16);
        out[r] = options.inodes === false ? `file ${sum}` : `file ${sum} ino ${st.ino}`;
      }
    }
  };
  walk('');
  return out;
}

/** What a folder holding exactly these artifacts plus these user files would snapshot as (no inodes). */
export function expectedTree(artifacts: readonly Artifact[], userFiles: Record<string, string | Uint8Array> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (path: string, bytes: Uint8Array | string) => {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) out[parts.slice(0, i).join('/')] = 'folder';
    out[path] = `file ${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`;
  };
  for (const a of artifacts) add(a.path, a.bytes);
  for (const [p, c] of Object.entries(userFiles)) add(p, c);
  return out;
}

export function writeTree(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [p, c] of Object.entries(files)) {
    const file = join(dir, ...p.split('/'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, c);
  }
}
