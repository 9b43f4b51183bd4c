import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../../common/paths.js';
import { handlebarsCompiler, handlebarsRuntime, precompiled, type CompileOptions, type Handlebars, type PrecompileEntry, type Template } from '../../common/precompiled-templates.js';
import { escapeModel } from './markdown.js';
import type { ReportModel } from './model.js';
import { renderBytes } from './rows.js';

export const templatesDir = resolve(packageRoot, 'templates', 'report');

export interface ReportTemplates {
  env: Handlebars;
  html: Template;
  markdown: Template;
  /** By name: the ones `{{rows}}` names are rendered from here. */
  partials: Map<string, Template>;
  /** CSP hashes of the inline style and script, so the page may run them and nothing else. */
  styleHash: string;
  scriptHash: string;
}

let compiled: ReportTemplates | undefined;

// The report's helpers are all there is: {{name}} is then read as a value without first looking
// for a helper of that name.
const KNOWN = { knownHelpers: { plural: true, rows: true }, knownHelpersOnly: true };
const HTML_OPTIONS: CompileOptions = { preventIndent: true, ...KNOWN };
const MARKDOWN_OPTIONS: CompileOptions = { preventIndent: true, noEscape: true, ...KNOWN };

interface Sources {
  html: string;
  markdown: string;
  style: string;
  script: string;
  /** Partials by name; style and script are partials too. */
  partials: Map<string, string>;
}

function readSources(): Sources {
  const read = (name: string) => readFileSync(join(templatesDir, name), 'utf8');
  const style = read('report.css');
  const script = read('report.js');
  const partials = new Map([
    ['style', style],
    ['script', script],
  ]);
  for (const file of readdirSync(join(templatesDir, 'partials')).sort()) {
    const name = file.replace(/\.hbs$/, '');
    if (name !== file) partials.set(name, inlineFragment(readFileSync(join(templatesDir, 'partials', file), 'utf8')));
  }
  return { html: read('report.html.hbs'), markdown: read('report.md.hbs'), style, script, partials };
}

/** A partial is compiled with the options of the templates that use it: md-* the Markdown's, the rest the HTML's. */
const partialOptions = (name: string) => (name.startsWith('md-') ? MARKDOWN_OPTIONS : HTML_OPTIONS);

/**
 * Templates are read from the package's templates/report/ once per process. The HTML is
 * compiled with Handlebars' escaping on (every {{value}} is HTML-escaped); the Markdown with it
 * off, because its model is escaped for Markdown first (escapeModel). The build precompiles them;
 * if any was edited since, all are compiled here.
 */
function templates(): ReportTemplates {
  if (compiled) return compiled;
  const sources = readSources();
  compiled = fromBuild(sources) ?? compileNow(sources);
  return compiled;
}

function fromBuild(sources: Sources): ReportTemplates | undefined {
  const hb = handlebarsRuntime();
  const html = precompiled(hb, 'report:report.html', sources.html, HTML_OPTIONS);
  const markdown = precompiled(hb, 'report:report.md', sources.markdown, MARKDOWN_OPTIONS);
  if (!html || !markdown) return undefined;
  const partials = new Map<string, Template>();
  for (const [name, text] of sources.partials) {
    const partial = precompiled(hb, `report:partials/${name}`, text, partialOptions(name));
    if (!partial) return undefined;
    partials.set(name, partial);
  }
  return finish(hb, sources, html, markdown, partials);
}

/** Exported for the test that renders both ways. */
export function compileNow(sources = readSources()): ReportTemplates {
  const hb = handlebarsCompiler();
  const partials = new Map([...sources.partials].map(([name, text]) => [name, hb.compile(text, partialOptions(name))]));
  return finish(hb, sources, hb.compile(sources.html, HTML_OPTIONS), hb.compile(sources.markdown, MARKDOWN_OPTIONS), partials);
}

function finish(hb: Handlebars, sources: Sources, html: Template, markdown: Template, partials: Map<string, Template>): ReportTemplates {
  for (const [name, partial] of partials) hb.registerPartial(name, partial);
  registerHelpers(hb);
  return { env: hb, html, markdown, partials, styleHash: cspHash(sources.style), scriptHash: cspHash(sources.script) };
}

function registerHelpers(hb: Handlebars): void {
  hb.registerHelper('plural', (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`);
}

/** What the build precompiles for the report. */
export function reportTemplates(): PrecompileEntry[] {
  const sources = readSources();
  return [
    { key: 'report:report.html', source: sources.html, options: HTML_OPTIONS },
    { key: 'report:report.md', source: sources.markdown, options: MARKDOWN_OPTIONS },
    ...[...sources.partials].map(([name, source]) => ({ key: `report:partials/${name}`, source, options: partialOptions(name) })),
  ];
}

/** A one-line partial is used inside a line (a table cell): its file's final newline is not part of it. */
function inlineFragment(text: string): string {
  return text.indexOf('\n') === text.length - 1 ? text.slice(0, -1) : text;
}

function cspHash(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

/**
 * The report's bytes, in pieces (joinBytes puts them together). `using`: the templates to render
 * with (the tests render with both the build's and ones compiled now).
 */
export function renderHtml(model: ReportModel, using = templates()): Uint8Array[] {
  return renderBytes(using.env, using.html, using.partials, { ...model, csp: { style: using.styleHash, script: using.scriptHash } });
}

export function renderMarkdown(model: ReportModel, using = templates()): Uint8Array[] {
  return renderBytes(using.env, using.markdown, using.partials, escapeModel(model));
}
