import type { DiagnosticCode } from './diagnostics/codes.js';
import type { FileChunks, Host } from './host.js';
import { kindInWords, type EntryKind } from './read-regular.js';

/** Why a file was not read. */
export type ReadProblem =
  | { problem: 'missing' }
  | { problem: 'loop' }
  | { problem: 'not-a-file'; kind: EntryKind }
  | { problem: 'too-large'; size: number; maxBytes: number }
  | { problem: 'unreadable'; code: string };

export type ReadResult = { bytes: Uint8Array } | ReadProblem;

/** What a path names, or why that cannot be told (missing, a link loop, unreadable). */
export async function inspect(host: Host, path: string): Promise<{ kind: EntryKind; size: number } | ReadProblem> {
  try {
    return await host.stat(path);
  } catch (e) {
    return problemOf(e);
  }
}

/**
 * Reads a file the tool needs (every caller goes through here): a regular file of at most
 * `maxBytes`, through the host. The host checks what it opened (see read-regular.ts), so a file
 * swapped for a named pipe between the look and the read is refused too, and never waited on.
 */
export async function readInput(host: Host, path: string, maxBytes: number): Promise<ReadResult> {
  const seen = await inspect(host, path);
  if ('problem' in seen) return seen;
  if (seen.kind !== 'file') return { problem: 'not-a-file', kind: seen.kind };
  if (seen.size > maxBytes) return { problem: 'too-large', size: seen.size, maxBytes };
  try {
    return { bytes: await host.readFile(path, { maxBytes }) };
  } catch (e) {
    return problemOf(e, maxBytes);
  }
}

/**
 * A file the tool reads a chunk at a time (audit's inventories, of gigabytes), opened once with
 * readInput's checks: the host's openFile where it has one (Node's does), else its bytes read whole.
 * The caller has looked at the path (inspect); what was opened is checked again.
 */
export async function openInput(host: Host, path: string, maxBytes: number): Promise<{ chunks: FileChunks } | ReadProblem> {
  try {
    return { chunks: host.openFile ? await host.openFile(path, { maxBytes }) : chunksOf(await host.readFile(path, { maxBytes })) };
  } catch (e) {
    return problemOf(e, maxBytes);
  }
}

/** Bytes already in memory, handed out a chunk at a time like an open file. */
export function chunksOf(bytes: Uint8Array): FileChunks {
  let at = 0;
  return {
    read(into, offset, length) {
      const n = Math.min(length, bytes.length - at);
      into.set(bytes.subarray(at, at + n), offset);
      at += n;
      return n;
    },
    close() {},
  };
}

/** The diagnostic code of a problem: FILE_NOT_FOUND, FILE_TOO_LARGE, else FILE_UNREADABLE. */
export function readProblemCode(p: ReadProblem): Extract<DiagnosticCode, 'FILE_NOT_FOUND' | 'FILE_TOO_LARGE' | 'FILE_UNREADABLE'> {
  return p.problem === 'missing' ? 'FILE_NOT_FOUND' : p.problem === 'too-large' ? 'FILE_TOO_LARGE' : 'FILE_UNREADABLE';
}

/** Why reading failed, from what the host threw (an errno-style error; read-regular.ts's for what was opened). */
export function problemOf(e: unknown, maxBytes = Infinity): ReadProblem {
  const err = e as NodeJS.ErrnoException & { kind?: EntryKind; size?: number };
  switch (err.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { problem: 'missing' };
    case 'ELOOP':
      return { problem: 'loop' };
    case 'ENOTREG':
      return { problem: 'not-a-file', kind: err.kind ?? 'other' };
    case 'ENXIO': // opening a socket
      return { problem: 'not-a-file', kind: 'socket' };
    case 'EFBIG':
      return { problem: 'too-large', size: err.size ?? maxBytes + 1, maxBytes };
    default:
      return { problem: 'unreadable', code: err.code ?? 'read error' };
  }
}

/** The problem in words, after the file's name: "is a named pipe (FIFO), not a file". */
export function describeReadProblem(p: ReadProblem): string {
  switch (p.problem) {
    case 'missing':
      return 'does not exist';
    case 'loop':
      return 'is a symbolic link loop (links that point at each other), not a file';
    case 'not-a-file':
      return `is ${kindInWords(p.kind)}, not a file`;
    case 'too-large':
      return `is ${p.size} bytes; the limit is ${p.maxBytes}`;
    case 'unreadable':
      return `cannot be read (${p.code})`;
  }
}
