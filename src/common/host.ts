import { readdirSync, realpathSync, statSync } from 'node:fs';
import { kindOf, openRegularSync, readRegularSync, type EntryKind, type FileChunks } from './read-regular.js';

export type { FileChunks };

/** What a file looks like to the loader. */
export interface FileStat {
  kind: EntryKind;
  size: number;
}

/**
 * The file system as the library sees it. The library never reaches for `node:fs` itself
 * (DESIGN.md): callers pass a host, tests pass an in-memory one.
 */
export interface Host {
  /**
   * A regular file's bytes. Node's host opens without blocking and checks what it opened: a
   * named pipe, device or socket is an error with code ENOTREG, more than `maxBytes` EFBIG.
   * Callers go through readInput (read-input.ts), which turns those into diagnostics' words.
   */
  readFile(path: string, options?: { maxBytes?: number }): Promise<Uint8Array>;
  /** Follows symlinks; throws an error with code ENOENT when the path does not exist. */
  stat(path: string): Promise<FileStat>;
  realpath(path: string): Promise<string>;
  /**
   * A regular file opened to be read a chunk at a time, with readFile's checks. Only `audit` needs
   * it (inventories of gigabytes); a host without it has its files read whole instead.
   */
  openFile?(path: string, options?: { maxBytes?: number }): Promise<FileChunks>;
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
  readFile: async (path, options) => readRegularSync(path, options?.maxBytes),
  async stat(path) {
    const s = statSync(path);
    return { kind: kindOf(s), size: s.size };
  },
  realpath: async (path) => realpathSync.native(path),
  openFile: async (path, options) => openRegularSync(path, options?.maxBytes),
  readDir: async (path) => readdirSync(path),
};
