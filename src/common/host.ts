import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';

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

/**
 * Node's file system. The calls are synchronous inside async functions (a failure still rejects):
 * a policy is a handful of files of at most 2 MiB read one after another, and a round trip
 * through libuv's thread pool per stat, open, read and close cost the CLI's cold start more than
 * the reads themselves (issue #8).
 */
export const nodeHost: Host = {
  readFile: async (path) => readFileSync(path),
  async stat(path) {
    const s = statSync(path);
    return { kind: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other', size: s.size };
  },
  realpath: async (path) => realpathSync.native(path),
  readDir: async (path) => readdirSync(path),
};
