import { resolve } from 'node:path';
import type HandlebarsModule from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime.js';
import { loadBuiltModule } from './built-module.js';
import { packageRoot } from './paths.js';

// The precompiled templates are CommonJS modules the build wrote into dist/ (src/build/templates.ts).

export type Handlebars = typeof HandlebarsModule;
export type Template = HandlebarsModule.TemplateDelegate;
export type CompileOptions = Parameters<Handlebars['compile']>[1];

/** A template as the build precompiles it: the text and options it must be rendered with. */
export interface PrecompileEntry {
  /** Unique across the package, e.g. `text:apple/santa-message` or `report:report.html`. */
  key: string;
  source: string;
  options: CompileOptions;
  /** The build keeps the text beside the spec (the report's style and script: their CSP hashes and the audit page's style). */
  keepSource?: boolean;
}

/** A precompiled template: Handlebars' template spec, and the text it came from where the library needs that too. */
export interface BuiltTemplate {
  source?: string;
  spec: object;
}

/**
 * The build writes the templates in three modules, by the part of their key before the colon, so
 * that a compile loads only the text and report templates it renders (issue #12, cold start).
 */
export type TemplateGroup = 'text' | 'report' | 'audit';

export const TEMPLATE_GROUPS: readonly TemplateGroup[] = ['text', 'report', 'audit'];

/** The group a template's key puts it in. */
export function groupOf(key: string): TemplateGroup {
  return key.slice(0, key.indexOf(':')) as TemplateGroup;
}

/** Where the build writes a group's precompiled templates. */
export function precompiledPath(group: TemplateGroup): string {
  return resolve(packageRoot, 'dist', 'common', `templates-${group}.generated.cjs`);
}

const built = new Map<TemplateGroup, Record<string, BuiltTemplate>>();

/**
 * The build's templates of a group, by key. The library renders only these: templates/ is read by
 * the build, never at run time, so a reworded template takes effect with `npm run build`
 * (test/templates/precompiled.test.ts fails while the build is older than templates/).
 */
export function builtTemplates(group: TemplateGroup): Record<string, BuiltTemplate> {
  let found = built.get(group);
  if (!found) {
    found = loadBuiltModule<Record<string, BuiltTemplate>>(precompiledPath(group));
    built.set(group, found);
  }
  return found;
}

/** A fresh environment of Handlebars' runtime (helpers and partials registered on it stay on it). */
export function handlebarsRuntime(): Handlebars {
  return (HandlebarsRuntime as unknown as Handlebars).create();
}

/** The build's template for `key` in `env`; every template the library renders is built. */
export function precompiled(env: Handlebars, key: string): Template {
  const entry = builtTemplates(groupOf(key))[key];
  if (!entry) throw new Error(`mdm-blocklist's build has no template ${key} (run \`npm run build\`)`);
  return env.template(entry.spec as Parameters<Handlebars['template']>[0]);
}
