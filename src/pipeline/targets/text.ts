import { handlebarsRuntime, precompiled, type CompileOptions, type Handlebars, type Template } from '../../common/precompiled-templates.js';

/** How text templates are compiled (by the build, src/build/templates.ts). */
export const TEXT_OPTIONS: CompileOptions = { noEscape: true };
const compiled = new Map<string, Template>();
let runtime: Handlebars | undefined;

/**
 * Renders the human text an artifact carries (display names, descriptions, Santa messages) from
 * templates/<name>.hbs, so an admin can reword it without touching code (then `npm run build`:
 * the build precompiles templates/). No HTML escaping: the plist and JSON encoders escape for
 * their own formats. Leading and trailing white space is cut.
 */
export function renderText(name: string, context: object): string {
  let template = compiled.get(name);
  if (!template) {
    template = precompiled((runtime ??= handlebarsRuntime()), `text:${name}`);
    compiled.set(name, template);
  }
  return template(context).trim();
}
