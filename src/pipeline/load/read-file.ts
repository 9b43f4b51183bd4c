import type { DiagnosticBag, SourcePosition } from '../../common/diagnostics/diagnostic.js';
import type { Host } from '../../common/host.js';
import { LIMITS } from './limits.js';

/**
 * Reads a file through the host, refusing an oversized one before it is read into memory.
 * `at` is where the file was named (an include, a basePolicy); without it the file itself.
 */
export async function readFileOrReport(host: Host, real: string, shown: string, bag: DiagnosticBag, at?: SourcePosition): Promise<Uint8Array | undefined> {
  try {
    const { size } = await host.stat(real);
    if (size > LIMITS.maxFileBytes) {
      bag.add('FILE_TOO_LARGE', `${shown} is ${size} bytes; the limit is ${LIMITS.maxFileBytes}`, at ?? { file: shown, line: 1, col: 1 });
      return undefined;
    }
    return await host.readFile(real);
  } catch (e) {
    const reason = e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : 'read error';
    bag.add('FILE_UNREADABLE', `cannot read ${shown} (${reason})`, at ?? { file: shown });
    return undefined;
  }
}

/** Why a file could not be read: it is missing or unreadable (`code`), not a regular file, or too large. */
export type ReadProblem = { problem: 'unreadable'; code: string } | { problem: 'not-a-file'; kind: string } | { problem: 'too-large'; size: number };

/**
 * The safe reader for files a policy names that are not YAML (signing PEMs): a regular file
 * (never a folder, FIFO or device such as /dev/zero) of at most `maxBytes`, read through the host.
 */
export async function readRegularFile(host: Host, path: string, maxBytes: number): Promise<{ bytes: Uint8Array } | ReadProblem> {
  try {
    const { kind, size } = await host.stat(path);
    if (kind !== 'file') return { problem: 'not-a-file', kind };
    if (size > maxBytes) return { problem: 'too-large', size };
    return { bytes: await host.readFile(path) };
  } catch (e) {
    return { problem: 'unreadable', code: String((e as NodeJS.ErrnoException).code ?? 'read error') };
  }
}

/** UTF-8 to text, a BOM dropped; throws on bytes that are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
}

/** UTF-8 text (a BOM is dropped), or undefined with FILE_NOT_UTF8. */
export function decodeUtf8OrReport(bytes: Uint8Array, shown: string, bag: DiagnosticBag): string | undefined {
  try {
    return decodeUtf8(bytes);
  } catch {
    bag.add('FILE_NOT_UTF8', `${shown} is not valid UTF-8 text; save it as UTF-8`, { file: shown, line: 1, col: 1 });
    return undefined;
  }
}
