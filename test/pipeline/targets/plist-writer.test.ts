import fc from 'fast-check';
import { build } from 'plist';
import { describe, expect, it } from 'vitest';
import { plistXml, type PlistValue } from '../../../src/pipeline/targets/plist-writer.js';

// The writer must give exactly what the `plist` package's build() gives with a tab indent (the
// compiler used it until issue #12 cut xmlbuilder from the cold start).
const reference = (value: PlistValue) => build(value as never, { indent: '\t' });

// Text with what XML escapes, line breaks, non-ASCII, astral characters, and characters XML forbids.
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom('a', ' ', '&', '<', '>', '"', "'", '\r', '\n', '\t', 'é', '😀', '\u0001', '\uFFFE', '\uD800', '\uDC00', '&amp;') }),
  fc.string({ unit: 'grapheme' }),
);

const leaf: fc.Arbitrary<PlistValue> = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.boolean(),
  fc.constantFrom(null, undefined, 0, -0, 1e21, 2 ** 64, Number.NaN, Number.POSITIVE_INFINITY),
  fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }),
  fc.uint8Array({ maxLength: 40 }),
  fc.uint8Array({ maxLength: 40 }).map((b) => b.buffer),
  fc.uint8Array({ minLength: 4, maxLength: 40 }).map((b) => new Uint16Array(b.buffer, 2, 1)),
);

const value: fc.Arbitrary<PlistValue> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('dict')),
  array: fc.array(tie('value'), { maxLength: 5 }) as fc.Arbitrary<PlistValue>,
  dict: fc.dictionary(fc.oneof(text, fc.constantFrom('0', '10', '__proto__', 'key')), tie('value'), { maxKeys: 5 }) as fc.Arbitrary<PlistValue>,
})).value as fc.Arbitrary<PlistValue>;

/** The text or the error message, so a refused value must be refused alike. */
function outcome(write: (v: PlistValue) => string, v: PlistValue): string {
  try {
    return `ok ${write(v)}`;
  } catch (error) {
    return `error ${(error as Error).message}`;
  }
}

describe('plistXml', () => {
  it('writes what plist.build writes, and refuses what it refuses', () => {
    fc.assert(fc.property(value, (v) => {
        expect(outcome(plistXml, v)).toBe(outcome(reference, v));
      }), { numRuns: 2000 });
  });

  it('writes an empty container, empty text and a missing value as build() does', () => {
    for (const v of [{}, [], '', undefined, null, { a: undefined, b: null }, [undefined, null], { '': new Uint8Array() }, { a: [[]] }]) {
      expect(plistXml(v)).toBe(reference(v));
    }
  });

  it('skips inherited keys', () => {
    const dict = Object.create({ inherited: 'x' }) as Record<string, PlistValue>;
    dict['own'] = 'y';
    expect(plistXml(dict)).toBe(reference(dict));
    expect(plistXml(dict)).not.toContain('inherited');
  });
});
