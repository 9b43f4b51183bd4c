import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { END, JsonStream, JsonSyntaxError, keyTable, type ChunkSource } from '../../../src/features/audit/inventory/json-stream.js';

/** Bytes handed over at most `chunk` at a time, as a file read in small pieces would be. */
function source(bytes: Uint8Array, chunk: number): ChunkSource {
  let at = 0;
  return {
    read(into, offset, length) {
      const n = Math.min(length, chunk, bytes.length - at);
      into.set(bytes.subarray(at, at + n), offset);
      at += n;
      return n;
    },
  };
}

/** A stream over a text, its first `head` bytes already read, then chunks of `chunk` bytes. */
function streamOf(text: string, chunk = 1 << 20, head = 0): JsonStream {
  const bytes = new TextEncoder().encode(text);
  const src = source(bytes.subarray(head), chunk);
  return new JsonStream(src, bytes.subarray(0, head), chunk);
}

/** Skips the whole text as one value: null when it is valid JSON, else the error's line:col. */
function check(text: string, chunk?: number, head?: number): string | null {
  const s = streamOf(text, chunk, head);
  try {
    s.skip();
    s.finish();
    return null;
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return `${e.line}:${e.col}`;
  }
}

const valid = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('JsonStream: the JSON grammar, read in chunks of any size', () => {
  it('accepts exactly what JSON.parse accepts, whatever the chunk size', () => {
    const texts = fc.oneof(
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify(v, null, 2)),
      // A valid text with one character dropped, doubled or replaced: mostly invalid.
      fc.tuple(fc.json(), fc.nat(), fc.constantFrom('', '"', '\\', ',', '}', ']', ':', '-', '0', 'e', '\n', '\u0001', 'é', ' ')).map(([t, i, c]) => {
        const k = i % (t.length + 1);
        return t.slice(0, k) + c + t.slice(k + (i % 2));
      }),
    );
    fc.assert(
      fc.property(texts, fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 4 }), (text, chunk, head) => {
        expect(check(text, chunk, Math.min(head, new TextEncoder().encode(text).length)) === null).toBe(valid(text));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['{"a": 1,\n  "b": }', '2:8'],
    ['[1, 2', '1:6'],
    ['{"a": tru}', '1:10'],
    ['{"é": "ü",\n "x": 01}', '2:8'],
    ['{"é": "ü", "x": [1,]}', '1:20'],
    ['\ufeff{"a": "\\q"}', '1:8'],
    ['{"a": "b"} x', '1:12'],
    ['{"a": "line\nbreak"}', '1:12'],
  ])('%j fails at %s, in characters, at every chunk size', (text, at) => {
    for (let chunk = 1; chunk <= 8; chunk++) expect(check(text, chunk)).toBe(at);
  });

  it('finds keys by their bytes, escaped or not, and decodes the strings asked for', () => {
    const table = keyTable('name', 'é');
    for (let chunk = 1; chunk <= 6; chunk++) {
      const s = streamOf('{"other": [1, {"x": null}], "n\\u0061me": "caf\\u00e9 \\"x\\"", "é": "ü", "name": 7}', chunk);
      const seen: [number, unknown][] = [];
      s.openObject();
      for (let first = true, k: number; (k = s.key(table, first)) !== END; first = false) seen.push([k, k >= 0 ? s.string() : s.skip()]);
      s.finish();
      expect(seen).toEqual([
        [-2, undefined],
        [0, 'café "x"'],
        [1, 'ü'],
        [0, undefined],
      ]);
    }
  });
});
