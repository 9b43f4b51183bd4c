/*
 * The Markdown report is rendered without Handlebars' HTML escaping (it would litter the text
 * with &amp;), so every string of the model is escaped here instead, before rendering: a
 * template cannot forget a value.
 */

/** Anything escapeMarkdownText changes; most names and identifiers have none of it. */
const MARKUP = /[\\`*_[\]<>|&~#\r\n]|^[-+=]|^\d+[.)]/;

/**
 * Backslash-escapes what Markdown (CommonMark, GFM tables) would read as markup, inline or, for a
 * value that starts a line, as a list item, heading or thematic break.
 */
export function escapeMarkdownText(s: string): string {
  if (!MARKUP.test(s)) return s;
  const inline = s.replace(/\r\n?|\n/g, ' ').replace(/[\\`*_[\]<>|&~#]/g, (c) => `\\${c}`);
  return inline.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A link destination for `[text](<href>)`: nothing that ends the angle brackets or the line. */
export function escapeMarkdownHref(href: string): string {
  return href.replace(/[<>\s\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * The same model with every string escaped for Markdown; `href` fields as link destinations. An
 * object met twice (a view that fleets share) is escaped once and stays shared in the copy.
 */
export function escapeModel<T>(model: T): T {
  const copies = new Map<object, unknown>();
  const escape = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') return key === 'href' ? escapeMarkdownHref(value) : escapeMarkdownText(value);
    if (value === null || typeof value !== 'object') return value;
    let copy = copies.get(value);
    if (copy === undefined) {
      if (Array.isArray(value)) copy = value.map((v) => escape(v));
      else {
        // The model's own keys (no __proto__), so plain assignment copies them.
        const fields: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) fields[k] = escape(v, k);
        copy = fields;
      }
      copies.set(value, copy);
    }
    return copy;
  };
  return escape(model) as T;
}
