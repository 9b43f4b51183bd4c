import { join } from 'node:path';
import type { Host } from '../common/host.js';
import { readInput } from '../common/read-input.js';
import { kindInWords } from '../common/read-regular.js';
import { within } from '../common/within.js';
import { isPlainRelativePath } from './artifact-path.js';

/**
 * The largest file read back from an output folder. The compiler's own files are far smaller (a
 * policy is at most 2 MiB per file); a folder from a pull request may hold anything.
 */
export const MAX_OUTPUT_FILE_BYTES = 64 * 1024 * 1024;

/** A file of the folder, or why it was not read. */
export type FolderFile =
  | { bytes: Uint8Array }
  | { problem: 'not-plain' | 'outside' | 'missing' | 'unreadable'; detail?: string }
  | { problem: 'not-a-file'; detail: string }
  | { problem: 'too-large'; detail: string };

/** An earlier output folder, opened for reading. */
export interface OutputFolder {
  dir: string;
  kind: 'missing' | 'not-a-folder' | 'folder';
  /**
   * Reads a file by its path as a manifest records it. The folder (and its manifest) may come
   * from a pull request, so this is the one reader for it: a plain relative path, whose real path
   * stays inside the folder (no ../, no link out of it), to a regular file (never a FIFO or a
   * device such as /dev/zero) of at most MAX_OUTPUT_FILE_BYTES.
   */
  read(path: string): Promise<FolderFile>;
}

/** Opens `dir` through the host; nothing is read until asked, nothing is ever written. */
export async function openOutputFolder(dir: string, host: Host): Promise<OutputFolder> {
  const stat = await host.stat(dir).catch(() => undefined);
  const kind = !stat ? 'missing' : stat.kind === 'directory' ? 'folder' : 'not-a-folder';
  const real = kind === 'folder' ? await host.realpath(dir) : dir;
  const read = async (path: string): Promise<FolderFile> => {
    if (kind !== 'folder') return { problem: 'missing' };
    if (!isPlainRelativePath(path)) return { problem: 'not-plain' };
    let target: string;
    try {
      target = await host.realpath(join(dir, ...path.split('/')));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') return { problem: 'unreadable', detail: 'a symbolic link loop' };
      return code === 'ENOENT' ? { problem: 'missing' } : { problem: 'unreadable', detail: code ?? 'read error' };
    }
    if (!within(real, target)) return { problem: 'outside' };
    const got = await readInput(host, target, MAX_OUTPUT_FILE_BYTES);
    if ('bytes' in got) return got;
    switch (got.problem) {
      case 'not-a-file':
        return { problem: 'not-a-file', detail: kindInWords(got.kind) };
      case 'too-large':
        return { problem: 'too-large', detail: `${got.size} bytes, more than ${MAX_OUTPUT_FILE_BYTES}` };
      case 'missing':
        return { problem: 'missing' };
      case 'loop':
        return { problem: 'unreadable', detail: 'a symbolic link loop' };
      default:
        return { problem: 'unreadable', detail: got.code };
    }
  };
  return { dir, kind, read };
}

/** The bytes, or undefined whatever the problem. */
export function bytesOf(file: FolderFile): Uint8Array | undefined {
  return 'bytes' in file ? file.bytes : undefined;
}

/** Why a file could not be read, in words for a message. */
export function describeProblem(file: Exclude<FolderFile, { bytes: Uint8Array }>): string {
  switch (file.problem) {
    case 'not-plain':
      return 'is not a plain path inside the folder';
    case 'outside':
      return 'is a link that points outside the folder';
    case 'missing':
      return 'does not exist';
    case 'not-a-file':
      return `is ${file.detail}, not a regular file`;
    case 'too-large':
      return `is ${file.detail}`;
    case 'unreadable':
      return `cannot be read (${file.detail ?? 'read error'})`;
  }
}
