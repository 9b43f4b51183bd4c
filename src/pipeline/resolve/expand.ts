import { byCodeUnit } from '../../common/compare.js';
import type { App, BlockRule, Provenance } from '../../plan/types.js';
import type { CatalogIndex } from '../../plan/catalog-index.js';

/** Apps each block rule reaches, keyed by the app that is really blocked (a feature's host), sorted by id. */
export function expand(rules: readonly BlockRule[], index: CatalogIndex): Map<string, Provenance[]> {
  const out = new Map<string, Provenance[]>();
  const add = (app: App, rule: BlockRule, via: string[]) => {
    const target = app.featureOf !== undefined ? index.catalog.apps.get(app.featureOf) : app;
    if (!target) return;
    const p: Provenance = { rule: rule.kind, ruleId: rule.id, via: app.featureOf !== undefined ? [...via, app.id] : via, references: rule.references, at: rule.at };
    if (rule.reason !== undefined) p.reason = rule.reason;
    const list = out.get(target.id) ?? [];
    list.push(p);
    out.set(target.id, list);
  };
  for (const rule of rules) {
    if (rule.kind === 'app') {
      add(index.catalog.apps.get(rule.id)!, rule, []);
    } else {
      for (const app of index.appsUnder(rule.id)) add(app, rule, index.chain(rule.id, app.publisher!)!);
    }
  }
  for (const list of out.values()) {
    list.sort((a, b) => byCodeUnit(a.rule, b.rule) || byCodeUnit(a.ruleId, b.ruleId) || byCodeUnit(a.via.join('/'), b.via.join('/')));
  }
  return new Map([...out.entries()].sort(([a], [b]) => byCodeUnit(a, b)));
}
