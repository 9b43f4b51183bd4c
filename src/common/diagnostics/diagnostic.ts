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
    const d: Diagnostic = { code, severity: severity ?? CODES[code].severity, message: shownMessage(message) };
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

/** Past this length, a message's quoted text is shortened; the message itself is cut past twice it. */
export const MESSAGE_CAP = 500;
/** How much of a shortened quotation is kept. */
const QUOTE_KEPT = 60;

// Characters that show as nothing, so a key holding one looks like the key it is not: the byte
// order mark, zero-width space, word joiner, Mongolian vowel separator.
const INVISIBLE = /[\uFEFF\u200B\u2060\u180E]/g;

/**
 * Every message quotes the policy's own text somewhere (a key, a value, a file name): a 1.5 MB
 * key must not become a 1.5 MB line, and a byte order mark inside a key must be seen. So long
 * quotations are shortened (the longest first, saying how long they were) and invisible
 * characters are written as \u{FEFF}, here, where every diagnostic passes.
 */
export function shownMessage(message: string): string {
  let text = message.replace(INVISIBLE, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`);
  while (text.length > MESSAGE_CAP) {
    const longest = longestQuotation(text);
    if (!longest || longest.length <= QUOTE_KEPT + 20) break;
    const inner = text.slice(longest.start + 1, longest.start + longest.length - 1);
    const kept = `${inner.slice(0, QUOTE_KEPT)}…" (${inner.length} characters)`;
    text = text.slice(0, longest.start + 1) + kept + text.slice(longest.start + longest.length);
  }
  return text.length > MESSAGE_CAP * 2 ? `${text.slice(0, MESSAGE_CAP * 2)}… (message cut at ${MESSAGE_CAP * 2} characters)` : text;
}

function longestQuotation(text: string): { start: number; length: number } | undefined {
  let best: { start: number; length: number } | undefined;
  for (const m of text.matchAll(/"[^"]*"/g)) if (!best || m[0].length > best.length) best = { start: m.index, length: m[0].length };
  return best;
}
