import type { DiagnosticCode } from '../../common/diagnostics/codes.js';
import { LIMITS } from './limits.js';
import { linePos, type PositionIndex } from './positions.js';
import { readDocument } from './read-document.js';
import { checkStructure } from './yaml-structure.js';

/** A diagnostic of one file, without the file's name: the text may be parsed in a worker thread. */
export interface TextProblem {
  code: DiagnosticCode;
  message: string;
  line: number;
  col: number;
}

/** What parsing a file's text gives: its problems in report order, and its data when usable. */
export interface ParsedText {
  problems: TextProblem[];
  /** Present when the file can be used. */
  parsed?: {
    data: unknown;
    positions: PositionIndex;
    /** False when JSON cannot carry the data exactly (NaN, ±Infinity, -0, or not known). */
    jsonSafe: boolean;
  };
}

const yamlErrorCodes: Record<string, DiagnosticCode> = {
  DUPLICATE_KEY: 'YAML_DUPLICATE_KEY',
  TAB_AS_INDENT: 'YAML_TAB_INDENT',
};

/**
 * A file's text (already within the value cap) to its data and positions: one document, no
 * duplicate keys, bounded aliases and depth. `yaml` is the module itself, loaded by the caller
 * when a file first needs parsing.
 */
export function parseText(text: string, yaml: typeof import('yaml')): ParsedText {
  const problems: TextProblem[] = [];
  const fail = (code: DiagnosticCode, message: string, line = 1, col = 1): ParsedText => {
    problems.push({ code, message, line, col });
    return { problems };
  };
  const loneCr = loneCarriageReturn(text);
  if (loneCr) {
    return fail('FILE_LINE_ENDINGS', 'a line ends with a carriage return alone (classic Mac OS line endings), which the YAML reader does not take; save the file with LF or CRLF line endings', loneCr.line, loneCr.col);
  }
  const depthAt = deepestNesting(text);
  if (depthAt) {
    return fail('YAML_TOO_DEEP', `structures are nested more than ${LIMITS.maxDepth} levels deep`, depthAt.line, depthAt.col);
  }

  const lines = new yaml.LineCounter();
  const docs = yaml.parseAllDocuments(text, {
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: false,
    merge: false,
    // Tags of YAML 1.1's types (!!binary, !!set, …) stay unresolved, so they are reported, not
    // turned into values the format does not have.
    resolveKnownTags: false,
    // The library never prints: problems come back as diagnostics, not process warnings.
    logLevel: 'error',
  });
  if (!Array.isArray(docs)) return fail('YAML_EMPTY', 'file holds no YAML document');
  const [doc, second] = docs;
  if (!doc) return fail('YAML_EMPTY', 'file holds no YAML document');
  const at = (offset: number) => linePos(lines.lineStarts, offset);
  if (second) {
    const pos = at(second.range[0]);
    return fail('YAML_MULTI_DOCUMENT', 'file holds more than one YAML document (a second "---"); use include for several files', pos.line, pos.col);
  }
  const version = versionProblem(doc, text);
  if (version) {
    const pos = at(version.offset);
    return fail('YAML_VERSION', version.message, pos.line, pos.col);
  }
  for (const err of doc.errors) {
    problems.push({ code: yamlErrorCodes[err.code] ?? 'YAML_SYNTAX', message: firstLine(err.message), ...at(err.pos[0]) });
  }
  for (const warn of doc.warnings) problems.push({ ...tagOrWarning(warn), ...at(warn.pos[0]) });
  if (problems.some((p) => p.code !== 'YAML_WARNING')) return { problems };

  // The document itself is dropped once read: positions are kept in a compact index instead.
  const read = readDocument(doc, lines.lineStarts, yaml, LIMITS);
  const shape = read.problem ?? (read.data ? undefined : checkStructure(doc, LIMITS, yaml));
  if (shape) {
    const pos = shape.offset === undefined ? { line: 1, col: 1 } : at(shape.offset);
    return fail(shape.code, shape.message, pos.line, pos.col);
  }
  let data: unknown;
  if (read.data) data = read.data.value;
  else {
    try {
      data = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
    } catch (e) {
      if (e instanceof ReferenceError || (e instanceof Error && /alias/i.test(e.message))) {
        return fail('YAML_ALIAS_LIMIT', `aliases expand too much (more than ${LIMITS.maxAliasCount}); anchors and aliases are meant for small reuse`);
      }
      return fail('YAML_SYNTAX', e instanceof Error ? firstLine(e.message) : 'cannot read YAML');
    }
  }
  if (data === null || data === undefined) return fail('YAML_EMPTY', 'file holds no YAML content');
  return { problems, parsed: { data, positions: read.positions, jsonSafe: read.data?.jsonSafe ?? false } };
}

/**
 * A `%YAML` directive for anything but 1.2: YAML 1.1 reads on/off/yes/no as booleans and applies
 * `<<` merges, so `removeApps: off` would mean false. The directive is refused, not obeyed.
 */
function versionProblem(doc: { directives?: { yaml: { explicit?: boolean; version: string } } | null; warnings: { code: string }[] }, text: string) {
  const yaml = doc.directives?.yaml;
  const unsupported = doc.warnings.some((w) => w.code === 'BAD_DIRECTIVE');
  if (!yaml?.explicit || (yaml.version === '1.2' && !unsupported)) return undefined;
  const match = /^%YAML[ \t]+(\S*)/m.exec(text);
  const written = match?.[1] ?? yaml.version;
  return {
    message: `%YAML ${written.slice(0, 20)} is not supported: policies are YAML 1.2 (in YAML 1.1, on/off/yes/no are booleans and << merges); remove the directive`,
    offset: match ? match.index + match[0].length - written.length : 0,
  };
}

/** A tag of YAML 1.1's types is an error of its own; any other parser warning stays a warning. */
function tagOrWarning(warn: { code: string; message: string }): { code: DiagnosticCode; message: string } {
  const tag = /^Unresolved tag: tag:yaml\.org,2002:(\w+)/.exec(warn.message)?.[1];
  if (warn.code === 'TAG_RESOLVE_FAILED' && tag) {
    return { code: 'YAML_TAG', message: `!!${tag} is a YAML 1.1 type this format does not use; write the value as plain text without the tag` };
  }
  return { code: 'YAML_WARNING', message: firstLine(warn.message) };
}

/** The first carriage return not followed by a line feed: a file with classic Mac OS line endings. */
function loneCarriageReturn(text: string): { line: number; col: number } | undefined {
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10) {
      const before = text.lastIndexOf('\n', i);
      let line = 1;
      for (let j = text.indexOf('\n'); j !== -1 && j < i; j = text.indexOf('\n', j + 1)) line++;
      return { line, col: i - before };
    }
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
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
