import { parseTree, type Node, type ParseError } from 'jsonc-parser';

/**
 * JSON whose integers stay exact. JSON.parse turns 12345678901234567890 into the nearest double
 * (12345678901234567000): a base policy's managedConfiguration or an int64 field written as a
 * number would then be rewritten with another value. A number the double cannot hold exactly is
 * kept here as its text, and written back as that text.
 */
export class ExactNumber {
  constructor(
    /** The number as the JSON text wrote it, e.g. "12345678901234567890". */
    readonly text: string,
  ) {}

  /** The nearest double, for checks that only compare magnitudes or types. */
  valueOf(): number {
    return Number(this.text);
  }

  toJSON(): number {
    return Number(this.text);
  }
}

const INTEGER = /^-?(0|[1-9][0-9]*)$/;

/** A JSON number's text as a value: a plain number unless that would change it. */
export function exactNumber(text: string): number | ExactNumber {
  const n = Number(text);
  return INTEGER.test(text) && !Number.isSafeInteger(n) ? new ExactNumber(text) : n;
}

/**
 * The value a jsonc-parser tree holds, numbers kept exact. `text` is the document the tree was
 * parsed from: a number node's own text is the slice its offset and length name.
 */
export function valueOfTree(node: Node, text: string): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) defineValue(out, String(key.value), valueOfTree(value, text));
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map((child) => valueOfTree(child, text));
    case 'number':
      return exactNumber(text.slice(node.offset, node.offset + node.length));
    default:
      return node.value as unknown;
  }
}

/** `out[key] = value`, also for "__proto__", which an assignment would take as the prototype. */
function defineValue(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A library caller's value with its bigints as ExactNumbers: JSON.stringify throws on a bigint,
 * and a caller that parsed its policy losslessly may hand us some.
 */
export function fromCallerValue(value: unknown): unknown {
  if (typeof value === 'bigint') return exactNumber(value.toString());
  if (Array.isArray(value)) return value.map(fromCallerValue);
  if (value && typeof value === 'object' && !(value instanceof ExactNumber)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) defineValue(out, k, fromCallerValue(v));
    return out;
  }
  return value;
}

/** The value with every ExactNumber as its nearest double: what a schema validator can type-check. */
export function approximate(value: unknown): unknown {
  if (value instanceof ExactNumber) return value.valueOf();
  if (Array.isArray(value)) return value.map(approximate);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) defineValue(out, k, approximate(v));
    return out;
  }
  return value;
}

/** True when the value holds an ExactNumber anywhere. */
export function holdsExactNumbers(value: unknown): boolean {
  if (value instanceof ExactNumber) return true;
  if (Array.isArray(value)) return value.some(holdsExactNumbers);
  if (value && typeof value === 'object') return Object.values(value).some(holdsExactNumbers);
  return false;
}

/**
 * JSON.stringify(value, null, indent), byte for byte, except that an ExactNumber is written as
 * its own text. Without ExactNumbers it is JSON.stringify itself.
 */
export function stringifyExact(value: unknown, indent = 2): string {
  if (!holdsExactNumbers(value)) return JSON.stringify(value, null, indent);
  return write(value, '', ' '.repeat(indent)) ?? 'null';
}

function write(value: unknown, margin: string, step: string): string | undefined {
  if (value instanceof ExactNumber) return value.text;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = margin + step;
    const items = value.map((v) => inner + (write(v, inner, step) ?? 'null'));
    return `[\n${items.join(',\n')}\n${margin}]`;
  }
  if (value && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    const inner = margin + step;
    const members: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      const written = write(v, inner, step);
      if (written !== undefined) members.push(`${inner}${JSON.stringify(k)}: ${written}`);
    }
    return members.length === 0 ? '{}' : `{\n${members.join(',\n')}\n${margin}}`;
  }
  return JSON.stringify(value);
}

/**
 * Strict JSON text to a value with numbers kept exact, or undefined when the text is not JSON.
 * For reading back bytes the compiler wrote; a user's file goes through load's parseJson, which
 * says where a problem is.
 */
export function parseExact(text: string): unknown {
  // JSON.parse is native and many times faster than jsonc-parser's scanner (the effect check reads
  // back every Android file of a compile). It loses no digits when no integer can be unsafe: one
  // beyond 2^53 has 16 digits or more. What it refuses or might round goes through the tree.
  if (!MAYBE_UNSAFE_INTEGER.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // jsonc-parser decides, as before.
    }
  }
  return parseExactTree(text);
}

const MAYBE_UNSAFE_INTEGER = /[0-9]{16}/;

function parseExactTree(text: string): unknown {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return tree && errors.length === 0 ? valueOfTree(tree, text) : undefined;
}
