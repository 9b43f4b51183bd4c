import { join } from 'node:path';
import type { DiagnosticCode } from '../../../common/diagnostics/codes.js';
import type { FileChunks, FileStat, Host } from '../../../common/host.js';
import { describeReadProblem, inspect, openInput, problemOf, readProblemCode } from '../../../common/read-input.js';
import { byCodeUnit } from '../../../common/compare.js';
import { readAmapi } from './amapi.js';
import { readAppleResponse, type PlistLocator } from './apple-mdm.js';
import { detect } from './detect.js';
import { JsonStream } from './json-stream.js';
import { KeptSource } from './kept-source.js';
import { linesOf, readOsqueryLog } from './osquery.js';
import { parseBinaryPlist } from './plist-binary.js';
import { parseXmlPlist, PlistSyntaxError, type ParsedPlist } from './plist-xml.js';
import { positionAt } from './text-position.js';
import type { InventoryDevice, InventoryLocation } from './types.js';

/** An inventory file or folder as the caller named it, with what it says about its devices. */
export interface InventoryInput {
  /** Absolute path. */
  path: string;
  /** As diagnostics and findings show it. */
  label: string;
  /** The fleet of every device in it that names none of its own (AMAPI policyName). */
  fleet?: string;
  /** The Apple OS of the devices in it: an MDM response does not say which one sent it. */
  platform?: 'ios' | 'macos';
}

export interface ReadHandlers {
  known(identifier: string): boolean;
  device(device: InventoryDevice, input: InventoryInput): void;
  problem(code: DiagnosticCode, message: string, at: InventoryLocation): void;
}

export const INVENTORY_LIMITS = {
  /** One file: JSON and osquery logs stream, but a property list is read whole (V8 strings end near 512 MiB). */
  fileBytes: 256 * 1024 * 1024,
  /** Files under one folder, and how deep its sub-folders go. */
  filesPerFolder: 1_000_000,
  folderDepth: 8,
  /** Problems reported per file before the rest are only counted. */
  problemsPerFile: 50,
  /** Bytes a JSON inventory is read by at a time: what the reader holds, whatever the file's size. */
  readChunk: 1024 * 1024,
};

/**
 * Reads every inventory, one file at a time, through the host and the shared safe reader
 * (read-input.ts): each path looked at once, each file opened and read once. JSON is read a chunk
 * at a time as it streams, and an osquery log line by line, so memory stays at a chunk (plus what
 * the handlers keep) whatever the inventory's size; a property list is read whole and let go
 * before the next file.
 */
export async function readInventories(inputs: readonly InventoryInput[], host: Host, handlers: ReadHandlers, limits = INVENTORY_LIMITS): Promise<void> {
  const scratch: Scratch = {};
  for (const input of inputs) {
    for (const file of await filesOf(input, host, handlers, limits)) await readFile(file, host, handlers, limits, scratch);
  }
}

/** A file to read, with the size the one look at its path found. */
interface InventoryFile {
  input: InventoryInput;
  size: number;
}

async function filesOf(input: InventoryInput, host: Host, handlers: ReadHandlers, limits: typeof INVENTORY_LIMITS): Promise<InventoryFile[]> {
  const seen = await look(input, host, handlers);
  if (!seen) return [];
  if (seen.kind === 'file') return [{ input, size: seen.size }];
  if (seen.kind !== 'directory' || !host.readDir) {
    handlers.problem('FILE_UNREADABLE', `${input.label} is neither a file nor a folder`, { file: input.label });
    return [];
  }
  const files: InventoryFile[] = [];
  await walk(input, host, handlers, files, 0, limits);
  if (files.length === 0) handlers.problem('INVENTORY_EMPTY', `the folder ${input.label} holds no inventory file`, { file: input.label });
  return files;
}

async function walk(dir: InventoryInput, host: Host, handlers: ReadHandlers, out: InventoryFile[], depth: number, limits: typeof INVENTORY_LIMITS): Promise<void> {
  if (depth > limits.folderDepth) return handlers.problem('FILE_TOO_LARGE', `folders nest deeper than ${limits.folderDepth} levels under ${dir.label}`, { file: dir.label });
  const names = (await host.readDir!(dir.path)).filter((n) => !n.startsWith('.')).sort(byCodeUnit);
  for (const name of names) {
    const child: InventoryInput = { ...dir, path: join(dir.path, name), label: `${dir.label.replace(/\/$/, '')}/${name}` };
    const seen = await look(child, host, handlers);
    if (seen?.kind === 'directory') await walk(child, host, handlers, out, depth + 1, limits);
    else if (seen?.kind === 'file') {
      if (out.length >= limits.filesPerFolder) return handlers.problem('FILE_TOO_LARGE', `more than ${limits.filesPerFolder} files under ${dir.label}`, { file: dir.label });
      out.push({ input: child, size: seen.size });
    }
  }
}

/** What the path names (read-input.ts's inspect), or undefined once the problem is said. */
async function look(input: InventoryInput, host: Host, handlers: ReadHandlers): Promise<FileStat | undefined> {
  const seen = await inspect(host, input.path);
  if (!('problem' in seen)) return seen;
  handlers.problem(readProblemCode(seen), `${input.label} ${describeReadProblem(seen)}`, { file: input.label });
  return undefined;
}

async function readFile({ input, size }: InventoryFile, host: Host, handlers: ReadHandlers, limits: typeof INVENTORY_LIMITS, scratch: Scratch): Promise<void> {
  const file = input.label;
  const split = 'split it (AMAPI pages, one response per device)';
  if (size > limits.fileBytes) return handlers.problem('FILE_TOO_LARGE', `${file} ${describeReadProblem({ problem: 'too-large', size, maxBytes: limits.fileBytes })}: ${split}`, { file });
  const opened = await openInput(host, input.path, limits.fileBytes);
  if ('problem' in opened) return handlers.problem(readProblemCode(opened), `${file} ${describeReadProblem(opened)}`, { file });
  const ctx = fileContext(input, handlers, limits.problemsPerFile);
  let devices = 0;
  const counting = { ...ctx, device: (d: InventoryDevice) => (devices++, ctx.device(d)) };
  try {
    readContent(file, opened.chunks, counting, limits.readChunk, scratch);
  } catch (e) {
    // Not a file system error (one the host threw while reading): a bug, not the inventory's.
    if (typeof (e as { code?: unknown }).code !== 'string') throw e;
    const problem = problemOf(e, limits.fileBytes);
    return handlers.problem(readProblemCode(problem), problem.problem === 'too-large' ? `${file} grew past the ${limits.fileBytes}-byte cap while it was read: ${split}` : `${file} ${describeReadProblem(problem)}`, { file });
  } finally {
    opened.chunks.close();
  }
  ctx.finish(devices);
}

/**
 * The file's first bytes tell its format (detect.ts); the reader for it goes on from there, from
 * the one open file. JSON and osquery logs stream from the first chunk on; an osquery log, told
 * from AMAPI by its first object, is read from its first byte again from the bytes kept
 * (kept-source.ts); a property list (one device's response) is read whole.
 */
function readContent(file: string, f: FileChunks, ctx: ReturnType<typeof fileContext>, chunk: number, scratch: Scratch): void {
  const head = readUpTo(f, Math.min(chunk, HEAD_BYTES));
  const found = detect(head, head.length < Math.min(chunk, HEAD_BYTES));
  if (found.kind === 'unknown') return ctx.problem('INVENTORY_UNKNOWN_FORMAT', `${found.why}; ${READS}`, { file, line: 1, col: 1 });
  if (found.kind === 'json') return readJson(file, f, head, ctx, chunk, scratch);
  const bytes = concat(head, readUpTo(f, Infinity));
  let text: string | undefined;
  if (found.kind === 'xml-plist') {
    try {
      text = utf8.decode(bytes);
    } catch {
      return ctx.problem('INVENTORY_UNKNOWN_FORMAT', `the file is not UTF-8 text; ${READS}`, { file, line: 1, col: 1 });
    }
  }
  readPlist(file, bytes, text, ctx);
}

/** An AMAPI response as it streams, or an osquery log: the same open file either way. */
function readJson(file: string, f: FileChunks, head: Uint8Array, ctx: ReturnType<typeof fileContext>, chunk: number, scratch: Scratch): void {
  const source = new KeptSource(f, head);
  const stream = new JsonStream(source, head, chunk, scratch.buffer);
  const outcome = readAmapi(stream, file, ctx, () => source.letGo());
  scratch.buffer = stream.buffer;
  if (outcome === 'not-amapi') return ctx.problem('INVENTORY_UNKNOWN_FORMAT', `${UNKNOWN_JSON}; ${READS}`, { file, line: 1, col: 1 });
  if (outcome === 'osquery') {
    const notUtf8 = (line: number, col: number) => ctx.problem('INVENTORY_SYNTAX', `line ${line} is not UTF-8 text`, { file, line, col });
    readOsqueryLog(file, linesOf(source.fromStart(), notUtf8, chunk), ctx);
  }
}

const HEAD_BYTES = 64 * 1024;
/** The JSON reader's buffer, handed from one file to the next of one read. */
type Scratch = { buffer?: Uint8Array };
const READS = 'audit reads AMAPI devices.list JSON, Apple InstalledApplicationList responses and osquery results logs';
const UNKNOWN_JSON = 'the JSON is neither an AMAPI devices.list response or Device, nor an osquery results log';
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Up to `max` bytes from the file's current place (all of it for Infinity). */
function readUpTo(f: FileChunks, max: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  while (total < max) {
    const part = new Uint8Array(Math.min(max - total, 1 << 20));
    let n = 0;
    for (let r; n < part.length && (r = f.read(part, n, part.length - n)) > 0; ) n += r;
    if (n > 0) parts.push(part.subarray(0, n));
    total += n;
    if (n < part.length) break;
  }
  return concat(...parts);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const nonEmpty = parts.filter((p) => p.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? new Uint8Array(0);
  const all = new Uint8Array(nonEmpty.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of nonEmpty) all.set(p, (at += p.length) - p.length);
  return all;
}

function readPlist(file: string, bytes: Uint8Array, text: string | undefined, ctx: ReturnType<typeof fileContext>): void {
  let parsed: ParsedPlist;
  try {
    parsed = text !== undefined ? parseXmlPlist(text) : parseBinaryPlist(bytes);
  } catch (e) {
    if (!(e instanceof PlistSyntaxError)) throw e;
    return ctx.problem('INVENTORY_SYNTAX', `the property list cannot be read: ${e.message}`, text !== undefined ? positionAt(file, text, e.offset) : { file, path: `byte ${e.offset}` });
  }
  readAppleResponse(parsed.value, plistLocator(file, text, parsed), ctx);
}

function plistLocator(file: string, text: string | undefined, parsed: ParsedPlist): PlistLocator {
  return (value, path) => {
    const offset = value !== undefined ? parsed.offsets.get(value) : undefined;
    const where = text !== undefined && offset !== undefined ? positionAt(file, text, offset) : { file };
    return { ...where, path: path.map((p) => `/${p}`).join('') };
  };
}

/** The handlers as one file's reader sees them: problems past the cap are counted, not listed. */
function fileContext(input: InventoryInput, handlers: ReadHandlers, cap: number) {
  let problems = 0;
  return {
    known: handlers.known,
    device: (d: InventoryDevice) => handlers.device(d, input),
    problem(code: DiagnosticCode, message: string, at: InventoryLocation) {
      if (++problems <= cap) handlers.problem(code, message, at);
    },
    finish(devices: number) {
      if (problems > cap) handlers.problem('INVENTORY_SHAPE', `${problems - cap} more problems in this file are not listed`, { file: input.label });
      if (devices === 0 && problems === 0) handlers.problem('INVENTORY_EMPTY', `${input.label} lists no device`, { file: input.label });
    },
  };
}
