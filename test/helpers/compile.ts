import { compile, type CompileResult, type Diagnostic } from '../../src/index.js';
import { memoryHost } from './memory-host.js';

/** A fixed date so exception expiry in tests never depends on the day they run. */
export const TODAY = '2026-11-28';

/** Compiles in-memory files; the first file named is the policy. */
export async function compileFiles(files: Record<string, string>, entry = Object.keys(files)[0]!): Promise<CompileResult> {
  const { host, root } = memoryHost(files);
  return compile(`${root}/${entry}`, { host, today: TODAY, displayBase: root });
}

export function codes(diagnostics: readonly Diagnostic[], severity?: Diagnostic['severity']): string[] {
  return diagnostics.filter((d) => !severity || d.severity === severity).map((d) => d.code);
}

/** `file:line:col CODE` of each diagnostic, for asserting positions. */
export function located(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.file ?? ''}:${d.line ?? ''}:${d.col ?? ''} ${d.code}`);
}
