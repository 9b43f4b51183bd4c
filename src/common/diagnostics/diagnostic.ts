import { byCodeUnit } from '../compare.js';
import { CODES, type DiagnosticCode } from './codes.js';

export type Severity = 'error' | 'warning' | 'info';

/** A position in a source file, 1-based as editors show it. */
export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

/** What the library reports instead of throwing or printing: stable `code`, position where there is one. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  file?: string;
  line?: number;
  col?: number;
  /** Where in the document, as a JSON-pointer-like path (`/block/apps/0/id`). */
  path?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * Sort by file, line, column, then code and message, so output and golden files are stable.
 * Strings compare by code unit (byCodeUnit), so the order does not depend on the machine's locale.
 */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) =>
      byCodeUnit(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.col ?? 0) - (b.col ?? 0) ||
      byCodeUnit(a.code, b.code) ||
      byCodeUnit(a.message, b.message),
  );
}


/** Collects diagnostics for one compile; stages add to it, nobody prints. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  add(code: DiagnosticCode, message: string, at?: Partial<SourcePosition> & { path?: string }, severity?: Severity): void {
    const d: Diagnostic = { code, severity: severity ?? CODES[code].severity, message };
    if (at?.file !== undefined) d.file = at.file;
    if (at?.line !== undefined) d.line = at.line;
    if (at?.col !== undefined) d.col = at.col;
    if (at?.path !== undefined) d.path = at.path;
    this.items.push(d);
  }

  get hasErrors(): boolean {
    return hasErrors(this.items);
  }
}
