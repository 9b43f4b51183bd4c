/*
 * XML property lists exactly as the `plist` package's build(value, { indent: '\t' }) writes them
 * (plist 5.0.0, node_modules/plist/dist/build.js, through xmlbuilder 15's pretty printer), byte
 * for byte, without loading either: xmlbuilder is about 110 KB of code that every compile parsed
 * at start-up to build a DOM it then printed (issue #12, cold start). test/pipeline/targets/
 * plist-writer.test.ts compares the two on generated values; the golden outputs are unchanged.
 */

/** What the writer accepts: what plist's build() does (other values write nothing, as there). */
export type PlistValue = string | number | bigint | boolean | Date | ArrayBuffer | ArrayBufferView | readonly PlistValue[] | { readonly [key: string]: PlistValue | null | undefined } | null | undefined;

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0"';

/** The document, without a final newline (as build() gives it). */
export function plistXml(value: PlistValue): string {
  const body = element(value, '\t');
  return body === '' ? `${HEAD}/>` : `${HEAD}>\n${body}</plist>`;
}

/** One value's element at `indent`, one line each, every line ending in a newline; '' for what build() skips. */
function element(value: PlistValue, indent: string): string {
  // The branches in build()'s walk_obj order: a Date is an object, an array an object too.
  if (value === undefined) return '';
  if (Array.isArray(value)) return container('array', arrayBody(value, `${indent}\t`), indent);
  if (value instanceof ArrayBuffer) return leaf('data', base64(new Uint8Array(value)), indent);
  if (ArrayBuffer.isView(value)) return leaf('data', base64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)), indent);
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) return container('dict', dictBody(value as Record<string, PlistValue>, `${indent}\t`), indent);
  if (typeof value === 'number') return leaf(value % 1 === 0 ? 'integer' : 'real', text(value.toString()), indent);
  if (typeof value === 'bigint') return leaf('integer', text(value.toString()), indent);
  if (value instanceof Date) return leaf('date', text(new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z')), indent);
  if (typeof value === 'boolean') return `${indent}<${value}/>\n`;
  if (typeof value === 'string') return leaf('string', text(value), indent);
  return '';
}

function arrayBody(items: readonly PlistValue[], indent: string): string {
  let out = '';
  for (const item of items) out += element(item, indent);
  return out;
}

/** Own enumerable keys in for-in order; a null or undefined value drops its key, as in build(). */
function dictBody(dict: Record<string, PlistValue>, indent: string): string {
  let out = '';
  for (const key in dict) {
    if (!Object.hasOwn(dict, key)) continue;
    const value = dict[key];
    if (value === undefined || value === null) continue;
    out += leaf('key', text(key), indent) + element(value, indent);
  }
  return out;
}

/** An element with child elements; xmlbuilder closes an empty one in itself. */
function container(name: string, body: string, indent: string): string {
  return body === '' ? `${indent}<${name}/>\n` : `${indent}<${name}>\n${body}${indent}</${name}>\n`;
}

/** An element with text (already escaped) on one line; empty text closes it in itself. */
function leaf(name: string, escaped: string, indent: string): string {
  return escaped === '' ? `${indent}<${name}/>\n` : `${indent}<${name}>${escaped}</${name}>\n`;
}

const SPECIAL = /[&<>\r]/;

// xmlbuilder's XMLStringifier: characters XML 1.0 does not allow (https://www.w3.org/TR/xml/#charsets).
const ILLEGAL = /[\0-\x08\x0B\f\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

/** Text escaped as xmlbuilder's textEscape does, refused as its assertLegalChar refuses it (same message). */
function text(raw: string): string {
  const escaped = SPECIAL.test(raw) ? raw.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;') : raw;
  if (ILLEGAL.test(escaped)) throw new Error(`Invalid character in string: ${escaped} at index undefined`);
  return escaped;
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
