import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { packageRoot } from '../common/paths.js';
import { groupOf, precompiledPath, TEMPLATE_GROUPS, type Handlebars, type PrecompileEntry, type TemplateGroup } from '../common/precompiled-templates.js';
import { finish, HTML_OPTIONS, MARKDOWN_OPTIONS, partialOptions, REPORT_KEYS, type ReportTemplates } from '../pipeline/report/render.js';
import { TEXT_OPTIONS } from '../pipeline/targets/text.js';
import { AUDIT_TEMPLATE } from '../features/audit/html.js';
import { eagerFunctions } from './eager.js';

// Handlebars' compiler (with source-map) is CommonJS and large; only the build loads it.
const require = createRequire(import.meta.url);

export const templatesDir = resolve(packageRoot, 'templates');
export const reportTemplatesDir = resolve(templatesDir, 'report');

/** A fresh environment of the whole Handlebars compiler. */
export function handlebarsCompiler(): Handlebars {
  return (require('handlebars') as Handlebars).create();
}

/** The report's template files: the two pages, and partials by name (style and script are partials too). */
export interface ReportSources {
  html: string;
  markdown: string;
  partials: Map<string, string>;
}

export function readReportSources(dir = reportTemplatesDir): ReportSources {
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  const partials = new Map([
    ['style', read('report.css')],
    ['script', read('report.js')],
  ]);
  for (const file of readdirSync(join(dir, 'partials')).sort()) {
    const name = file.replace(/\.hbs$/, '');
    if (name !== file) partials.set(name, inlineFragment(read(join('partials', file))));
  }
  return { html: read('report.html.hbs'), markdown: read('report.md.hbs'), partials };
}

/** A one-line partial is used inside a line (a table cell): its file's final newline is not part of it. */
function inlineFragment(text: string): string {
  return text.indexOf('\n') === text.length - 1 ? text.slice(0, -1) : text;
}

/** The partials whose text the library needs too: the report inlines them under a CSP hash (render.ts). */
const INLINE = new Set(['style', 'script']);

/** What the build precompiles for the report. */
export function reportEntries(sources = readReportSources()): PrecompileEntry[] {
  return [
    { key: REPORT_KEYS.html, source: sources.html, options: HTML_OPTIONS },
    { key: REPORT_KEYS.markdown, source: sources.markdown, options: MARKDOWN_OPTIONS },
    ...[...sources.partials].map(([name, source]) => ({ key: `${REPORT_KEYS.partialPrefix}${name}`, source, options: partialOptions(name), ...(INLINE.has(name) && { keepSource: true }) })),
  ];
}

/** The audit page (features/audit/html.ts). */
export function auditEntries(dir = reportTemplatesDir): PrecompileEntry[] {
  return [{ key: AUDIT_TEMPLATE.key, source: readFileSync(join(dir, AUDIT_TEMPLATE.file), 'utf8'), options: AUDIT_TEMPLATE.options }];
}

/** What the build precompiles for renderText: every template outside templates/report/. */
export function textEntries(): PrecompileEntry[] {
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(resolve(dir, e.name)) : [resolve(dir, e.name)]));
  return walk(templatesDir)
    .map((file) => relative(templatesDir, file).split(sep).join('/'))
    .filter((name) => name.endsWith('.hbs') && !name.startsWith('report/'))
    .sort()
    .map((name) => ({ key: `text:${name.slice(0, -'.hbs'.length)}`, source: readFileSync(resolve(templatesDir, name), 'utf8'), options: TEXT_OPTIONS }));
}

/** The report's templates compiled here and now (the tests render with these and the build's). */
export function compileReportTemplates(sources = readReportSources()): ReportTemplates {
  const hb = handlebarsCompiler();
  const partials = new Map([...sources.partials].map(([name, text]) => [name, hb.compile(text, partialOptions(name))]));
  const inline = { style: sources.partials.get('style')!, script: sources.partials.get('script')! };
  return finish(hb, inline, hb.compile(sources.html, HTML_OPTIONS), hb.compile(sources.markdown, MARKDOWN_OPTIONS), partials);
}

/**
 * The CommonJS module the build writes for a group: per key, Handlebars' template spec (and the
 * text where the entry keeps it), its functions compiled eagerly (eager.ts).
 */
export function precompiledSource(group: TemplateGroup, entries: readonly PrecompileEntry[]): string {
  const compiler = require('handlebars') as Handlebars;
  const lines = entries
    .filter((e) => groupOf(e.key) === group)
    // precompile adds its defaults to the options object it is given: give it a copy.
    .map((e) => `exports[${JSON.stringify(e.key)}] = { ${e.keepSource ? `source: ${JSON.stringify(e.source)}, ` : ''}spec: ${leaner(String(compiler.precompile(e.source, { ...e.options })))} };`);
  return eagerFunctions(`"use strict";\n${lines.join('\n')}\n`, precompiledPath(group));
}

/**
 * Two things Handlebars writes into the code that no template of this package uses, left out
 * because the eager build (eager.ts) compiles all of it at every start:
 * - in every template function, a fallback for runtimes older than 4.6, which had no
 *   container.lookupProperty (the 4.7 runtime this package depends on always has it);
 * - in every helper call, the call's `loc` (line and column in the template), three objects built
 *   at each call for helpers to read; neither Handlebars' own helpers (if, each, unless, with) nor
 *   ours (plural, rows) read it, and strict-mode lookups get their location another way.
 */
const LOOKUP_FALLBACK =
  'lookupProperty = container.lookupProperty || function(parent, propertyName) {\n        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {\n          return parent[propertyName];\n        }\n        return undefined\n    }';
const HELPER_LOC = /,"loc":\{"start":\{"line":\d+,"column":\d+\},"end":\{"line":\d+,"column":\d+\}\}/g;

function leaner(spec: string): string {
  return spec.split(LOOKUP_FALLBACK).join('lookupProperty = container.lookupProperty').replace(HELPER_LOC, '');
}

/** Every template the library renders. */
export function allEntries(): PrecompileEntry[] {
  return [...textEntries(), ...reportEntries(), ...auditEntries()];
}

/** Build step: every template precompiled into dist/common/templates-<group>.generated.cjs. */
export function writeTemplates(): void {
  const entries = allEntries();
  for (const group of TEMPLATE_GROUPS) {
    mkdirSync(dirname(precompiledPath(group)), { recursive: true });
    writeFileSync(precompiledPath(group), precompiledSource(group, entries));
  }
}
