import { looksLikeAmapi } from './amapi.js';
import { JsonText, parseJson, type JsonParse } from './json-text.js';
import { looksLikeOsqueryLine } from './osquery.js';

export type Detected =
  | { kind: 'binary-plist' }
  | { kind: 'xml-plist'; text: string }
  | { kind: 'amapi'; value: unknown; source: JsonText }
  | { kind: 'osquery'; text: string }
  | { kind: 'bad-json'; failure: Extract<JsonParse, { ok: false }> }
  | { kind: 'unknown'; why: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Tells the inventory formats apart by their first bytes and shape, never by file name: "bplist00"
 * is a binary plist, "<" an XML one; JSON is an AMAPI response when it has devices or a Device's
 * fields, an osquery results log when its first line alone is a result line with a host.
 */
export function detect(file: string, bytes: Uint8Array): Detected {
  if (startsWith(bytes, 'bplist')) return { kind: 'binary-plist' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { kind: 'unknown', why: 'the file is neither a binary plist nor UTF-8 text' };
  }
  const first = firstNonSpace(text);
  if (first === '<') return { kind: 'xml-plist', text };
  if (first !== '{' && first !== '[') return { kind: 'unknown', why: 'the file is neither JSON nor a property list' };

  const nl = text.indexOf('\n');
  const firstLine = nl === -1 ? text : text.slice(0, nl);
  // A results log is one object a line; a pretty-printed or one-line AMAPI file is one value.
  if (nl !== -1 && firstLine.trim().startsWith('{')) {
    const line = quietParse(firstLine);
    if (line.ok && looksLikeOsqueryLine(line.value)) return { kind: 'osquery', text };
    // A one-line file ending in a line break: the first line was the whole value, parsed once.
    if (line.ok && /^\s*$/.test(text.slice(nl))) return classify(line.value, new JsonText(file, text), text);
  }
  const source = new JsonText(file, text);
  const parsed = parseJson(source);
  if (!parsed.ok) return { kind: 'bad-json', failure: parsed };
  return classify(parsed.value, source, text);
}

function classify(value: unknown, source: JsonText, text: string): Detected {
  if (looksLikeOsqueryLine(value)) return { kind: 'osquery', text };
  if (looksLikeAmapi(value)) return { kind: 'amapi', value, source };
  return { kind: 'unknown', why: 'the JSON is neither an AMAPI devices.list response or Device, nor an osquery results log' };
}

/** JSON.parse without the position search: a first line that is not JSON on its own is no error. */
function quietParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function startsWith(bytes: Uint8Array, ascii: string): boolean {
  if (bytes.length < ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (bytes[i] !== ascii.charCodeAt(i)) return false;
  return true;
}

function firstNonSpace(text: string): string | undefined {
  for (let i = 0; i < text.length && i < 4096; i++) {
    const c = text[i]!;
    if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t' && c !== '\ufeff') return c;
  }
  return undefined;
}
