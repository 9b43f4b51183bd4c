import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative, resolve, sep } from 'node:path';
import type HandlebarsModule from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime.js';
import { packageRoot } from '../paths.js';

// Templates the build precompiled need only handlebars' small runtime; its whole compiler is
// required (it is CommonJS) for a template edited since (issue #8: a compile loads what it needs).
const require = createRequire(import.meta.url);
type Template = HandlebarsModule.TemplateDelegate;

const templatesDir = resolve(packageRoot, 'templates');
/** Where the build writes the precompiled templates (scripts/build-templates.mjs). */
export const PRECOMPILED_PATH = resolve(packageRoot, 'dist', 'targets', 'templates.generated.cjs');
const OPTIONS = { noEscape: true } as const;

const compiled = new Map<string, Template>();
let precompiled: Record<string, { source: string; spec: object }> | undefined;
let runtime: typeof HandlebarsModule | undefined;
let compiler: typeof HandlebarsModule | undefined;

/**
 * Renders the human text an artifact carries (display names, descriptions, Santa messages) from
 * templates/<name>.hbs, so an admin can reword it without touching code. No HTML escaping: the
 * plist and JSON encoders escape for their own formats. Leading and trailing white space is cut.
 */
export function renderText(name: string, context: object): string {
  let template = compiled.get(name);
  if (!template) {
    const source = readFileSync(resolve(templatesDir, `${name}.hbs`), 'utf8');
    template = fromBuild(name, source) ?? (compiler ??= (require('handlebars') as typeof HandlebarsModule).create()).compile(source, OPTIONS);
    compiled.set(name, template);
  }
  return template(context).trim();
}

/** The build's precompiled template, if it was made from exactly this text. */
function fromBuild(name: string, source: string): Template | undefined {
  precompiled ??= existsSync(PRECOMPILED_PATH) ? (require(PRECOMPILED_PATH) as typeof precompiled) : {};
  const entry = precompiled![name];
  if (entry?.source !== source) return undefined;
  runtime ??= (HandlebarsRuntime as unknown as typeof HandlebarsModule).create();
  return runtime.template(entry.spec as Parameters<typeof HandlebarsModule.template>[0]);
}

/** The CommonJS module the build writes: every template's text and its precompiled form. */
export function precompiledSource(): string {
  const handlebars = require('handlebars') as typeof HandlebarsModule;
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(resolve(dir, e.name)) : [resolve(dir, e.name)]));
  const entries = walk(templatesDir)
    .filter((f) => f.endsWith('.hbs'))
    .sort()
    .map((file) => {
      const name = relative(templatesDir, file).split(sep).join('/').slice(0, -'.hbs'.length);
      const source = readFileSync(file, 'utf8');
      return `exports[${JSON.stringify(name)}] = { source: ${JSON.stringify(source)}, spec: ${handlebars.precompile(source, OPTIONS)} };`;
    });
  return `"use strict";\n${entries.join('\n')}\n`;
}
