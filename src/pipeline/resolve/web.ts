import { byCodeUnit } from '../../common/compare.js';
import type { CatalogIndex } from '../../plan/catalog-index.js';
import type { AllowRule, App, BlockedDomain, BlockRule, Domain, DomainNotEnforced, DomainOwner, Identifier, Provenance, Publisher } from '../../plan/types.js';

/*
 * Web domains (issue #21): a block rule whose webDomains is on (its own, or options.blockWebDomains)
 * also blocks the catalogued domains of what it reaches: an app rule its app's (and a feature's
 * host's), a publisher rule those of the publisher, its subsidiaries and all their apps.
 * Exceptions apply as to apps: an app exception lets its app's domains through, a publisher
 * exception those of the publisher, its subsidiaries and their apps. A shared domain (CDN, login,
 * search) is never blocked; a low-confidence one only with includeLowConfidence.
 */

export interface WebInput {
  rules: readonly BlockRule[];
  /** The fleet's exceptions in force. */
  exceptions: readonly AllowRule[];
  index: CatalogIndex;
  includeLow: boolean;
  /** options.blockWebDomains: what a rule without webDomains does. */
  byDefault: boolean;
  /** Low-confidence identifiers left out, for LOW_CONFIDENCE_EXCLUDED. */
  lowConfidence: Set<Identifier>;
}

export interface WebResolution {
  blocked: BlockedDomain[];
  notEnforced: DomainNotEnforced[];
}

interface Reached {
  owner: DomainOwner;
  domains: Domain[];
  because: Provenance[];
  exception?: AllowRule;
}

/** The fleet's blocked and not-enforced domains; undefined when no rule of it blocks web domains. */
export function resolveWeb(input: WebInput): WebResolution | undefined {
  const rules = input.rules.filter((r) => r.webDomains ?? input.byDefault);
  if (rules.length === 0) return undefined;
  const reached = reachOwners(rules, input);
  const blocked = new Map<string, BlockedDomain>();
  const notEnforced = new Map<string, DomainNotEnforced>();
  for (const r of reached.values()) {
    for (const d of r.domains) {
      const why = r.exception ? 'allowed' : d.shared ? 'shared' : d.confidence === 'low' && !input.includeLow ? 'low-confidence' : undefined;
      const evidence = { domain: d.value, owner: r.owner, confidence: d.confidence, sources: d.sources, ...(d.note !== undefined && { note: d.note }) };
      if (why === undefined) {
        const seen = blocked.get(d.value);
        blocked.set(d.value, seen ? { ...seen, because: [...seen.because, ...r.because] } : { ...evidence, because: [...r.because] });
        continue;
      }
      if (why === 'low-confidence') input.lowConfidence.add(d);
      if (!notEnforced.has(d.value)) {
        notEnforced.set(d.value, { ...evidence, why, because: [...r.because], ...(r.exception && { exception: { kind: r.exception.kind, id: r.exception.id } }) });
      }
    }
  }
  for (const domain of blocked.keys()) notEnforced.delete(domain);
  const byDomain = (a: { domain: string }, b: { domain: string }) => byCodeUnit(a.domain, b.domain);
  return { blocked: [...blocked.values()].sort(byDomain), notEnforced: [...notEnforced.values()].sort(byDomain) };
}

/** Every app and publisher the web rules reach, with the provenance of each reach and its exception. */
function reachOwners(rules: readonly BlockRule[], input: WebInput): Map<string, Reached> {
  const { index } = input;
  const out = new Map<string, Reached>();
  const reach = (owner: DomainOwner, domains: Domain[], rule: BlockRule, via: string[], exception: AllowRule | undefined) => {
    const key = `${owner.kind}:${owner.id}`;
    const p: Provenance = { rule: rule.kind, ruleId: rule.id, via, references: rule.references, at: rule.at, ...(rule.reason !== undefined && { reason: rule.reason }) };
    const seen = out.get(key);
    if (seen) seen.because.push(p);
    else out.set(key, { owner, domains, because: [p], ...(exception && { exception }) });
  };
  const reachApp = (app: App, rule: BlockRule, via: string[]) => reach(appOwner(app), app.domains, rule, via, input.exceptions.find((e) => index.exceptionMatches(e, app)));
  const reachPublisher = (p: Publisher, rule: BlockRule, via: string[]) => reach(publisherOwner(p), p.domains, rule, via, publisherException(p, input));
  for (const rule of rules) {
    if (rule.kind === 'app') {
      const app = index.catalog.apps.get(rule.id)!;
      reachApp(app, rule, []);
      const host = app.featureOf !== undefined ? index.catalog.apps.get(app.featureOf) : undefined;
      if (host) reachApp(host, rule, [app.id]);
      continue;
    }
    for (const p of index.publishersUnder(rule.id)) reachPublisher(p, rule, index.chain(rule.id, p.id) ?? [p.id]);
    for (const app of index.appsUnder(rule.id)) reachApp(app, rule, index.chain(rule.id, app.publisher!) ?? []);
  }
  return out;
}

/** A publisher exception covers the publisher and its subsidiaries, as it covers their apps. */
function publisherException(p: Publisher, input: WebInput): AllowRule | undefined {
  return input.exceptions.find((e) => input.index.exceptionCoversPublisher(e, p.id));
}

const appOwner = (app: App): DomainOwner => ({ kind: 'app', id: app.id, name: app.name });
const publisherOwner = (p: Publisher): DomainOwner => ({ kind: 'publisher', id: p.id, name: p.name });
