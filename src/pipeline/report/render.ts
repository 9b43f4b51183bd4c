import { createHash } from 'node:crypto';
import { builtTemplates, handlebarsRuntime, precompiled, type CompileOptions, type Handlebars, type Template } from '../../common/precompiled-templates.js';
import { escapeModel } from './markdown.js';
import type { ReportModel } from './model.js';
import { renderBytes } from './rows.js';

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
export const HTML_OPTIONS: CompileOptions = { preventIndent: true, ...KNOWN };
export const MARKDOWN_OPTIONS: CompileOptions = { preventIndent: true, noEscape: true, ...KNOWN };

/** A partial is compiled with the options of the templates that use it: md-* the Markdown's, the rest the HTML's. */
export const partialOptions = (name: string) => (name.startsWith('md-') ? MARKDOWN_OPTIONS : HTML_OPTIONS);

/** Keys of the report's templates in the build's precompiled set (src/build/templates.ts). */
export const REPORT_KEYS = { html: 'report:report.html', markdown: 'report:report.md', partialPrefix: 'report:partials/' } as const;

/**
 * The report's templates (templates/report/), as the build precompiled them: the HTML with
 * Handlebars' escaping on (every {{value}} is HTML-escaped), the Markdown with it off, because
 * its model is escaped for Markdown first (escapeModel). The style and script are partials too.
 */
function templates(): ReportTemplates {
  if (compiled) return compiled;
  const hb = handlebarsRuntime();
  const built = builtTemplates('report');
  const partials = new Map<string, Template>();
  for (const key of Object.keys(built).sort()) {
    if (key.startsWith(REPORT_KEYS.partialPrefix)) partials.set(key.slice(REPORT_KEYS.partialPrefix.length), precompiled(hb, key));
  }
  const text = (name: string) => built[`${REPORT_KEYS.partialPrefix}${name}`]?.source ?? '';
  compiled = finish(hb, { style: text('style'), script: text('script') }, precompiled(hb, REPORT_KEYS.html), precompiled(hb, REPORT_KEYS.markdown), partials);
  return compiled;
}

/** Registers partials and helpers on `hb`; exported for the build's own compile (src/build/templates.ts). */
export function finish(hb: Handlebars, inline: { style: string; script: string }, html: Template, markdown: Template, partials: Map<string, Template>): ReportTemplates {
  for (const [name, partial] of partials) hb.registerPartial(name, partial);
  hb.registerHelper('plural', (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`);
  return { env: hb, html, markdown, partials, styleHash: cspHash(inline.style), scriptHash: cspHash(inline.script) };
}

function cspHash(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

/** The report's stylesheet as the build has it (the `style` partial) and its CSP hash: audit.html inlines the same. */
export function reportStyle(): { style: string; styleHash: string } {
  const style = builtTemplates('report')[`${REPORT_KEYS.partialPrefix}style`]?.source ?? '';
  return { style, styleHash: cspHash(style) };
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
