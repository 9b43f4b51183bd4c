import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { CliIO } from './io.js';

/** ANSI colour when `on`; plain text otherwise. */
export const paint = (on: boolean, code: string, s: string): string => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/** `file:line:col: error CODE: message`, the shape editors and CI annotators understand. */
export function formatDiagnostic(d: Diagnostic, color: boolean): string {
  const where = d.file ? `${d.file}${d.line !== undefined ? `:${d.line}:${d.col ?? 1}` : ''}: ` : '';
  const sev = d.severity === 'error' ? paint(color, '31;1', 'error') : d.severity === 'warning' ? paint(color, '33;1', 'warning') : paint(color, '36', 'info');
  return `${paint(color, '1', where)}${sev} ${d.code}: ${d.message}`;
}

export interface PrintOptions {
  quiet: boolean;
  verbose: boolean;
}

/** Errors always; warnings unless --quiet; info only with --verbose. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], io: CliIO, options: PrintOptions): void {
  for (const d of diagnostics) {
    if (d.severity === 'warning' && options.quiet) continue;
    if (d.severity === 'info' && !options.verbose) continue;
    io.stderr(formatDiagnostic(d, io.color) + '\n');
  }
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number; infos: number } {
  return {
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    infos: diagnostics.filter((d) => d.severity === 'info').length,
  };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
