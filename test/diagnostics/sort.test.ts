import { describe, expect, it } from 'vitest';
import { sortDiagnostics, type Diagnostic } from '../../src/common/diagnostics/diagnostic.js';

const d = (file: string, message: string, line = 1): Diagnostic => ({ code: 'UNKNOWN_APP', severity: 'error', message, file, line, col: 1 });

describe('sortDiagnostics', () => {
  it('orders by file, line, column, code, then message, comparing strings by code unit', () => {
    const sorted = sortDiagnostics([d('b.yaml', 'x'), d('B.yaml', 'x'), d('a.yaml', '"acme-notes-lite"'), d('a.yaml', '"acme-notes"'), d('a.yaml', 'z', 0)]);
    // Code-unit order: upper case before lower case, '"' (0x22) before '-' (0x2D), whatever the locale.
    expect(sorted.map((x) => `${x.file}:${x.line} ${x.message}`)).toEqual(['B.yaml:1 x', 'a.yaml:0 z', 'a.yaml:1 "acme-notes"', 'a.yaml:1 "acme-notes-lite"', 'b.yaml:1 x']);
  });
});
