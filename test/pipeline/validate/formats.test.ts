import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import ajvUcs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { describe, it } from 'vitest';
import { uri } from '../../../src/pipeline/validate/formats.cjs';
import { ucs2length } from '../../../src/pipeline/validate/ucs2length.cjs';
import { standaloneSources } from '../../../src/build/validators.js';
import { FAMILIES } from '../../../src/pipeline/validate/validators.js';

const ajvUcs2length = (ajvUcs2lengthModule as unknown as { default: (s: string) => number }).default ?? (ajvUcs2lengthModule as unknown as (s: string) => number);

const ajvUri = fullFormats.uri as (text: string) => boolean;

/** Texts near the edge of both patterns: web-address pieces, characters either allows or not, escapes good and bad. */
const piece = fc.constantFrom(
  'http://', 'https://', 'HTTPS://', 'ftp://', 'https:', 'https:/', '//', 'mailto:', 'urn:x:', 'a', 'Z', '0', '-', '.', '_', '~', '/', '?', '#', ':', '@',
  '!', '$', '&', "'", '(', ')', '*', '+', ',', ';', '=', '%', '%2F', '%zz', '%4', ' ', '"', '<', '[', ']', '[::1]', '127.0.0.1', ':8080', 'user@', 'é', 'ſ', 'K', '\n', 'example.com', 'x-y.cn',
);
const text = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));

describe("the input validators' uri format (src/pipeline/validate/formats.cts)", () => {
  it("answers exactly as ajv-formats' uri does", ({ expect }) => {
    fc.assert(
      fc.property(text, (t) => {
        expect(uri(t)).toBe(ajvUri(t));
      }),
      { numRuns: 20_000 },
    );
  });

  it('on plain web addresses and on near misses', ({ expect }) => {
    const cases = ['https://github.com/o/r/blob/main/p.yaml', 'https://apps.apple.com/cn/app/id123?l=en#x', 'http://a.b/%E4%B8%AD', 'https://a..b/', 'https://a/%zz', 'https://a b', 'https:///x', 'https://[::1]/', 'urn:isbn:1', 'https://exa_mple.com/'];
    for (const c of cases) expect(uri(c), c).toBe(ajvUri(c));
  });
});

describe("the validators' string length (src/pipeline/validate/ucs2length.cts)", () => {
  const unit = fc.constantFrom('a', 'é', '中', '😀', '\uD83D', '\uDE00', '\uDBFF', '\uDC00', '\u0000', ' ');
  it("counts exactly as ajv's ucs2length, lone and paired surrogates included", ({ expect }) => {
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 16 }).map((u) => u.join('')), (t) => {
        expect(ucs2length(t)).toBe(ajvUcs2length(t));
      }),
      { numRuns: 20_000 },
    );
  });

  it('is what the generated validators use', ({ expect }) => {
    for (const family of FAMILIES) for (const path of standaloneSources(family).keys()) expect(readFileSync(path, 'utf8')).not.toContain('ajv/dist/runtime/ucs2length');
    const sources = FAMILIES.flatMap((family) => [...standaloneSources(family).keys()].map((path) => readFileSync(path, 'utf8')));
    expect(sources.some((text) => text.includes('require("./ucs2length.cjs").ucs2length'))).toBe(true);
  });
});
