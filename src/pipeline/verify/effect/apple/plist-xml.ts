import { resolve } from 'node:path';
import { loadBuiltModule } from '../../../../common/built-module.js';
import { packageRoot } from '../../../../common/paths.js';

// The `plist` package's own parser, for what the one-pass reader below does not expect. The build
// bundles it into a CommonJS module of its own (scripts/bundle-cli.mjs), loaded here only when the
// fallback is taken: the compiler's own plists never need it, and loading it (with the DOM parser
// under it, which freezes its tables of HTML entities) costs every compile's start-up about 5 ms.

/** Where the build writes the bundled parser. */
const FULL_PARSER_PATH = resolve(packageRoot, 'dist', 'pipeline', 'verify', 'effect', 'apple', 'plist-parse.generated.cjs');

function parsePlist(text: string): unknown {
  return loadBuiltModule<{ parse(text: string): unknown }>(FULL_PARSER_PATH).parse(text);
}

/**
 * Reads an XML property list (Apple's plist DTD: dict, array, key, string, integer, real, true,
 * false, data, date) into plain values, in one pass over its tags: the effect check reads one
 * command per blocked app, thousands per compile, and a DOM parser per file costs seconds there.
 * Anything it does not expect goes to the `plist` package's full parser instead.
 */
export function readPlistXml(text: string): unknown {
  try {
    return readPlistXmlStrict(text);
  } catch {
    return parsePlist(text);
  }
}

const TOKEN = /<(\/?)([a-z]+)(\/?)>|<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<plist[^>]*>/g;
const ENTITY = /&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string): string {
  if (s.includes('<')) throw new Error('markup in text');
  return s.replace(ENTITY, (_, e: string) => NAMED[e] ?? String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)));
}

/** The one-pass reader alone: throws on anything outside the subset (exported for its tests). */
export function readPlistXmlStrict(text: string): unknown {
  const stack: (unknown[] | { dict: Record<string, unknown>; key?: string })[] = [];
  let root: unknown;
  let last = 0;
  let open: { name: string; at: number } | undefined;
  const put = (v: unknown) => {
    const top = stack.at(-1);
    if (!top) root = v;
    else if (Array.isArray(top)) top.push(v);
    else {
      if (top.key === undefined) throw new Error('value without key');
      top.dict[top.key] = v;
      top.key = undefined;
    }
  };
  for (const m of text.matchAll(TOKEN)) {
    const between = text.slice(last, m.index);
    last = m.index + m[0].length;
    const [, close, name, selfClosing] = m;
    if (name === undefined || name === 'plist') continue;
    if (open) {
      if (!close || name !== open.name) throw new Error('nested');
      leaf(name, decode(between), put, stack);
      open = undefined;
      continue;
    }
    if (between.trim() !== '') throw new Error('stray text');
    if (selfClosing) {
      if (name === 'true' || name === 'false') put(name === 'true');
      else if (name === 'dict') put({});
      else if (name === 'array') put([]);
      else if (name === 'string') put('');
      else throw new Error(`<${name}/>`);
    } else if (close) {
      const top = stack.pop();
      if (!top || (name === 'dict') === Array.isArray(top)) throw new Error('unbalanced');
      put(Array.isArray(top) ? top : top.dict);
    } else if (name === 'dict') stack.push({ dict: {} });
    else if (name === 'array') stack.push([]);
    else open = { name, at: last };
  }
  if (stack.length || open || root === undefined) throw new Error('incomplete');
  return root;
}

function leaf(name: string, value: string, put: (v: unknown) => void, stack: readonly unknown[]): void {
  const top = stack.at(-1) as { key?: string } | undefined;
  if (name === 'key') {
    if (!top || Array.isArray(top) || top.key !== undefined) throw new Error('key out of place');
    top.key = value;
  } else if (name === 'string') put(value);
  else if (name === 'integer' && /^-?\d+$/.test(value.trim())) put(Number(value.trim()));
  else if (name === 'real' && value.trim() !== '' && !Number.isNaN(Number(value))) put(Number(value));
  else if (name === 'data') put(Uint8Array.from(Buffer.from(value.replace(/\s+/g, ''), 'base64')));
  else if (name === 'date') put(new Date(value.trim()));
  else throw new Error(`<${name}>`);
}
