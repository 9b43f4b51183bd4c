/** What a file's first bytes say it is. JSON is read as it streams (amapi.ts tells AMAPI from osquery). */
export type Detected = { kind: 'binary-plist' } | { kind: 'xml-plist' } | { kind: 'json' } | { kind: 'unknown'; why: string };

/**
 * Tells the inventory formats apart by their first bytes, never by file name: "bplist00" is a
 * binary plist, "<" an XML one, "{" or "[" JSON (an AMAPI response, or an osquery results log,
 * told apart by the keys of its first object).
 */
export function detect(head: Uint8Array, complete: boolean): Detected {
  if (startsWith(head, 'bplist')) return { kind: 'binary-plist' };
  // Not fatal: bytes that are not UTF-8 further on are the JSON reader's to place (line, column);
  // a file that starts with them is no text format audit reads.
  const text = new TextDecoder('utf-8').decode(head.subarray(0, 4096), { stream: !complete });
  const first = firstNonSpace(text);
  if (first === '<') return { kind: 'xml-plist' };
  if (first === '{' || first === '[') return { kind: 'json' };
  if (first === '\ufffd') return { kind: 'unknown', why: 'the file is neither a binary plist nor UTF-8 text' };
  return { kind: 'unknown', why: 'the file is neither JSON nor a property list' };
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
