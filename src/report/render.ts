import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { packageRoot } from '../paths.js';
import { escapeModel } from './markdown.js';
import type { ReportModel } from './model.js';

export const templatesDir = resolve(packageRoot, 'templates', 'report');

interface Compiled {
  html: Handlebars.TemplateDelegate;
  markdown: Handlebars.TemplateDelegate;
  /** CSP hashes of the inline style and script, so the page may run them and nothing else. */
  styleHash: string;
  scriptHash: string;
}

let compiled: Compiled | undefined;

/**
 * Templates are read from the package's templates/report/ once per process. The HTML is
 * compiled with Handlebars' escaping on (every {{value}} is HTML-escaped); the Markdown with it
 * off, because its model is escaped for Markdown first (escapeModel).
 */
function templates(): Compiled {
  if (compiled) return compiled;
  const hb = Handlebars.create();
  const read = (name: string) => readFileSync(join(templatesDir, name), 'utf8');
  const style = read('report.css');
  const script = read('report.js');
  hb.registerPartial('style', style);
  hb.registerPartial('script', script);
  for (const file of readdirSync(join(templatesDir, 'partials')).sort()) {
    const name = file.replace(/\.hbs$/, '');
    if (name !== file) hb.registerPartial(name, inlineFragment(readFileSync(join(templatesDir, 'partials', file), 'utf8')));
  }
  hb.registerHelper('plural', (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`);
  const options = { preventIndent: true };
  compiled = {
    html: hb.compile(read('report.html.hbs'), options),
    markdown: hb.compile(read('report.md.hbs'), { ...options, noEscape: true }),
    styleHash: cspHash(style),
    scriptHash: cspHash(script),
  };
  return compiled;
}

/** A one-line partial is used inside a line (a table cell): its file's final newline is not part of it. */
function inlineFragment(text: string): string {
  return text.indexOf('\n') === text.length - 1 ? text.slice(0, -1) : text;
}

function cspHash(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

export function renderHtml(model: ReportModel): string {
  const t = templates();
  return t.html({ ...model, csp: { style: t.styleHash, script: t.scriptHash } });
}

export function renderMarkdown(model: ReportModel): string {
  return templates().markdown(escapeModel(model));
}
