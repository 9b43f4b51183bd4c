import { readdirSync, readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { packageRoot } from '../../common/paths.js';
import { handlebarsCompiler, handlebarsRuntime, precompiled, type Handlebars, type PrecompileEntry, type Template } from '../../common/precompiled-templates.js';

const templatesDir = resolve(packageRoot, 'templates');
const OPTIONS = { noEscape: true } as const;
const compiled = new Map<string, Template>();
let runtime: Handlebars | undefined;
let compiler: Handlebars | undefined;

/**
 * Renders the human text an artifact carries (display names, descriptions, Santa messages) from
 * templates/<name>.hbs, so an admin can reword it without touching code. No HTML escaping: the
 * plist and JSON encoders escape for their own formats. Leading and trailing white space is cut.
 * The build precompiles the templates; one edited since is compiled here.
 */
export function renderText(name: string, context: object): string {
  let template = compiled.get(name);
  if (!template) {
    const source = readFileSync(resolve(templatesDir, `${name}.hbs`), 'utf8');
    template = precompiled((runtime ??= handlebarsRuntime()), `text:${name}`, source, OPTIONS) ?? (compiler ??= handlebarsCompiler()).compile(source, OPTIONS);
    compiled.set(name, template);
  }
  return template(context).trim();
}

/** What the build precompiles for renderText: every template outside templates/report/. */
export function textTemplates(): PrecompileEntry[] {
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(resolve(dir, e.name)) : [resolve(dir, e.name)]));
  return walk(templatesDir)
    .map((file) => relative(templatesDir, file).split(sep).join('/'))
    .filter((name) => name.endsWith('.hbs') && !name.startsWith('report/'))
    .sort()
    .map((name) => ({ key: `text:${name.slice(0, -'.hbs'.length)}`, source: readFileSync(resolve(templatesDir, name), 'utf8'), options: OPTIONS }));
}
