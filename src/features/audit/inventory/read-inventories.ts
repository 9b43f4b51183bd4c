import { join } from 'node:path';
import type { DiagnosticCode } from '../../../common/diagnostics/codes.js';
import type { Host } from '../../../common/host.js';
import { byCodeUnit } from '../../../common/compare.js';
import { readAmapi } from './amapi.js';
import { readAppleResponse, type PlistLocator } from './apple-mdm.js';
import { detect } from './detect.js';
import { readOsqueryLog } from './osquery.js';
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
  /** One file, read whole: V8 strings end near 512 MiB; AMAPI pages and MDM responses are far smaller. */
  fileBytes: 256 * 1024 * 1024,
  /** Files under one folder, and how deep its sub-folders go. */
  filesPerFolder: 1_000_000,
  folderDepth: 8,
  /** Problems reported per file before the rest are only counted. */
  problemsPerFile: 50,
};

/**
 * Reads every inventory, one file at a time, through the host: a file's text is let go before the
 * next is read, so memory stays near the biggest file (plus what the handlers keep).
 */
export async function readInventories(inputs: readonly InventoryInput[], host: Host, handlers: ReadHandlers, limits = INVENTORY_LIMITS): Promise<void> {
  for (const input of inputs) {
    for (const file of await filesOf(input, host, handlers, limits)) await readFile(file, host, handlers, limits);
  }
}

async function filesOf(input: InventoryInput, host: Host, handlers: ReadHandlers, limits: typeof INVENTORY_LIMITS): Promise<InventoryInput[]> {
  const stat = await statOf(input, host, handlers);
  if (!stat) return [];
  if (stat.kind === 'file') return [input];
  if (stat.kind !== 'directory' || !host.readDir) {
    handlers.problem('FILE_UNREADABLE', `${input.label} is neither a file nor a folder`, { file: input.label });
    return [];
  }
  const files: InventoryInput[] = [];
  await walk(input, host, handlers, files, 0, limits);
  if (files.length === 0) handlers.problem('INVENTORY_EMPTY', `the folder ${input.label} holds no inventory file`, { file: input.label });
  return files;
}

async function walk(dir: InventoryInput, host: Host, handlers: ReadHandlers, out: InventoryInput[], depth: number, limits: typeof INVENTORY_LIMITS): Promise<void> {
  if (depth > limits.folderDepth) return handlers.problem('FILE_TOO_LARGE', `folders nest deeper than ${limits.folderDepth} levels under ${dir.label}`, { file: dir.label });
  const names = (await host.readDir!(dir.path)).filter((n) => !n.startsWith('.')).sort(byCodeUnit);
  for (const name of names) {
    const child: InventoryInput = { ...dir, path: join(dir.path, name), label: `${dir.label.replace(/\/$/, '')}/${name}` };
    const stat = await statOf(child, host, handlers);
    if (stat?.kind === 'directory') await walk(child, host, handlers, out, depth + 1, limits);
    else if (stat?.kind === 'file') {
      if (out.length >= limits.filesPerFolder) return handlers.problem('FILE_TOO_LARGE', `more than ${limits.filesPerFolder} files under ${dir.label}`, { file: dir.label });
      out.push(child);
    }
  }
}

async function statOf(input: InventoryInput, host: Host, handlers: ReadHandlers) {
  try {
    return await host.stat(input.path);
  } catch (e) {
    const missing = (e as { code?: string }).code === 'ENOENT';
    handlers.problem(missing ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', missing ? `${input.label} does not exist` : `${input.label} cannot be read`, { file: input.label });
    return undefined;
  }
}

async function readFile(input: InventoryInput, host: Host, handlers: ReadHandlers, limits: typeof INVENTORY_LIMITS): Promise<void> {
  const file = input.label;
  const stat = await statOf(input, host, handlers);
  if (!stat) return;
  if (stat.size > limits.fileBytes) return handlers.problem('FILE_TOO_LARGE', `${file} is ${stat.size} bytes, over the ${limits.fileBytes}-byte cap for one inventory file: split it (AMAPI pages, one response per device)`, { file });
  let bytes: Uint8Array;
  try {
    bytes = await host.readFile(input.path);
  } catch {
    return handlers.problem('FILE_UNREADABLE', `${file} cannot be read`, { file });
  }
  const ctx = fileContext(input, handlers, limits.problemsPerFile);
  let devices = 0;
  const counting = { ...ctx, device: (d: InventoryDevice) => (devices++, ctx.device(d)) };
  readContent(file, bytes, counting);
  ctx.finish(devices);
}

function readContent(file: string, bytes: Uint8Array, ctx: ReturnType<typeof fileContext>): void {
  const found = detect(file, bytes);
  switch (found.kind) {
    case 'amapi':
      return readAmapi(found.value, found.source, ctx);
    case 'osquery':
      return readOsqueryLog(file, found.text, ctx);
    case 'bad-json':
      return ctx.problem('INVENTORY_SYNTAX', `the JSON cannot be read: ${found.failure.message}`, found.failure.at);
    case 'unknown':
      return ctx.problem('INVENTORY_UNKNOWN_FORMAT', `${found.why}; audit reads AMAPI devices.list JSON, Apple InstalledApplicationList responses and osquery results logs`, { file, line: 1, col: 1 });
    case 'xml-plist':
    case 'binary-plist': {
      const text = found.kind === 'xml-plist' ? found.text : undefined;
      let parsed: ParsedPlist;
      try {
        parsed = text !== undefined ? parseXmlPlist(text) : parseBinaryPlist(bytes);
      } catch (e) {
        if (!(e instanceof PlistSyntaxError)) throw e;
        return ctx.problem('INVENTORY_SYNTAX', `the property list cannot be read: ${e.message}`, text !== undefined ? positionAt(file, text, e.offset) : { file, path: `byte ${e.offset}` });
      }
      return readAppleResponse(parsed.value, plistLocator(file, text, parsed), ctx);
    }
  }
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
