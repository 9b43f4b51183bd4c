import type { DiagnosticBag, SourcePosition } from '../../common/diagnostics/diagnostic.js';
import type { Host } from '../../common/host.js';
import { describeReadProblem, readInput, readProblemCode } from '../../common/read-input.js';
import { LIMITS } from './limits.js';

/**
 * Reads a policy, include or base policy through the one safe reader (readInput): a regular file
 * of at most the byte cap. `at` is where the file was named (an include, a basePolicy); without it
 * the file itself.
 */
export async function readFileOrReport(host: Host, real: string, shown: string, bag: DiagnosticBag, at?: SourcePosition): Promise<Uint8Array | undefined> {
  const got = await readInput(host, real, LIMITS.maxFileBytes);
  if ('bytes' in got) return got.bytes;
  const code = readProblemCode(got);
  bag.add(code, `${shown} ${describeReadProblem(got)}`, at ?? { file: shown, ...(code === 'FILE_TOO_LARGE' && { line: 1, col: 1 }) });
  return undefined;
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
