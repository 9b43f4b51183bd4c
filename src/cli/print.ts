import type { Diagnostic } from '../common/diagnostics/diagnostic.js';
import type { CliIO } from './io.js';

/** ANSI colour when `on`; plain text otherwise. */
export const paint = (on: boolean, code: string, s: string): string => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

// C0/C1 controls (ESC starts terminal commands) and bidirectional overrides.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Messages quote the policy's own text (an unknown key, a file name), which may hold characters
 * a terminal would act on. They are shown as \u{…} so a policy cannot write to the terminal.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`);
}

/** `file:line:col: error CODE: message`, the shape editors and CI annotators understand. */
export function formatDiagnostic(d: Diagnostic, color: boolean): string {
  const where = d.file ? `${printable(d.file)}${d.line !== undefined ? `:${d.line}:${d.col ?? 1}` : ''}: ` : '';
  const sev = d.severity === 'error' ? paint(color, '31;1', 'error') : d.severity === 'warning' ? paint(color, '33;1', 'warning') : paint(color, '36', 'info');
  return `${paint(color, '1', where)}${sev} ${d.code}: ${printable(d.message)}`;
}

export interface PrintOptions {
  quiet: boolean;
  verbose: boolean;
}

/** How many warnings or infos of one code are listed before the rest are counted in one line. */
const PER_CODE = 5;

/**
 * Errors always; warnings unless --quiet; info only with --verbose. Without --verbose, a code
 * that repeats (an app list with many gaps) shows its first few and a count of the rest.
 */
export function printDiagnostics(diagnostics: readonly Diagnostic[], io: CliIO, options: PrintOptions): void {
  const shown = new Map<string, number>();
  for (const d of diagnostics) {
    if (d.severity === 'warning' && options.quiet) continue;
    if (d.severity === 'info' && !options.verbose) continue;
    const n = (shown.get(d.code) ?? 0) + 1;
    shown.set(d.code, n);
    if (d.severity !== 'error' && !options.verbose && n > PER_CODE) continue;
    io.stderr(formatDiagnostic(d, io.color) + '\n');
  }
  for (const [code, n] of shown) {
    if (n > PER_CODE && !options.verbose && diagnostics.find((d) => d.code === code)?.severity !== 'error') {
      io.stderr(`… and ${n - PER_CODE} more ${code} (--verbose lists them all)\n`);
    }
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
