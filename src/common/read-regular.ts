import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/**
 * The one safe way this tool reads a file (the policy, includes, base policies, signing files, an
 * earlier output folder's files, the output folder's manifest.json). A path may name anything a
 * pull request can plant: a named pipe (reading it waits forever), a device such as /dev/zero
 * (endless), a socket, a link loop. So a file is opened without blocking, and what was opened is
 * checked (not what the path named a moment before): it must be a regular file of at most the
 * caller's size, and no more than that is ever read.
 */

/** What a path names, in the words a diagnostic uses. */
export type EntryKind = 'file' | 'directory' | 'fifo' | 'device' | 'socket' | 'link' | 'other';

export function kindOf(stats: Pick<Stats, 'isFile' | 'isDirectory' | 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket' | 'isSymbolicLink'>): EntryKind {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'directory';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device';
  if (stats.isSocket()) return 'socket';
  if (stats.isSymbolicLink()) return 'link';
  return 'other';
}

const KIND_WORDS: Record<EntryKind, string> = {
  file: 'a file',
  directory: 'a folder',
  fifo: 'a named pipe (FIFO)',
  device: 'a device file',
  socket: 'a socket',
  link: 'a symbolic link',
  other: 'a special file',
};

/** "a folder", "a named pipe (FIFO)", "a device file", … */
export function kindInWords(kind: EntryKind): string {
  return KIND_WORDS[kind];
}

/** Thrown (as an errno-style error) when what was opened is not a regular file. */
export function notRegularError(path: string, kind: EntryKind): NodeJS.ErrnoException & { kind: EntryKind } {
  return Object.assign(new Error(`${path} is ${kindInWords(kind)}, not a regular file`), { code: 'ENOTREG', path, kind });
}

/** Thrown when a file holds more than the caller reads. */
export function tooLargeError(path: string, size: number, maxBytes: number): NodeJS.ErrnoException & { size: number } {
  return Object.assign(new Error(`${path} is more than ${maxBytes} bytes`), { code: 'EFBIG', path, size: Math.max(size, maxBytes + 1) });
}

// O_NONBLOCK: opening a named pipe without a writer returns at once instead of waiting for one.
// O_NOCTTY: a terminal device named as a file never becomes the process's terminal.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const CHUNK = 64 * 1024;

/** Reads a regular file of at most `maxBytes` (default: no cap), synchronously (the loader's host). */
export function readRegularSync(path: string, maxBytes = Infinity): Buffer {
  const { fd, size } = openCheckedSync(path, maxBytes);
  try {
    const bytes = new CappedBytes(size, path, maxBytes);
    while (bytes.take(readSync(fd, bytes.next(), 0, bytes.nextLength, null)));
    return bytes.all();
  } finally {
    closeSync(fd);
  }
}

/** A regular file opened to be read a chunk at a time (an inventory of gigabytes is never held whole). */
export interface FileChunks {
  /** Fills `into` from `offset` with at most `length` bytes; 0 at the end. Throws EFBIG past the cap. */
  read(into: Uint8Array, offset: number, length: number): number;
  close(): void;
}

/** Opens a regular file of at most `maxBytes` with readRegularSync's checks; its reads are synchronous. */
export function openRegularSync(path: string, maxBytes = Infinity): FileChunks {
  const { fd } = openCheckedSync(path, maxBytes);
  let total = 0;
  return {
    read(into, offset, length) {
      const n = readSync(fd, into, offset, length, null);
      total += n;
      if (total > maxBytes) throw tooLargeError(path, total, maxBytes);
      return n;
    },
    close: () => closeSync(fd),
  };
}

/** The same, through an async `open` (the writer's file operations, which tests replace). */
export async function readRegular(open: (path: string, flags: number) => Promise<FileHandle>, path: string, maxBytes = Infinity, options: { noFollow?: boolean } = {}): Promise<Buffer> {
  // noFollow: a link where the compiler's own file belongs is not its file (ELOOP, as open says).
  const handle = await open(path, OPEN_FLAGS | (options.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0)).catch((e: unknown) => {
    throw asSocket(e, path);
  });
  try {
    const bytes = new CappedBytes(checkOpened(await handle.stat(), path, maxBytes), path, maxBytes);
    while (bytes.take((await handle.read(bytes.next(), 0, bytes.nextLength, null)).bytesRead));
    return bytes.all();
  } finally {
    await handle.close();
  }
}

/** Opens `path` and checks what was opened (not what the name pointed to before): a regular file within the cap. */
function openCheckedSync(path: string, maxBytes: number): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (e) {
    throw asSocket(e, path);
  }
  try {
    return { fd, size: checkOpened(fstatSync(fd), path, maxBytes) };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** Opening a Unix socket fails with ENXIO: said as what it is. */
function asSocket(e: unknown, path: string): unknown {
  return (e as NodeJS.ErrnoException).code === 'ENXIO' ? notRegularError(path, 'socket') : e;
}

/** What was opened must be a regular file within the cap; gives its size. */
function checkOpened(stats: Stats, path: string, maxBytes: number): number {
  const kind = kindOf(stats);
  if (kind !== 'file') throw notRegularError(path, kind);
  if (stats.size > maxBytes) throw tooLargeError(path, stats.size, maxBytes);
  return stats.size;
}

/** Chunks read to the end, but never past the cap: a file may grow while it is read. */
class CappedBytes {
  private readonly chunks: Buffer[] = [];
  private total = 0;
  private chunk = Buffer.alloc(0);
  constructor(private readonly size: number, private readonly path: string, private readonly maxBytes: number) {}

  /** A buffer for the next read. */
  next(): Buffer {
    this.chunk = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(this.size - this.total + 1, 4096)));
    return this.chunk;
  }

  get nextLength(): number {
    return this.chunk.length;
  }

  /** Keeps what the last read gave; false at the end of the file. */
  take(n: number): boolean {
    if (n === 0) return false;
    this.total += n;
    if (this.total > this.maxBytes) throw tooLargeError(this.path, this.total, this.maxBytes);
    this.chunks.push(n === this.chunk.length ? this.chunk : this.chunk.subarray(0, n));
    return true;
  }

  all(): Buffer {
    return this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.total);
  }
}
