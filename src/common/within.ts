import { sep } from 'node:path';

/** True when `path` is `dir` or lies under it (both absolute and normalised). */
export function within(dir: string, path: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}
