import fc from 'fast-check';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { describe, it } from 'vitest';
import { uri } from '../../../src/pipeline/validate/formats.cjs';

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
