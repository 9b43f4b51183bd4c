import type { FileChunks } from '../../../common/host.js';
/*
 * A pull reader of JSON text, read a chunk at a time: the caller walks the value it expects (an
 * object's keys, an array's items) and skips the rest, so no object tree is built and memory stays
 * at one chunk plus the longest token, however big the file. It checks the whole grammar (RFC 8259:
 * strings, escapes, numbers, literals, UTF-8) and says where the text goes wrong in lines and
 * columns, columns counted in characters as an editor shows them.
 *
 * Why not a library: the npm streaming parsers (stream-json 3.9, @streamparser/json 0.0.x) hand
 * over an event or a value per token and locate errors by byte offset; an AMAPI inventory is 15
 * million application reports of which the audit needs two fields each, and its diagnostics must
 * give line and column (docs/guarantees.md). This reader compares keys as bytes and decodes only
 * the strings the caller asks for.
 */

/** Where the bytes come from: a file read a chunk at a time, or bytes already in memory. */
export type ChunkSource = Pick<FileChunks, 'read'>;

/** A JSON syntax error, or text that is not UTF-8, and where it is. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly col: number,
  ) {
    super(message);
  }
}

/** `key()` at the end of an object; any other key not in the table. */
export const END = -1;
export const OTHER = -2;

/** A table of the keys a caller looks for, as UTF-8 bytes; `key()` answers with an index into it. */
export function keyTable(...names: string[]): readonly Uint8Array[] {
  return names.map((n) => new TextEncoder().encode(n));
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MAX_DEPTH = 64;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export class JsonStream {
  private buf: Uint8Array;
  private text: Buffer;
  private pos = 0;
  private end: number;
  private eof = false;
  /** File offset of buf[0]. */
  private base = 0;
  private line = 1;
  /** File offset where the current line starts. */
  private lineStart = 0;
  /** Bytes on the current line so far beyond its characters (UTF-8 sequences, counted as one). */
  private extra = 0;
  /** File offset from which the buffer must keep its bytes (a span the caller will decode), or -1. */
  private anchor = -1;
  /** The last string scanned: file offsets of its contents, and whether it has escapes or non-ASCII bytes. */
  spanStart = 0;
  spanEnd = 0;
  spanPlain = true;

  constructor(
    private readonly source: ChunkSource,
    head: Uint8Array,
    private readonly chunk = 1 << 20,
    /** A buffer to read into (the last file's, see `buffer`): one allocation for a thousand files. */
    reuse?: Uint8Array,
  ) {
    const size = Math.max(chunk, head.length) * 2;
    this.buf = reuse && reuse.length >= size ? reuse : new Uint8Array(size);
    this.buf.set(head);
    this.end = head.length;
    this.text = Buffer.from(this.buf.buffer, this.buf.byteOffset, this.buf.length);
    // A byte order mark is no part of the JSON text (RFC 8259 §8.1 lets a reader ignore it), and
    // editors do not count it in columns.
    if (this.ensure(3) && this.buf[0] === 0xef && this.buf[1] === 0xbb && this.buf[2] === 0xbf) {
      this.pos = 3;
      this.extra = 3;
    }
  }

  /** The buffer, for the next file's stream once this one is done with. */
  get buffer(): Uint8Array {
    return this.buf;
  }

  /** Line and column of the next token. */
  get atLine(): number {
    return this.line;
  }
  get atCol(): number {
    return this.base + this.pos - this.lineStart - this.extra + 1;
  }

  /** File offset of the next byte. */
  get offset(): number {
    return this.base + this.pos;
  }

  /** Keeps the bytes from `offset` on (the start of a value whose strings may be decoded later); -1 lets go. */
  keep(offset: number): void {
    this.anchor = offset;
  }

  /** The next token's first byte after white space, or -1 at the end of the text. */
  peek(): number {
    for (;;) {
      while (this.pos >= this.end) if (!this.more()) return -1;
      const c = this.buf[this.pos]!;
      if (c === 0x20 || c === 0x09 || c === 0x0d) this.pos++;
      else if (c === 0x0a) {
        this.pos++;
        this.line++;
        this.lineStart = this.base + this.pos;
        this.extra = 0;
      } else return c;
    }
  }

  /** Consumes "{"; false (consuming nothing) when the next value is not an object. */
  openObject(): boolean {
    if (this.peek() !== 0x7b) return false;
    this.pos++;
    return true;
  }

  openArray(): boolean {
    if (this.peek() !== 0x5b) return false;
    this.pos++;
    return true;
  }

  /**
   * The next key of an object, as its index in `table`, OTHER for another key, END after the
   * closing brace. Consumes the key and its colon; the caller reads or skips the value.
   */
  key(table: readonly Uint8Array[], first: boolean): number {
    let c = this.peek();
    if (c === 0x7d) {
      this.pos++;
      return END;
    }
    if (!first) {
      if (c !== 0x2c) throw this.error(c === -1 ? 'the text ends inside an object' : 'expected "," or "}" after a value in an object');
      this.pos++;
      c = this.peek();
    }
    if (c !== QUOTE) throw this.error(c === -1 ? 'the text ends inside an object' : 'expected a property name in double quotes');
    this.scanString();
    const found = this.spanPlain ? this.matchBytes(table) : this.matchText(table);
    if (this.peek() !== 0x3a) throw this.error(this.peek() === -1 ? 'the text ends inside an object' : 'expected ":" after a property name');
    this.pos++;
    return found;
  }

  /** True when the array has another item (consuming the comma before it), false after "]". */
  item(first: boolean): boolean {
    const c = this.peek();
    if (c === 0x5d) {
      this.pos++;
      return false;
    }
    if (first) return true;
    if (c !== 0x2c) throw this.error(c === -1 ? 'the text ends inside an array' : 'expected "," or "]" after a value in an array');
    this.pos++;
    return true;
  }

  /** The next value when it is a string, decoded; undefined (the value skipped) when it is not. */
  string(): string | undefined {
    if (this.peek() !== QUOTE) return this.skip(), undefined;
    this.scanString();
    return this.decode(this.spanStart, this.spanEnd, this.spanPlain);
  }

  /** Whether the next value is exactly the string `bytes` (given without escapes); the value is consumed. */
  stringIs(bytes: Uint8Array): boolean {
    if (this.peek() !== QUOTE) return this.skip(), false;
    this.scanString();
    if (!this.spanPlain) return this.decode(this.spanStart, this.spanEnd, false) === new TextDecoder().decode(bytes);
    return this.sameBytes(this.spanStart - this.base, this.spanEnd - this.base, bytes);
  }

  /** Scans the next value when it is a string, leaving where it is in span*; false (skipped) otherwise. */
  span(): boolean {
    if (this.peek() !== QUOTE) return this.skip(), false;
    this.scanString();
    return true;
  }

  /** A string the caller scanned with span(), from file offsets still in the buffer (see keep()). */
  decode(start: number, end: number, plain: boolean): string {
    const s = start - this.base;
    const e = end - this.base;
    if (plain) return this.text.toString('latin1', s, e);
    // Escapes: JSON.parse undoes them exactly; the bytes were checked when they were scanned.
    return JSON.parse(`"${utf8.decode(this.buf.subarray(s, e))}"`) as string;
  }

  /** Consumes one value of any kind, checking it. */
  skip(depth = 0): void {
    const c = this.peek();
    if (c === QUOTE) return this.scanString();
    if (c === 0x7b || c === 0x5b) return this.skipContainer(c, depth);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.skipNumber();
    if (c === 0x74) return this.literal('true');
    if (c === 0x66) return this.literal('false');
    if (c === 0x6e) return this.literal('null');
    throw this.error(c === -1 ? 'the text ends where a value should be' : 'expected a value');
  }

  /** After the last value: only white space may follow. */
  finish(): void {
    if (this.peek() !== -1) throw this.error('expected the end of the text after the value');
  }

  /** An error at the next token (or at the end of the text). */
  error(message: string): JsonSyntaxError {
    return new JsonSyntaxError(message, this.atLine, this.atCol);
  }

  private skipContainer(open: number, depth: number): void {
    if (depth >= MAX_DEPTH) throw this.error(`values nest deeper than ${MAX_DEPTH} levels`);
    this.pos++;
    if (open === 0x7b) {
      for (let first = true; this.key(NO_KEYS, first) !== END; first = false) this.skip(depth + 1);
    } else {
      for (let first = true; this.item(first); first = false) this.skip(depth + 1);
    }
  }

  /**
   * Scans the string at pos (its opening quote) to just past its closing quote, checking escapes,
   * control characters and UTF-8; leaves its contents' file offsets in span*.
   */
  private scanString(): void {
    let start = ++this.pos;
    let i = start;
    let plain = true;
    let ascii = true;
    let buf = this.buf;
    let end = this.end;
    for (;;) {
      if (i >= end) {
        const shift = this.moreKeeping(start);
        if (shift < 0) throw this.errorAt(i, 'the text ends inside a string');
        start -= shift;
        i -= shift;
        buf = this.buf;
        end = this.end;
        continue;
      }
      const c = buf[i]!;
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        plain = false;
        const shift = this.escape(i, start);
        start -= shift.moved;
        i = shift.next;
        buf = this.buf;
        end = this.end;
        continue;
      }
      if (c < 0x20) throw this.errorAt(i, 'a control character must be escaped inside a string');
      if (c >= 0x80) ascii = false;
      i++;
    }
    this.spanStart = this.base + start;
    this.spanEnd = this.base + i;
    this.spanPlain = plain && ascii;
    this.pos = i + 1;
    if (!ascii) this.countCharacters(start, i);
  }

  /** Checks the escape at i (a backslash); gives the index after it and how far the buffer moved. */
  private escape(i: number, start: number): { next: number; moved: number } {
    let moved = 0;
    while (this.end - i < 6 && !this.eof) {
      const shift = this.moreKeeping(start);
      if (shift < 0) break;
      moved += shift;
      start -= shift;
      i -= shift;
    }
    const e = i + 1 < this.end ? this.buf[i + 1]! : -1;
    if (e === -1) throw this.errorAt(i, 'the text ends inside a string');
    if (e === 0x75) {
      for (let k = i + 2; k < i + 6; k++) if (k >= this.end || !isHex(this.buf[k]!)) throw this.errorAt(i, 'a \\u escape needs four hex digits');
      return { next: i + 6, moved };
    }
    // " \ / b f n r t
    if (e !== 0x22 && e !== 0x5c && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) throw this.errorAt(i, 'an invalid escape in a string');
    return { next: i + 2, moved };
  }

  /** A string with non-ASCII bytes: must be UTF-8, and its characters, not bytes, count in columns. */
  private countCharacters(start: number, end: number): void {
    let chars: number;
    try {
      chars = utf8.decode(this.buf.subarray(start, end)).length;
    } catch {
      throw this.errorAt(start, 'the string is not UTF-8 text');
    }
    this.extra += end - start - chars;
  }

  private skipNumber(): void {
    let k = 0;
    if (this.byteAt(k) === 0x2d) k++;
    if (this.byteAt(k) === 0x30) k++;
    else if (isDigit(this.byteAt(k))) while (isDigit(this.byteAt(k))) k++;
    else throw this.errorAt(this.pos + k, 'a number needs a digit');
    if (this.byteAt(k) === 0x2e) {
      k++;
      if (!isDigit(this.byteAt(k))) throw this.errorAt(this.pos + k, 'a number needs a digit after "."');
      while (isDigit(this.byteAt(k))) k++;
    }
    const e = this.byteAt(k);
    if (e === 0x65 || e === 0x45) {
      k++;
      const sign = this.byteAt(k);
      if (sign === 0x2b || sign === 0x2d) k++;
      if (!isDigit(this.byteAt(k))) throw this.errorAt(this.pos + k, 'a number needs a digit in its exponent');
      while (isDigit(this.byteAt(k))) k++;
    }
    this.pos += k;
  }

  /** The byte k places after pos, reading on if need be; -1 past the end of the text. */
  private byteAt(k: number): number {
    return this.pos + k < this.end || this.ensure(k + 1) ? this.buf[this.pos + k]! : -1;
  }

  private literal(word: string): void {
    for (let k = 0; k < word.length; k++) {
      const c = this.byteAt(k);
      if (c !== word.charCodeAt(k)) throw this.errorAt(this.pos + k, c === -1 ? 'the text ends inside a value' : 'expected a value');
    }
    this.pos += word.length;
  }

  private matchBytes(table: readonly Uint8Array[]): number {
    const s = this.spanStart - this.base;
    const e = this.spanEnd - this.base;
    for (let t = 0; t < table.length; t++) if (this.sameBytes(s, e, table[t]!)) return t;
    return OTHER;
  }

  private matchText(table: readonly Uint8Array[]): number {
    const key = this.decode(this.spanStart, this.spanEnd, false);
    const t = table.findIndex((k) => new TextDecoder().decode(k) === key);
    return t === -1 ? OTHER : t;
  }

  private sameBytes(s: number, e: number, bytes: Uint8Array): boolean {
    if (e - s !== bytes.length) return false;
    const buf = this.buf;
    for (let k = 0; k < bytes.length; k++) if (buf[s + k] !== bytes[k]) return false;
    return true;
  }

  /** At least n bytes from pos, unless the text ends first; false if it does. */
  private ensure(n: number): boolean {
    while (this.end - this.pos < n) if (!this.more()) return false;
    return true;
  }

  private more(): boolean {
    return this.moreKeeping(this.pos) >= 0;
  }

  /**
   * Reads the next chunk, keeping the buffer from `keepFrom` (an index) and from the anchor;
   * gives how far the kept bytes moved toward the start, or -1 at the end of the text.
   */
  private moreKeeping(keepFrom: number): number {
    if (this.eof) return -1;
    const keep = Math.min(keepFrom, this.pos, this.anchor >= 0 ? Math.max(0, this.anchor - this.base) : keepFrom);
    if (keep > 0) {
      this.buf.copyWithin(0, keep, this.end);
      this.base += keep;
      this.pos -= keep;
      this.end -= keep;
    }
    if (this.buf.length - this.end < this.chunk) this.grow();
    const n = this.source.read(this.buf, this.end, this.buf.length - this.end);
    if (n === 0) {
      this.eof = true;
      return keep > 0 ? keep : -1;
    }
    this.end += n;
    return keep;
  }

  /** A token longer than the buffer: twice the room (the file's size cap bounds it). */
  private grow(): void {
    const bigger = new Uint8Array(this.buf.length * 2);
    bigger.set(this.buf.subarray(0, this.end));
    this.buf = bigger;
    this.text = Buffer.from(bigger.buffer, bigger.byteOffset, bigger.length);
  }

  private errorAt(index: number, message: string): JsonSyntaxError {
    return new JsonSyntaxError(message, this.line, this.base + index - this.lineStart - this.extra + 1);
  }
}

const NO_KEYS: readonly Uint8Array[] = [];

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
