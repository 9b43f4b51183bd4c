import { promises as fs } from 'node:fs';

/** What a file looks like to the loader. */
export interface FileStat {
  kind: 'file' | 'directory' | 'other';
  size: number;
}

/**
 * The file system as the library sees it. The library never reaches for `node:fs` itself
 * (DESIGN.md): callers pass a host, tests pass an in-memory one.
 */
export interface Host {
  readFile(path: string): Promise<Uint8Array>;
  /** Follows symlinks; throws an error with code ENOENT when the path does not exist. */
  stat(path: string): Promise<FileStat>;
  realpath(path: string): Promise<string>;
  /** Names of a directory's entries. Only `catalog lint` and friends need it, to take a folder. */
  readDir?(path: string): Promise<string[]>;
}

export const nodeHost: Host = {
  readFile: (path) => fs.readFile(path),
  async stat(path) {
    const s = await fs.stat(path);
    return { kind: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other', size: s.size };
  },
  realpath: (path) => fs.realpath(path),
  readDir: (path) => fs.readdir(path),
};
