import { findNodeAtLocation, parseTree, ParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { DiagnosticBag, SourcePosition } from '../../common/diagnostics/diagnostic.js';
import { fromCallerValue, valueOfTree } from '../../common/json/exact-json.js';
import { LIMITS } from './parse-yaml.js';
import type { DocPath } from './source-file.js';

/** Where a diagnostic points: a file always, a line and column when the value came from text. */
export type JsonLocation = Pick<SourcePosition, 'file'> & Partial<SourcePosition>;

/** A JSON document with a way back from a data path to line and column, like SourceFile for YAML. */
export class JsonSource {
  private constructor(
    /** Path as diagnostics show it, or a label for an object handed to the library. */
    readonly displayPath: string,
    readonly data: unknown,
    private readonly tree: Node | undefined,
    private readonly lineStarts: readonly number[],
  ) {}

  /** A value that never was text (a library caller's object): diagnostics name it, without a line. */
  static fromValue(label: string, data: unknown): JsonSource {
    return new JsonSource(label, fromCallerValue(data), undefined, []);
  }

  static fromText(displayPath: string, text: string, data: unknown, tree: Node | undefined): JsonSource {
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
    return new JsonSource(displayPath, data, tree, starts);
  }

  /** Position of the value at `path`, or of the nearest ancestor that exists. */
  positionOf(path: DocPath): JsonLocation {
    return this.at(this.nodeAt(path)?.offset);
  }

  /** Position of the key `key` inside the object at `path` (for unknown-field errors). */
  keyPositionOf(path: DocPath, key: string): JsonLocation {
    const property = findNodeAtLocation(this.tree ?? emptyNode, [...path, key])?.parent;
    return property?.type === 'property' && property.children?.[0] ? this.at(property.children[0].offset) : this.positionOf(path);
  }

  at(offset: number | undefined): JsonLocation {
    if (offset === undefined || this.lineStarts.length === 0) return { file: this.displayPath };
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.displayPath, line: lo + 1, col: offset - this.lineStarts[lo]! + 1 };
  }

  private nodeAt(path: DocPath): Node | undefined {
    if (!this.tree) return undefined;
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(this.tree, path.slice(0, n) as (string | number)[]);
      if (node) return node;
    }
    return this.tree;
  }
}

const emptyNode: Node = { type: 'null', offset: 0, length: 0 };

const SYNTAX_MESSAGES: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'unexpected character',
  [ParseErrorCode.InvalidNumberFormat]: 'malformed number',
  [ParseErrorCode.PropertyNameExpected]: 'expected a property name in double quotes',
  [ParseErrorCode.ValueExpected]: 'expected a value',
  [ParseErrorCode.ColonExpected]: 'expected ":"',
  [ParseErrorCode.CommaExpected]: 'expected ","',
  [ParseErrorCode.CloseBraceExpected]: 'expected "}"',
  [ParseErrorCode.CloseBracketExpected]: 'expected "]"',
  [ParseErrorCode.EndOfFileExpected]: 'unexpected text after the end of the JSON value',
  [ParseErrorCode.InvalidCommentToken]: 'JSON does not allow comments',
  [ParseErrorCode.UnexpectedEndOfComment]: 'JSON does not allow comments',
  [ParseErrorCode.UnexpectedEndOfString]: 'unterminated string',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'malformed number',
  [ParseErrorCode.InvalidUnicode]: 'malformed \\u escape',
  [ParseErrorCode.InvalidEscapeCharacter]: 'unknown escape sequence in a string',
  [ParseErrorCode.InvalidCharacter]: 'control character in a string (escape it)',
};

/**
 * Strict JSON (no comments, no trailing commas, no duplicate keys) to a JsonSource, every number
 * kept exact. The first
 * syntax error is reported at its line and column; later ones are usually its echoes.
 */
export function parseJson(text: string, displayPath: string, bag: DiagnosticBag): JsonSource | undefined {
  // The tree parser and every walk of the tree recurse: refuse a file nested past the cap first.
  const tooDeep = deeperThan(text, LIMITS.maxDepth);
  if (tooDeep !== undefined) {
    bag.add('ANDROID_BASE_INVALID', `nested more than ${LIMITS.maxDepth} levels deep; an AMAPI Policy is nowhere near that`, JsonSource.fromText(displayPath, text, undefined, undefined).at(tooDeep));
    return undefined;
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const positions = JsonSource.fromText(displayPath, text, undefined, tree);
  const first = errors[0];
  if (first) {
    const next = text[first.offset];
    const trailingComma = (next === '}' || next === ']') && /,\s*$/.test(text.slice(0, first.offset));
    const message = SYNTAX_MESSAGES[first.error] ?? 'not valid JSON';
    bag.add('ANDROID_BASE_SYNTAX', `not valid JSON: ${message}${trailingComma ? ' (JSON does not allow a trailing comma)' : ''}`, positions.at(first.offset));
    return undefined;
  }
  try {
    JSON.parse(text);
  } catch (e) {
    // The tolerant scanner accepted something the standard parser does not; say what it said.
    bag.add('ANDROID_BASE_SYNTAX', `not valid JSON: ${(e as Error).message}`, positions.at(0));
    return undefined;
  }
  // From the tree, not JSON.parse: an integer beyond 2^53 keeps its digits (ExactNumber).
  const source = JsonSource.fromText(displayPath, text, tree ? valueOfTree(tree, text) : undefined, tree);
  if (tree) reportDuplicateKeys(tree, source, bag);
  return source;
}

/** Offset of the first bracket that opens level `max + 1`, skipping strings; undefined if none. */
function deeperThan(text: string, max: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92 /* \\ */) i++;
    } else if (c === 91 || c === 123) {
      if (++depth > max) return i;
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
  return undefined;
}

/** JSON.parse keeps the last of two equal keys silently; a policy with both is ambiguous. */
function reportDuplicateKeys(node: Node, source: JsonSource, bag: DiagnosticBag): void {
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const key = property.children?.[0];
      if (!key) continue;
      const name = String(key.value);
      if (seen.has(name)) bag.add('ANDROID_BASE_INVALID', `key "${name}" appears twice in the same object`, source.at(key.offset));
      seen.add(name);
    }
  }
  for (const child of node.children ?? []) reportDuplicateKeys(child, source, bag);
}
