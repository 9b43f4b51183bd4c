import { resolve } from 'node:path';
import type { Host } from '../../src/index.js';

/** An in-memory file system for stage tests: paths are resolved against /mem. */
export function memoryHost(files: Record<string, string | Uint8Array>): { host: Host; root: string } {
  const root = '/mem';
  const map = new Map(Object.entries(files).map(([p, c]) => [resolve(root, p), typeof c === 'string' ? new TextEncoder().encode(c) : c]));
  const dirs = new Set<string>();
  for (const p of map.keys()) for (let d = resolve(p, '..'); d !== '/'; d = resolve(d, '..')) dirs.add(d);
  const missing = (p: string) => Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
  const host: Host = {
    async readFile(p) {
      const c = map.get(resolve(p));
      if (!c) throw missing(p);
      return c;
    },
    async stat(p) {
      const r = resolve(p);
      if (map.has(r)) return { kind: 'file', size: map.get(r)!.byteLength };
      if (dirs.has(r)) return { kind: 'directory', size: 0 };
      throw missing(p);
    },
    async realpath(p) {
      const r = resolve(p);
      if (map.has(r) || dirs.has(r)) return r;
      throw missing(p);
    },
    async readDir(p) {
      const r = resolve(p);
      if (!dirs.has(r)) throw missing(p);
      const names = [...map.keys(), ...dirs].filter((x) => resolve(x, '..') === r).map((x) => x.slice(r.length + 1));
      return [...new Set(names)].sort();
    },
  };
  return { host, root };
}
