import type { Catalog, FleetPlan } from '../../../../plan/types.js';
import type { Intent, Subject } from '../types.js';

export interface DomainId {
  domain: string;
}

/**
 * Every catalogued domain (of apps and publishers), with what the fleet's plan means for it:
 * blocked, let through by an exception, or untouched (shared, weak evidence, or not reached).
 */
export function webSubjects(fleet: FleetPlan, catalog: Catalog): Subject<DomainId>[] {
  const web = fleet.web;
  const blocked = new Set(web?.blocked.map((d) => d.domain));
  const allowed = new Set(web?.notEnforced.filter((n) => n.why === 'allowed').map((n) => n.domain));
  const all = new Set<string>();
  for (const p of catalog.publishers.values()) for (const d of p.domains) all.add(d.value);
  for (const a of catalog.apps.values()) for (const d of a.domains) all.add(d.value);
  return [...all].sort().map((domain) => {
    const intent: Intent = blocked.has(domain) ? 'block' : allowed.has(domain) ? 'allow' : 'untouched';
    return { key: `web:${domain}`, label: domain, domain, intent, id: { domain } };
  });
}
