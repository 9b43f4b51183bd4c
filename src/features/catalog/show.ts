import type { SourcePosition } from '../../common/diagnostics/diagnostic.js';
import type { App, Catalog, Confidence, ExceptionInForce, Platform, Provenance, Publisher, Reference, Source } from '../../plan/types.js';
import { PLATFORMS } from '../../plan/types.js';
import { CatalogIndex } from '../../plan/catalog-index.js';
import { closest } from '../../pipeline/validate/closest.js';
import { appIdentifiers, publisherIdentifiers, type LabelledIdentifier } from './fields.js';
import { searchCatalog, type SearchHit } from './search.js';
import type { CatalogPolicy, CatalogWorkspace } from './workspace.js';

export interface EntryRef {
  id: string;
  name: string;
}

export interface PolicyRef {
  id: string;
  name: string;
  file: string;
}

export interface IdentifierView {
  label: string;
  platform: Platform | 'web';
  field: LabelledIdentifier['field'];
  value: string;
  confidence: Confidence;
  sources: Source[];
  note?: string;
  at: SourcePosition;
}

/** What one policy does with an app in one fleet and platform. */
export interface Verdict {
  fleet: string;
  platform: Platform;
  status: 'blocked' | 'low-confidence' | 'no-identifier' | 'no-build' | 'allowed';
  identifier?: string;
  because: Provenance[];
  exception?: ExceptionInForce;
}

export interface AppView {
  kind: 'app';
  id: string;
  name: string;
  aliases: string[];
  confidence: Confidence;
  /** Outermost parent first, ending with the app's own publisher. */
  publisherChain: EntryRef[];
  /** The host app when this is an in-app feature: blocking the feature blocks the host. */
  featureOf?: EntryRef;
  features: EntryRef[];
  identifiers: IdentifierView[];
  listedBy: string[];
  note?: string;
  inline: boolean;
  at: SourcePosition;
  blockedBy: { policy: PolicyRef; verdicts: Verdict[] }[];
  notBlockedBy: PolicyRef[];
}

/** A publisher rule of a policy that reaches the publisher, with the chain from the rule's publisher down. */
export interface PublisherRuleHit {
  ruleId: string;
  via: string[];
  reason?: string;
  references: Reference[];
  at: SourcePosition;
}

export interface PublisherView {
  kind: 'publisher';
  id: string;
  name: string;
  legalNames: string[];
  aliases: string[];
  country?: string;
  /** Outermost parent first, ending with this publisher. */
  chain: EntryRef[];
  /** Subsidiaries at every depth, depth-first; depth 1 is a direct subsidiary. */
  subsidiaries: (EntryRef & { depth: number })[];
  /** Its apps and its subsidiaries' apps, each with the publisher it belongs to. */
  apps: (EntryRef & { publisher: string })[];
  identifiers: IdentifierView[];
  sources: Source[];
  note?: string;
  at: SourcePosition;
  /** Policies with a publisher rule that reaches it, or that block any of its apps. */
  blockedBy: { policy: PolicyRef; rules: PublisherRuleHit[]; appsBlocked: string[] }[];
  notBlockedBy: PolicyRef[];
}

/** What one policy's fleet does with one of the entry's web domains (docs/web.md). */
export interface DomainVerdict {
  policy: PolicyRef;
  fleet: string;
  domain: string;
  status: 'blocked' | 'shared' | 'low-confidence' | 'allowed';
}

export type EntryView = (AppView | PublisherView) & { domainVerdicts: DomainVerdict[] };

export type FindResult = { found: { kind: 'app' | 'publisher'; id: string } } | { found?: undefined; suggestions: SearchHit[] };

/**
 * The entry a query names: an app or publisher id; failing that, the one entry whose name, alias
 * or identifier equals the query (case aside). Otherwise the closest search hits, as suggestions.
 */
export function findEntry(catalog: Catalog, query: string): FindResult {
  if (catalog.apps.has(query)) return { found: { kind: 'app', id: query } };
  if (catalog.publishers.has(query)) return { found: { kind: 'publisher', id: query } };
  const hits = searchCatalog(catalog, query);
  const exact = hits.filter((h) => h.rank === 'exact');
  if (exact.length === 1) return { found: { kind: exact[0]!.kind, id: exact[0]!.id } };
  if (hits.length) return { suggestions: hits.slice(0, 8) };
  // Nothing contains the text: perhaps a typo of an id.
  const typo = closest(query, [...catalog.apps.keys(), ...catalog.publishers.keys()]);
  return { suggestions: typo !== undefined ? searchCatalog(catalog, typo).filter((h) => h.id === typo) : [] };
}

/** Everything known about one catalog entry, and what each policy of the workspace does with it. */
export function describeEntry(workspace: Pick<CatalogWorkspace, 'catalog' | 'policies'>, found: { kind: 'app' | 'publisher'; id: string }): EntryView {
  const index = new CatalogIndex(workspace.catalog);
  const entry = found.kind === 'app' ? workspace.catalog.apps.get(found.id)! : workspace.catalog.publishers.get(found.id)!;
  const view = found.kind === 'app' ? describeApp(entry as App, index, workspace.policies) : describePublisher(entry as Publisher, index, workspace.policies);
  return { ...view, domainVerdicts: domainVerdicts(entry.domains, found.kind, found.id, workspace.policies) };
}

/** Per policy and fleet that blocks web domains, what it does with each of the entry's own domains. */
function domainVerdicts(domains: readonly { value: string }[], kind: 'app' | 'publisher', id: string, policies: readonly CatalogPolicy[]): DomainVerdict[] {
  const mine = new Set(domains.map((d) => d.value));
  const out: DomainVerdict[] = [];
  for (const policy of policies) {
    for (const fleet of policy.plan.fleets) {
      const web = fleet.web;
      if (!web) continue;
      const owned = (d: { domain: string; owner: { kind: string; id: string } }) => mine.has(d.domain) && d.owner.kind === kind && d.owner.id === id;
      for (const d of web.blocked.filter(owned)) out.push({ policy: policyRef(policy), fleet: fleet.id, domain: d.domain, status: 'blocked' });
      for (const d of web.notEnforced.filter(owned)) out.push({ policy: policyRef(policy), fleet: fleet.id, domain: d.domain, status: d.why });
    }
  }
  return out;
}

const ref = (e: { id: string; name: string }): EntryRef => ({ id: e.id, name: e.name });
const policyRef = (p: CatalogPolicy): PolicyRef => ({ id: p.id, name: p.name, file: p.file });

function identifierView({ label, platform, field, identifier }: LabelledIdentifier): IdentifierView {
  const v: IdentifierView = { label, platform, field, value: identifier.value, confidence: identifier.confidence, sources: identifier.sources, at: identifier.at };
  if (identifier.note !== undefined) v.note = identifier.note;
  return v;
}

function describeApp(app: App, index: CatalogIndex, policies: readonly CatalogPolicy[]): AppView {
  const host = app.featureOf !== undefined ? index.catalog.apps.get(app.featureOf) : undefined;
  const view: AppView = {
    kind: 'app',
    id: app.id,
    name: app.name,
    aliases: app.aliases,
    confidence: app.confidence,
    publisherChain: app.publisher !== undefined ? index.ancestry(app.publisher).map(ref) : [],
    features: index.featuresOf(app.id).map(ref),
    identifiers: appIdentifiers(app).map(identifierView),
    listedBy: app.listedBy,
    inline: app.inline,
    at: app.at,
    blockedBy: [],
    notBlockedBy: [],
  };
  if (host) view.featureOf = ref(host);
  if (app.note !== undefined) view.note = app.note;
  // A feature is enforced through its host: what a policy does with the host is what it does with the feature.
  const enforced = host ?? app;
  for (const policy of policies) {
    const verdicts = verdictsFor(enforced.id, policy);
    if (verdicts.length) view.blockedBy.push({ policy: policyRef(policy), verdicts });
    else view.notBlockedBy.push(policyRef(policy));
  }
  return view;
}

function verdictsFor(appId: string, policy: CatalogPolicy): Verdict[] {
  const out: Verdict[] = [];
  for (const fleet of policy.plan.fleets) {
    for (const platform of PLATFORMS) {
      const plan = fleet[platform];
      if (!plan) continue;
      for (const b of plan.blocked.filter((b) => b.app.id === appId)) {
        out.push({ fleet: fleet.id, platform, status: 'blocked', identifier: b.identifier, because: b.because });
      }
      for (const a of plan.absent.filter((a) => a.app.id === appId)) {
        out.push({ fleet: fleet.id, platform, status: 'no-build', because: a.because });
      }
      for (const n of plan.notEnforced.filter((n) => n.app.id === appId)) {
        const v: Verdict = { fleet: fleet.id, platform, status: n.why, because: n.because };
        if (n.identifier !== undefined) v.identifier = n.identifier;
        if (n.exception) v.exception = n.exception;
        out.push(v);
      }
    }
  }
  return out;
}

function describePublisher(publisher: Publisher, index: CatalogIndex, policies: readonly CatalogPolicy[]): PublisherView {
  const chain = index.ancestry(publisher.id);
  const apps = index.appsUnder(publisher.id);
  const view: PublisherView = {
    kind: 'publisher',
    id: publisher.id,
    name: publisher.name,
    legalNames: publisher.legalNames,
    aliases: publisher.aliases,
    chain: chain.map(ref),
    subsidiaries: subsidiaryTree(publisher.id, index),
    apps: apps.map((a) => ({ ...ref(a), publisher: a.publisher! })),
    identifiers: publisherIdentifiers(publisher).map(identifierView),
    sources: publisher.sources,
    at: publisher.at,
    blockedBy: [],
    notBlockedBy: [],
  };
  if (publisher.country !== undefined) view.country = publisher.country;
  if (publisher.note !== undefined) view.note = publisher.note;
  const ancestors = new Set(chain.map((p) => p.id));
  for (const policy of policies) {
    const rules = policy.plan.rules.block
      .filter((r) => r.kind === 'publisher' && ancestors.has(r.id))
      .map((r) => {
        const hit: PublisherRuleHit = { ruleId: r.id, via: index.chain(r.id, publisher.id)!, references: r.references, at: r.at };
        if (r.reason !== undefined) hit.reason = r.reason;
        return hit;
      });
    const blocked = new Set(policy.plan.fleets.flatMap((f) => PLATFORMS.flatMap((p) => f[p]?.blocked ?? [])).map((b) => b.app.id));
    // A feature counts as blocked when its host is.
    const appsBlocked = apps.filter((a) => blocked.has(a.featureOf ?? a.id)).map((a) => a.id);
    if (rules.length || appsBlocked.length) view.blockedBy.push({ policy: policyRef(policy), rules, appsBlocked });
    else view.notBlockedBy.push(policyRef(policy));
  }
  return view;
}

function subsidiaryTree(id: string, index: CatalogIndex, depth = 1, seen = new Set([id])): (EntryRef & { depth: number })[] {
  return index.subsidiaries(id).flatMap((p) => {
    if (seen.has(p.id)) return [];
    seen.add(p.id);
    return [{ ...ref(p), depth }, ...subsidiaryTree(p.id, index, depth + 1, seen)];
  });
}
