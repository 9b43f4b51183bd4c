import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type HandlebarsModule from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime.js';
import { packageRoot } from './paths.js';

// Handlebars' compiler (with source-map) is large and CommonJS: required only for a template
// edited after the build. Precompiled templates need only its runtime (issue #8, fast start).
const require = createRequire(import.meta.url);

export type Handlebars = typeof HandlebarsModule;
export type Template = HandlebarsModule.TemplateDelegate;
export type CompileOptions = Parameters<Handlebars['compile']>[1];

/** A template as the build precompiles it: the text and options it must be rendered with. */
export interface PrecompileEntry {
  /** Unique across the package, e.g. `text:apple/santa-message` or `report:report.html`. */
  key: string;
  source: string;
  options: CompileOptions;
}

/** Where the build writes the precompiled templates (scripts/build-templates.mjs). */
export const PRECOMPILED_PATH = resolve(packageRoot, 'dist', 'common', 'templates.generated.cjs');

let built: Record<string, { source: string; options: string; spec: object }> | undefined;

/** A fresh environment of Handlebars' runtime (helpers and partials registered on it stay on it). */
export function handlebarsRuntime(): Handlebars {
  return (HandlebarsRuntime as unknown as Handlebars).create();
}

/** A fresh environment of the whole compiler. */
export function handlebarsCompiler(): Handlebars {
  return (require('handlebars') as Handlebars).create();
}

/** The build's template for `key`, if it was precompiled from exactly this text with these options. */
export function precompiled(env: Handlebars, key: string, source: string, options: CompileOptions): Template | undefined {
  built ??= existsSync(PRECOMPILED_PATH) ? (require(PRECOMPILED_PATH) as typeof built) : {};
  const entry = built![key];
  if (entry?.source !== source || entry.options !== JSON.stringify(options ?? {})) return undefined;
  return env.template(entry.spec as Parameters<Handlebars['template']>[0]);
}

/** The CommonJS module the build writes. */
export function precompiledSource(entries: readonly PrecompileEntry[]): string {
  const compiler = require('handlebars') as Handlebars;
  // precompile adds its defaults to the options object it is given: give it a copy.
  const lines = entries.map(
    (e) =>
      `exports[${JSON.stringify(e.key)}] = { source: ${JSON.stringify(e.source)}, options: ${JSON.stringify(JSON.stringify(e.options ?? {}))}, spec: ${compiler.precompile(e.source, { ...e.options })} };`,
  );
  return `"use strict";\n${lines.join('\n')}\n`;
}
