/**
 * A strict reader of XML property lists (Apple's DTD "-//Apple//DTD PLIST 1.0//EN": plist, dict,
 * key, array, string, integer, real, true, false, date, data). Written here rather than taken from
 * the `plist` package because that one prints the XML parser's errors to the console and gives
 * no position; this one reports the offset of the first error and of every dict and array, reads
 * no DTD (so no entity expansion), and caps nesting.
 */
export type PlistValue = string | number | boolean | PlistValue[] | { [key: string]: PlistValue };

export class PlistSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export interface ParsedPlist {
  value: PlistValue;
  /** Offset of each dict and array in the text (byte offset in a binary plist). */
  offsets: WeakMap<object, number>;
}

const MAX_DEPTH = 64;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function parseXmlPlist(text: string): ParsedPlist {
  const r = new XmlReader(text);
  r.prolog();
  const open = r.tag();
  if (open.name !== 'plist' || open.closing) throw new PlistSyntaxError('expected <plist>', open.at);
  const value = r.value(0);
  const close = r.tag();
  if (close.name !== 'plist' || !close.closing) throw new PlistSyntaxError('expected </plist> after the top value', close.at);
  r.skipMisc();
  if (r.pos < text.length) throw new PlistSyntaxError('text after </plist>', r.pos);
  return { value, offsets: r.offsets };
}

interface Tag {
  name: string;
  closing: boolean;
  empty: boolean;
  at: number;
}

class XmlReader {
  pos = 0;
  readonly offsets = new WeakMap<object, number>();
  constructor(private readonly text: string) {}

  prolog(): void {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.skipMisc();
    if (this.text.startsWith('<?xml', this.pos)) this.skipPast('?>', 'the XML declaration is not closed');
    this.skipMisc();
    if (this.text.startsWith('<!DOCTYPE', this.pos)) {
      const end = this.text.indexOf('>', this.pos);
      if (end === -1 || this.text.slice(this.pos, end).includes('[')) throw new PlistSyntaxError('a DOCTYPE with an internal subset is not read', this.pos);
      this.pos = end + 1;
    }
    this.skipMisc();
  }

  /** White space and comments. */
  skipMisc(): void {
    for (;;) {
      while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
      if (!this.text.startsWith('<!--', this.pos)) return;
      this.skipPast('-->', 'a comment is not closed');
    }
  }

  skipPast(end: string, message: string): void {
    const i = this.text.indexOf(end, this.pos);
    if (i === -1) throw new PlistSyntaxError(message, this.pos);
    this.pos = i + end.length;
  }

  tag(): Tag {
    this.skipMisc();
    const at = this.pos;
    if (this.pos >= this.text.length) throw new PlistSyntaxError('the document ends before </plist>', at);
    const m = /<(\/?)([A-Za-z]+)(?:\s+[A-Za-z]+\s*=\s*"[^"<]*")*\s*(\/?)>/y;
    m.lastIndex = this.pos;
    const found = m.exec(this.text);
    if (!found) throw new PlistSyntaxError('expected a plist element', at);
    this.pos = m.lastIndex;
    return { name: found[2]!, closing: found[1] === '/', empty: found[3] === '/', at };
  }

  value(depth: number): PlistValue {
    if (depth > MAX_DEPTH) throw new PlistSyntaxError(`nested deeper than ${MAX_DEPTH} levels`, this.pos);
    const t = this.tag();
    if (t.closing) throw new PlistSyntaxError(`unexpected </${t.name}>`, t.at);
    switch (t.name) {
      case 'dict':
        return this.dict(t, depth);
      case 'array':
        return this.array(t, depth);
      case 'true':
      case 'false':
        if (!t.empty) this.close(t.name);
        return t.name === 'true';
      case 'string':
      case 'date':
      case 'data':
        return t.empty ? '' : this.textUntil(t.name);
      case 'integer':
      case 'real':
        return this.number(t);
      default:
        throw new PlistSyntaxError(`<${t.name}> is not a plist element`, t.at);
    }
  }

  dict(open: Tag, depth: number): PlistValue {
    const dict: { [key: string]: PlistValue } = Object.create(null);
    this.offsets.set(dict, open.at);
    if (open.empty) return dict;
    for (;;) {
      const t = this.tag();
      if (t.closing && t.name === 'dict') return dict;
      if (t.name !== 'key' || t.closing) throw new PlistSyntaxError('expected <key> or </dict>', t.at);
      const key = t.empty ? '' : this.textUntil('key');
      dict[key] = this.value(depth + 1);
    }
  }

  array(open: Tag, depth: number): PlistValue {
    const list: PlistValue[] = [];
    this.offsets.set(list, open.at);
    if (open.empty) return list;
    for (;;) {
      this.skipMisc();
      if (this.text.startsWith('</array>', this.pos)) {
        this.pos += '</array>'.length;
        return list;
      }
      list.push(this.value(depth + 1));
    }
  }

  number(t: Tag): number {
    const raw = t.empty ? '' : this.textUntil(t.name).trim();
    const n = Number(raw);
    if (raw === '' || !Number.isFinite(n)) throw new PlistSyntaxError(`<${t.name}> holds "${raw.slice(0, 40)}", not a number`, t.at);
    return n;
  }

  /** Character data up to </name>, entities and CDATA sections decoded. */
  textUntil(name: string): string {
    let out = '';
    for (;;) {
      const lt = this.text.indexOf('<', this.pos);
      if (lt === -1) throw new PlistSyntaxError(`<${name}> is not closed`, this.pos);
      out += decodeEntities(this.text.slice(this.pos, lt), this.pos);
      this.pos = lt;
      if (this.text.startsWith('<![CDATA[', lt)) {
        const end = this.text.indexOf(']]>', lt);
        if (end === -1) throw new PlistSyntaxError('a CDATA section is not closed', lt);
        out += this.text.slice(lt + 9, end);
        this.pos = end + 3;
        continue;
      }
      this.close(name);
      return out;
    }
  }

  close(name: string): void {
    const t = this.tag();
    if (!t.closing || t.name !== name) throw new PlistSyntaxError(`expected </${name}>`, t.at);
  }
}

function decodeEntities(raw: string, offset: number): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]{1,10});?/g, (whole, name: string, at: number) => {
    if (!whole.endsWith(';')) throw new PlistSyntaxError('"&" must start an entity such as &amp;', offset + at);
    if (name in ENTITIES) return ENTITIES[name]!;
    const code = /^#x[0-9a-f]+$/i.test(name) ? parseInt(name.slice(2), 16) : /^#\d+$/.test(name) ? parseInt(name.slice(1), 10) : NaN;
    if (!Number.isInteger(code) || code > 0x10ffff) throw new PlistSyntaxError(`unknown entity &${name};`, offset + at);
    return String.fromCodePoint(code);
  });
}
