import type { DiagnosticBag } from '../../../common/diagnostics/diagnostic.js';
import type { App, Catalog, Domain, Identifier } from '../../../plan/types.js';

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

/**
 * DUPLICATE_IDENTIFIER for web domains: a domain belongs to one catalog entry. Under two, a rule on
 * one and an exception for the other would disagree about it, and the report could name only one
 * owner (docs/web.md). Reported at the second, publishers before apps, like the Team ID check.
 */
export function checkDomainsOnce(catalog: Catalog, bag: DiagnosticBag): void {
  const owner = new Map<string, string>();
  const entries: [string, readonly Domain[]][] = [
    ...[...catalog.publishers.values()].map((p): [string, readonly Domain[]] => [`publisher "${p.id}"`, p.domains]),
    ...[...catalog.apps.values()].map((a): [string, readonly Domain[]] => [`app "${a.id}"`, a.domains]),
  ];
  for (const [who, domains] of entries) {
    for (const d of domains) {
      const first = owner.get(d.value);
      if (first === undefined) owner.set(d.value, who);
      else bag.add('DUPLICATE_IDENTIFIER', `web domain "${d.value}" of ${who} is already catalogued for ${first}; list it once, under the entry whose service it is`, d.at);
    }
  }
}
