import { CODES } from '../common/diagnostics/codes.js';
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
  /** Where the compile wrote report.html (as the user named the folder), to point at its sections. */
  report?: string;
}

/** The report's section that lists a code's diagnostics in full; the warnings section otherwise. */
const REPORT_SECTIONS: Readonly<Record<string, string>> = {
  NO_IDENTIFIER_FOR_PLATFORM: 'gaps',
  LOW_CONFIDENCE_EXCLUDED: 'low-confidence',
  EXCEPTION_EXPIRED: 'expired',
};

/**
 * What a run prints of its diagnostics. Errors always, first and each in full: they are why the
 * run failed. With an error nothing else is printed (the result line counts the rest), so a
 * signing error is not buried under warnings about the catalog. Otherwise, unless --quiet, one
 * line per warning code: the diagnostic itself when it is the only one of its code, else its
 * count, what the code means and where the full list is. --verbose prints every diagnostic,
 * informational ones too, in the library's order.
 */
export function printDiagnostics(diagnostics: readonly Diagnostic[], io: CliIO, options: PrintOptions): void {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const line = (d: Diagnostic) => io.stderr(formatDiagnostic(d, io.color) + '\n');
  if (options.verbose) {
    // Everything, in the library's order (by file and position), as an editor lists it.
    diagnostics.forEach(line);
    return;
  }
  errors.forEach(line);
  if (errors.length > 0 || options.quiet) return;
  const byCode = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (d.severity !== 'warning') continue;
    const list = byCode.get(d.code);
    if (list) list.push(d);
    else byCode.set(d.code, [d]);
  }
  for (const [code, list] of byCode) {
    if (list.length === 1) line(list[0]!);
    else io.stderr(`${paint(io.color, '33;1', 'warning')} ${code} × ${list.length}: ${aboutCode(code)} ${pointer(code, options.report)}\n`);
  }
}

function aboutCode(code: string): string {
  return (CODES as Record<string, { about: string } | undefined>)[code]?.about ?? '';
}

function pointer(code: string, report: string | undefined): string {
  return report !== undefined ? `See ${report}#${REPORT_SECTIONS[code] ?? 'warnings'}; --verbose lists them.` : '--verbose lists them.';
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
