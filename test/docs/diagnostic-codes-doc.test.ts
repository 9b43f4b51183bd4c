// docs/guarantees.md lists every diagnostic code; the list is generated from
// src/common/diagnostics/codes.ts, and this test fails when the two differ (UPDATE_GOLDEN=1 rewrites it).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { CODES } from '../../src/index.js';
import { repoRoot } from '../helpers/cli.js';
import { updating } from '../helpers/golden.js';

const DOC = join(repoRoot, 'docs', 'guarantees.md');
const BEGIN = '<!-- diagnostic codes: generated from src/common/diagnostics/codes.ts by test/docs/diagnostic-codes-doc.test.ts -->';
const END = '<!-- end of diagnostic codes -->';

function codesTable(): string {
  const rows = Object.entries(CODES).map(([code, { severity, about }]) => `| \`${code}\` | ${severity} | ${about.replace(/\|/g, '\\|')} |`);
  return ['| Code | Severity | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

it('docs/guarantees.md lists every diagnostic code as codes.ts defines it', () => {
  const doc = readFileSync(DOC, 'utf8');
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  expect(start, `${DOC} needs the line ${BEGIN}`).toBeGreaterThanOrEqual(0);
  expect(end, `${DOC} needs the line ${END}`).toBeGreaterThan(start);
  const current = doc.slice(start + BEGIN.length, end).trim();
  const wanted = codesTable();
  if (updating) {
    writeFileSync(DOC, `${doc.slice(0, start + BEGIN.length)}\n${wanted}\n${doc.slice(end)}`);
    return;
  }
  expect(current, 'docs/guarantees.md is out of date: run UPDATE_GOLDEN=1 npm test').toBe(wanted);
});
