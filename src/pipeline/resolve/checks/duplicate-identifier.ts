import type { DiagnosticBag } from '../../../common/diagnostics/diagnostic.js';
import type { App, Catalog, Identifier } from '../../../plan/types.js';

/**
 * DUPLICATE_IDENTIFIER: an identifier field whose value two apps share, reported at the second.
 * Resolve checks the fields that block; catalog lint also the App Store ids, which block nothing.
 */
export function checkSameValueTwice(catalog: Catalog, fields: readonly [string, (a: App) => Identifier | undefined][], bag: DiagnosticBag): void {
  for (const [label, get] of fields) {
    const owner = new Map<string, App>();
    for (const app of catalog.apps.values()) {
      const id = get(app);
      if (!id) continue;
      const first = owner.get(id.value);
      if (first) {
        bag.add('DUPLICATE_IDENTIFIER', `${label} "${id.value}" belongs to both "${first.id}" and "${app.id}"; an in-app feature should use featureOf`, id.at);
      } else {
        owner.set(id.value, app);
      }
    }
  }
}
