import type { Handlebars, Template } from '../../common/precompiled-templates.js';

/*
 * `{{rows list "partial"}}` lays out a long list, one item per line, each line rendered by the
 * partial. At 10,000 apps × 20 fleets the blocked apps alone are 54,000 rows per format: laid out
 * by #each into one 100 MB string of millions of pieces, flattening and encoding that string cost
 * more than rendering it. Here a row is rendered from its item alone (no @index, no ../, no
 * nested rows) and encoded once per item, so an item the model shares between fleets is laid out
 * once; the page holds a marker where the rows go, and the bytes are put together at the end.
 */

const MARKER = '<!--mdm-blocklist rows ';
const MARKER_END = '-->';

type RowsHelper = (items: readonly unknown[] | undefined, name: string) => unknown;

/**
 * Renders `page` with `context` into UTF-8 bytes, in pieces (joinBytes puts them together);
 * `partials` are the ones `rows` may name.
 */
export function renderBytes(hb: Handlebars, page: Template, partials: ReadonlyMap<string, Template>, context: object): Uint8Array[] {
  const rowTemplate = (name: string): Template => {
    const template = partials.get(name);
    if (!template) throw new Error(`{{rows}}: no partial named "${name}"`);
    return template;
  };
  const encoded = new Map<Template, Map<unknown, Uint8Array>>();
  /** Each row with its line break, encoded. */
  const linesOf = (items: readonly unknown[], template: Template): Uint8Array[] => {
    let cache = encoded.get(template);
    if (!cache) encoded.set(template, (cache = new Map()));
    return items.map((item) => {
      let line = cache.get(item);
      if (!line) cache.set(item, (line = utf8(`${template(item)}\n`)));
      return line;
    });
  };

  const lists: Uint8Array[][] = [];
  const marked = page(context, {
    helpers: {
      rows: ((items, name) => {
        lists.push(linesOf(items ?? [], rowTemplate(name)));
        return new hb.SafeString(`${MARKER}${lists.length - 1}${MARKER_END}`);
      }) satisfies RowsHelper,
    },
  });
  const pieces = assemble(marked, lists);
  if (pieces) return pieces;
  // The page holds the marker's text of its own (a template that spells it out): lay the rows
  // out in the page instead, the slow way.
  const inline: RowsHelper = (items, name) => new hb.SafeString((items ?? []).map((item) => rowTemplate(name)(item)).join('\n'));
  return [utf8(page(context, { helpers: { rows: inline } }))];
}

/** The page's text with each marker replaced by its rows, or undefined if the markers are not exactly the ones placed. */
function assemble(marked: string, lists: readonly Uint8Array[][]): Uint8Array[] | undefined {
  const parts = marked.split(MARKER);
  if (parts.length !== lists.length + 1) return undefined;
  const chunks: Uint8Array[] = [utf8(parts[0]!)];
  for (const [i, lines] of lists.entries()) {
    const id = `${i}${MARKER_END}`;
    const after = parts[i + 1]!;
    if (!after.startsWith(id)) return undefined;
    // Rows are joined by line breaks: the page's own line break ends the last.
    lines.forEach((line, j) => chunks.push(j < lines.length - 1 ? line : line.subarray(0, -1)));
    chunks.push(utf8(after.slice(id.length)));
  }
  return chunks;
}

function utf8(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

/**
 * Each file's pieces joined, all files in one buffer. V8 counts a large buffer as external memory
 * and collects garbage when that grows: once per allocation, whatever its size, which with the
 * heap of a 100,000-app compile costs about half a second of CPU. So the report's two files (180
 * MB at 20 fleets of 3,000 apps) are allocated together.
 */
export function joinBytes(files: readonly (readonly Uint8Array[])[]): Uint8Array[] {
  const sizes = files.map((pieces) => pieces.reduce((n, p) => n + p.length, 0));
  const all = new Uint8Array(sizes.reduce((n, size) => n + size, 0));
  let at = 0;
  return files.map((pieces, i) => {
    const start = at;
    for (const p of pieces) {
      all.set(p, at);
      at += p.length;
    }
    return all.subarray(start, start + sizes[i]!);
  });
}
