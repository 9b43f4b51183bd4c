// CommonJS on purpose: the input validators the build generates (dist/pipeline/validate/
// input-validators.generated.cjs) require it by this relative name for their formats
// (src/build/validators.ts).
import { fullFormats } from 'ajv-formats/dist/formats';

const fullUri = fullFormats.uri as (text: string) => boolean;

/**
 * The plain web address every catalog source has: http(s), a host name, then path, query and
 * fragment characters (or %XX escapes) the URI grammar allows there. Every text it matches also
 * matches ajv-formats' `uri` (RFC 3986: scheme ":" "//" reg-name path-abempty ["?" query]
 * ["#" fragment]), so it can answer "yes" for it: that pattern is large enough that V8 takes
 * about 3 ms to compile it, on every compile that validates the shipped catalog.
 */
const PLAIN_WEB_ADDRESS = /^https?:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)*(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*(?:\?(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i;

/** ajv-formats' `uri`, exactly: a plain web address answers at once, anything else goes to it. */
export function uri(text: string): boolean {
  return PLAIN_WEB_ADDRESS.test(text) || fullUri(text);
}

/** ajv-formats' full formats, with `uri` as above. */
export const formats = { ...fullFormats, uri };
