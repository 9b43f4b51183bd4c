import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTree, type ParseError } from 'jsonc-parser';
import { approximate, ExactNumber, parseExact, stringifyExact, valueOfTree } from '../../src/common/json/exact-json.js';

/** parseExact as it was before its JSON.parse shortcut: jsonc-parser's tree for every text. */
function throughTree(text: string): unknown {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return tree && errors.length === 0 ? valueOfTree(tree, text) : undefined;
}

// Text near JSON: valid documents, documents with a character changed, and JSON-ish strings.
const jsonishUnit = fc.constantFrom('{', '}', '[', ']', ':', ',', '"', '\\', ' ', '\n', '\t', '\r', '\u000b', '\u00a0', '\ufeff', '0', '1', '9', '-', '+', '.', 'e', 'E', 'a', 'u', 't', 'r', 'n', 'l', 'f', '/', '*', '\u0001');
const nearJson = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v, null, 2)),
  fc.tuple(fc.jsonValue().map((v) => JSON.stringify(v)), fc.nat(), jsonishUnit).map(([t, i, c]) => t.slice(0, i % (t.length + 1)) + c + t.slice((i % (t.length + 1)) + 1)),
  fc.string({ unit: jsonishUnit, maxLength: 30 }),
  fc.tuple(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), fc.jsonValue()).map(([n, v]) => `[${n}, ${JSON.stringify(v)}]`),
);

describe('JSON with exact integers', () => {
  it('writes what JSON.stringify writes when no number needs keeping', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(stringifyExact(value)).toBe(JSON.stringify(value, null, 2));
        expect(approximate(parseExact(JSON.stringify(value, null, 2)))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('lays out a value holding an ExactNumber as JSON.stringify lays out the rest', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.bigInt({ min: 2n ** 53n, max: 2n ** 70n }), (value, n) => {
        const held = { value, n: new ExactNumber(n.toString()), list: [new ExactNumber((-n).toString()), {}, []] };
        const plain = { value, n: 1, list: [2, {}, []] };
        // Anchored at the top level's two-space indent: the generated value may hold an "n": 1 or a [2, …] of its own.
        const expected = JSON.stringify(plain, null, 2)
          .replace('\n  "n": 1,\n', `\n  "n": ${n},\n`)
          .replace('\n  "list": [\n    2,', `\n  "list": [\n    ${-n},`);
        expect(stringifyExact(held)).toBe(expected);
      }),
    );
  });

  it('keeps integers beyond 2^53 through a parse and a write, and only those', () => {
    const text = '{\n  "a": 12345678901234567890,\n  "b": -9007199254740993,\n  "c": 9007199254740991,\n  "d": 0.25,\n  "e": [\n    18446744073709551615\n  ]\n}';
    const value = parseExact(text) as Record<string, unknown>;
    expect(value['a']).toBeInstanceOf(ExactNumber);
    expect(value['b']).toBeInstanceOf(ExactNumber);
    expect(value['c']).toBe(9007199254740991);
    expect(value['d']).toBe(0.25);
    expect(stringifyExact(value)).toBe(text);
    expect(approximate(value)).toEqual(JSON.parse(text));
  });

  it('keeps a "__proto__" key as a key', () => {
    const value = parseExact('{ "__proto__": { "x": 1 } }') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(stringifyExact(value)).toBe(JSON.stringify(JSON.parse('{ "__proto__": { "x": 1 } }'), null, 2));
  });

  it("reads every text as jsonc-parser's tree reads it (its JSON.parse shortcut changes nothing)", () => {
    fc.assert(
      fc.property(nearJson, (text) => {
        expect(parseExact(text)).toStrictEqual(throughTree(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('refuses text that is not strict JSON', () => {
    for (const bad of ['', '{,}', '{ "a": 1, }', '// c\n{}', '{} {}']) expect(parseExact(bad)).toBeUndefined();
  });
});
