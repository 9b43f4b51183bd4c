import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Handlebars from 'handlebars';
import { packageRoot } from '../paths.js';

const handlebars = Handlebars.create();
const compiled = new Map<string, Handlebars.TemplateDelegate>();

/**
 * Renders the human text an artifact carries (display names, descriptions, Santa messages) from
 * templates/<name>.hbs, so an admin can reword it without touching code. No HTML escaping: the
 * plist and JSON encoders escape for their own formats. Leading and trailing white space is cut.
 */
export function renderText(name: string, context: object): string {
  let template = compiled.get(name);
  if (!template) {
    template = handlebars.compile(readFileSync(resolve(packageRoot, 'templates', `${name}.hbs`), 'utf8'), { noEscape: true });
    compiled.set(name, template);
  }
  return template(context).trim();
}
