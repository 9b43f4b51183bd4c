import type { Document } from 'yaml';
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { cachedParse } from './parse-cache.js';
import { PositionIndex } from './positions.js';
import { SourceFile } from './source-file.js';
import { checkStructure } from './yaml-structure.js';

// yaml is loaded on the first file that needs parsing: the shipped policies come parsed from the build.
let yamlModule: Promise<typeof import('yaml')> | undefined;
const loadYaml = () => (yamlModule ??= import('yaml'));

/**
 * Limits that keep a hostile file from exhausting time or memory (docs/guarantees.md). The YAML
 * parser needs about 1 KB of memory per value and is slow on millions of them, so the caps are set
 * where a policy at the limit still compiles in seconds, far above any real catalog.
 */
export const LIMITS = {
  /** Bytes per file. */
  maxFileBytes: 2 * 1024 * 1024,
  /**
   * Structural tokens (commas, colons, list dashes, line breaks: about one per value) in the
   * policy and all its includes together, counted before parsing.
   */
  maxTokens: 200_000,
  /** Alias expansions per file: anchors are fine, "billion laughs" is not. */
  maxAliasCount: 100,
  /** Values (keys included) that aliases may add to a file when expanded. */
  maxAliasExpansion: 100_000,
  /** Nesting depth of mappings and sequences, aliases expanded. */
  maxDepth: 64,
};

const yamlErrorCodes: Record<string, DiagnosticCode> = {
  DUPLICATE_KEY: 'YAML_DUPLICATE_KEY',
  TAB_AS_INDENT: 'YAML_TAB_INDENT',
};

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
 * Bytes to a SourceFile: UTF-8 only, one document, no duplicate keys, bounded size, aliases and
 * depth. Returns undefined (with diagnostics) when the file cannot be used.
 */
export async function parseYaml(
  bytes: Uint8Array,
  absPath: string,
  displayPath: string,
  bag: DiagnosticBag,
  budget: ParseBudget = newBudget(),
): Promise<SourceFile | undefined> {
  const fail = (code: DiagnosticCode, message: string, line = 1, col = 1) => {
    bag.add(code, message, { file: displayPath, line, col });
    return undefined;
  };
  if (bytes.byteLength > LIMITS.maxFileBytes) {
    return fail('FILE_TOO_LARGE', `file is ${bytes.byteLength} bytes; the limit is ${LIMITS.maxFileBytes}`);
  }
  const spend = (tokens: number) => {
    if (tokens > budget.tokens) {
      const whole = budget.tokens < budget.limit ? ' with the files before it' : '';
      return fail('FILE_TOO_LARGE', `file holds about ${tokens} values${whole}; a policy may hold at most ${budget.limit}`);
    }
    budget.tokens -= tokens;
    return true;
  };
  const cached = cachedParse(absPath, bytes);
  if (cached) return spend(cached.tokens) && new SourceFile(absPath, displayPath, cached.data, cached.positions, cached.checked);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return fail('FILE_NOT_UTF8', 'file is not valid UTF-8 text; save it as UTF-8');
  }
  if (!spend(structuralTokens(text))) return undefined;
  const depthAt = deepestNesting(text);
  if (depthAt) {
    return fail('YAML_TOO_DEEP', `structures are nested more than ${LIMITS.maxDepth} levels deep`, depthAt.line, depthAt.col);
  }

  const yaml = await loadYaml();
  const { LineCounter, parseAllDocuments } = yaml;
  const lines = new LineCounter();
  // The document itself is dropped once read: positions are kept in a compact index instead.
  const file = (doc: Document.Parsed, data: unknown, positions = PositionIndex.fromDocument(doc, lines, yaml)) => new SourceFile(absPath, displayPath, data, positions);
  const docs = parseAllDocuments(text, {
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: false,
    merge: false,
    // The library never prints: problems come back as diagnostics, not process warnings.
    logLevel: 'error',
  });
  if (!Array.isArray(docs)) {
    return fail('YAML_EMPTY', 'file holds no YAML document');
  }
  const [doc, second] = docs;
  if (!doc) return fail('YAML_EMPTY', 'file holds no YAML document');
  if (second) {
    const pos = file(second, undefined).at(second.range[0]);
    return fail('YAML_MULTI_DOCUMENT', 'file holds more than one YAML document (a second "---"); use include for several files', pos.line, pos.col);
  }
  const positions = PositionIndex.fromDocument(doc, lines, yaml);
  const src = file(doc, undefined, positions);
  let ok = true;
  for (const err of doc.errors) {
    const pos = src.at(err.pos[0]);
    const code = yamlErrorCodes[err.code] ?? 'YAML_SYNTAX';
    bag.add(code, firstLine(err.message), pos);
    ok = false;
  }
  for (const warn of doc.warnings) {
    bag.add('YAML_WARNING', firstLine(warn.message), src.at(warn.pos[0]));
  }
  if (!ok) return undefined;

  const shape = checkStructure(doc, LIMITS, yaml);
  if (shape) {
    const pos = src.at(shape.offset);
    return fail(shape.code, shape.message, pos.line, pos.col);
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
  } catch (e) {
    if (e instanceof ReferenceError || (e instanceof Error && /alias/i.test(e.message))) {
      return fail('YAML_ALIAS_LIMIT', `aliases expand too much (more than ${LIMITS.maxAliasCount}); anchors and aliases are meant for small reuse`);
    }
    return fail('YAML_SYNTAX', e instanceof Error ? firstLine(e.message) : 'cannot read YAML');
  }
  if (data === null || data === undefined) return fail('YAML_EMPTY', 'file holds no YAML content');
  return file(doc, data, positions);
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
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

/**
 * Finds where flow brackets or block indentation first nest far deeper than the cap, before the
 * parser's recursion sees it (checkStructure measures the exact depth afterwards). Cheap
 * over-approximation: it ignores quoting, which can only make it stricter on strings full of
 * brackets, and those do not occur in a blocklist.
 */
function deepestNesting(text: string): { line: number; col: number } | undefined {
  let depth = 0;
  let line = 1;
  let col = 0;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    col++;
    if (c === 10) {
      line++;
      col = 0;
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (c === 32 || c === 45 /* - */) {
        indent++;
        continue;
      }
      lineStart = false;
      // Block nesting: each level costs at least one column of indentation.
      if (indent > LIMITS.maxDepth * 8) return { line, col };
    }
    if (c === 91 || c === 123) {
      if (++depth > LIMITS.maxDepth) return { line, col };
    } else if ((c === 93 || c === 125) && depth > 0) {
      depth--;
    } else if (c === 35 /* # */) {
      // Skip comments to the end of the line.
      while (i + 1 < text.length && text.charCodeAt(i + 1) !== 10) i++;
    }
  }
  return undefined;
}
