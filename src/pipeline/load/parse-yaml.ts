import type { DiagnosticBag } from '../../common/diagnostics/diagnostic.js';
import { LIMITS } from './limits.js';
import { cachedParse } from './parse-cache.js';
import { parseText, type ParsedText, type TextProblem } from './parse-text.js';
import { decodeUtf8 } from './read-file.js';
import { SourceFile } from './source-file.js';

export { LIMITS };

// yaml is loaded on the first file that needs parsing: the shipped policies come parsed from the build.
let yamlModule: Promise<typeof import('yaml')> | undefined;
const loadYaml = () => (yamlModule ??= import('yaml'));

/** What is left of the value cap for the files of one policy; the loader shares one. */
export interface ParseBudget {
  tokens: number;
  /** The cap itself: LIMITS.maxTokens unless the caller raised it (CompileOptions.maxValues). */
  limit: number;
}

export function newBudget(limit = LIMITS.maxTokens): ParseBudget {
  return { tokens: limit, limit };
}

/**
 * A file's bytes checked and decoded, before its values are charged to the policy's cap and its
 * text parsed: refused (too big, not UTF-8), served from the build's parse cache, or text.
 */
export type PreparedFile =
  | { kind: 'refused'; problem: TextProblem }
  | { kind: 'cached'; tokens: number; entry: NonNullable<ReturnType<typeof cachedParse>> }
  /** `bytes` are the file's, decoded to `text` (a worker is sent the bytes: cheaper than the text). */
  | { kind: 'text'; tokens: number; text: string; bytes: Uint8Array };

export function prepareFile(bytes: Uint8Array, absPath: string): PreparedFile {
  const refuse = (code: TextProblem['code'], message: string): PreparedFile => ({ kind: 'refused', problem: { code, message, line: 1, col: 1 } });
  if (bytes.byteLength > LIMITS.maxFileBytes) {
    return refuse('FILE_TOO_LARGE', `file is ${bytes.byteLength} bytes; the limit is ${LIMITS.maxFileBytes}`);
  }
  const cached = cachedParse(absPath, bytes);
  if (cached) return { kind: 'cached', tokens: cached.tokens, entry: cached };
  let text: string;
  try {
    text = decodeUtf8(bytes);
  } catch {
    return refuse('FILE_NOT_UTF8', 'file is not valid UTF-8 text; save it as UTF-8');
  }
  // NUL is valid UTF-8 but never YAML text: a file full of them is UTF-16 without a byte order mark.
  if (bytes.includes(0)) return refuse('FILE_NOT_UTF8', 'file holds NUL bytes, so it is not UTF-8 text (UTF-16 without a byte order mark?); save it as UTF-8');
  return { kind: 'text', tokens: structuralTokens(text), text, bytes };
}

/** Parses text in this thread. */
export async function parseHere(text: string): Promise<ParsedText> {
  return parseText(text, await loadYaml());
}

interface FinishContext {
  absPath: string;
  displayPath: string;
  bag: DiagnosticBag;
  budget: ParseBudget;
  /** Parses the text, or gives the parse already started for it. */
  parse: (text: string) => Promise<ParsedText>;
}

/**
 * Charges a prepared file's values to the cap (in include order: the loader calls this file by
 * file), then parses it and reports its problems. The text is parsed only if it fits the cap.
 */
export async function finishParse(prepared: PreparedFile, ctx: FinishContext): Promise<SourceFile | undefined> {
  const { absPath, displayPath, bag, budget } = ctx;
  const report = (p: TextProblem) => bag.add(p.code, p.message, { file: displayPath, line: p.line, col: p.col });
  if (prepared.kind === 'refused') {
    report(prepared.problem);
    return undefined;
  }
  if (prepared.tokens > budget.tokens) {
    const whole = budget.tokens < budget.limit ? ' with the files before it' : '';
    report({ code: 'FILE_TOO_LARGE', message: `file holds about ${prepared.tokens} values${whole}; a policy may hold at most ${budget.limit}`, line: 1, col: 1 });
    return undefined;
  }
  budget.tokens -= prepared.tokens;
  if (prepared.kind === 'cached') {
    const { data, positions } = prepared.entry;
    return new SourceFile(absPath, displayPath, data, positions);
  }
  const { problems, parsed } = await ctx.parse(prepared.text);
  for (const p of problems) report(p);
  return parsed && new SourceFile(absPath, displayPath, parsed.data, parsed.positions);
}

/** Commas, colons, "- " and line breaks: an upper bound, near enough, on the values a parse makes. */
export function structuralTokens(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 /* , */ || c === 58 /* : */ || c === 10) n++;
    else if (c === 45 /* - */ && text.charCodeAt(i + 1) === 32) n++;
  }
  return n;
}
