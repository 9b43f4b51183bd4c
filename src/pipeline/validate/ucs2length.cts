// CommonJS on purpose: the validators the build generates (dist/pipeline/validate/*.generated.cjs)
// require it by this relative name in place of ajv's own (src/build/validators.ts).
import ajvUcs2length from 'ajv/dist/runtime/ucs2length';

const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

/**
 * ajv's string length for minLength and maxLength (code points: a surrogate pair counts once),
 * exactly. ajv's counts character by character in JavaScript; the shipped catalog's thousand
 * strings cost a cold start about 2 ms that way, while a text without a high surrogate, which
 * is every one of them, has as many code points as UTF-16 units.
 */
export function ucs2length(text: string): number {
  return HIGH_SURROGATE.test(text) ? ajvUcs2length(text) : text.length;
}
