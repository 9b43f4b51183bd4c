import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { positionAt } from './text-position.js';
import type { InventoryLocation } from './types.js';

export type JsonPath = (string | number)[];

/** A JSON text parsed with the fast native parser; positions are found again only when asked. */
export class JsonText {
  private tree: ReturnType<typeof parseTree> | null = null;

  constructor(
    readonly file: string,
    readonly text: string,
    /** Added to every line found here: an NDJSON line's number in its file, less one. */
    private readonly lineOffset = 0,
  ) {}

  /** Position of the value at `path`, or of its nearest ancestor that exists. */
  positionOf(path: JsonPath): InventoryLocation {
    this.tree ??= parseTree(this.text, [], { disallowComments: true }) ?? null;
    if (!this.tree) return this.at(0);
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(this.tree, path.slice(0, n));
      if (node) return this.at(node.offset);
    }
    return this.at(0);
  }

  at(offset: number): InventoryLocation {
    const p = positionAt(this.file, this.text, offset);
    return { ...p, line: p.line! + this.lineOffset };
  }
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; message: string; at: InventoryLocation };

/**
 * JSON.parse, and on failure the first syntax error with its position: V8's messages do not
 * always carry one (a truncated file says only "Unexpected end of JSON input").
 */
export function parseJson(source: JsonText): JsonParse {
  try {
    return { ok: true, value: JSON.parse(source.text) };
  } catch {
    const errors: ParseError[] = [];
    parse(source.text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    const offset = first?.offset ?? source.text.length;
    const what = first ? describe(printParseErrorCode(first.error)) : 'not valid JSON';
    return { ok: false, message: what, at: source.at(offset) };
  }
}

/** jsonc-parser's error names in words: "CloseBraceExpected" → "close brace expected". */
function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
