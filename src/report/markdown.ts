/*
 * The Markdown report is rendered without Handlebars' HTML escaping (it would litter the text
 * with &amp;), so every string of the model is escaped here instead, before rendering: a
 * template cannot forget a value.
 */

/**
 * Backslash-escapes what Markdown (CommonMark, GFM tables) would read as markup, inline or, for a
 * value that starts a line, as a list item, heading or thematic break.
 */
export function escapeMarkdownText(s: string): string {
  const inline = s.replace(/\r\n?|\n/g, ' ').replace(/[\\`*_[\]<>|&~#]/g, (c) => `\\${c}`);
  return inline.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A link destination for `[text](<href>)`: nothing that ends the angle brackets or the line. */
export function escapeMarkdownHref(href: string): string {
  return href.replace(/[<>\s\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** The same model with every string escaped for Markdown; `href` fields as link destinations. */
export function escapeModel<T>(value: T, key?: string): T {
  if (typeof value === 'string') return (key === 'href' ? escapeMarkdownHref(value) : escapeMarkdownText(value)) as T;
  if (Array.isArray(value)) return value.map((v) => escapeModel(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeModel(v, k)])) as T;
  }
  return value;
}
