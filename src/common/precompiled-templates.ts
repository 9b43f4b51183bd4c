import { resolve } from 'node:path';
import type HandlebarsModule from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime.js';
import { loadBuiltModule } from './built-module.js';
import { packageRoot } from './paths.js';

// The precompiled templates are a CommonJS module the build wrote into dist/ (src/build/templates.ts).

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

/** A precompiled template: the text it came from and Handlebars' template spec. */
export interface BuiltTemplate {
  source: string;
  spec: object;
}

/** Where the build writes the precompiled templates. */
export const PRECOMPILED_PATH = resolve(packageRoot, 'dist', 'common', 'templates.generated.cjs');

let built: Record<string, BuiltTemplate> | undefined;

/**
 * The build's templates by key. The library renders only these: templates/ is read by the build,
 * never at run time, so a reworded template takes effect with `npm run build`
 * (test/templates/precompiled.test.ts fails while the build is older than templates/).
 */
export function builtTemplates(): Record<string, BuiltTemplate> {
  built ??= loadBuiltModule<Record<string, BuiltTemplate>>(PRECOMPILED_PATH);
  return built;
}

/** A fresh environment of Handlebars' runtime (helpers and partials registered on it stay on it). */
export function handlebarsRuntime(): Handlebars {
  return (HandlebarsRuntime as unknown as Handlebars).create();
}

/** The build's template for `key` in `env`; every template the library renders is built. */
export function precompiled(env: Handlebars, key: string): Template {
  const entry = builtTemplates()[key];
  if (!entry) throw new Error(`mdm-blocklist's build has no template ${key} (run \`npm run build\`)`);
  return env.template(entry.spec as Parameters<Handlebars['template']>[0]);
}
