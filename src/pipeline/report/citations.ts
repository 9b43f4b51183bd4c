import type { SourcePosition } from '../../common/diagnostics/diagnostic.js';
import { reasonChain } from '../../plan/chain.js';
import { PLATFORMS, type Catalog, type ExceptionInForce, type Plan, type Provenance, type Reference } from '../../plan/types.js';
import { safeHref } from './safe-url.js';

/*
 * Sources and rules are listed once each, numbered, and cited per row by a short marker. In the
 * default policy every rule cites the same announcement: written out per row it was printed 61
 * times (issue #16). Numbers follow the order rules appear in the policy, so the same policy
 * gives the same markers.
 */

export interface ReferenceView {
  /** "1", "2", …: shown as [1]. */
  marker: string;
  anchor: string;
  title: string;
  /** Only http(s) URLs become links. */
  href?: string;
  url: string;
  issuer?: string;
  date?: string;
}

/** A citation of a reference in a row: the marker and where it points. */
export interface Cite {
  marker: string;
  anchor: string;
}

export interface RuleView {
  /** "R1", "R2", … */
  marker: string;
  anchor: string;
  /** `publisher rule "bytedance" (ByteDance Ltd.)` */
  text: string;
  reason?: string;
  at: string;
  cites: Cite[];
}

export interface Citations {
  rules: RuleView[];
  references: ReferenceView[];
  /** The rule a provenance comes from. */
  ruleOf(p: Provenance): RuleView;
  /** Markers of a list of references, registering any not yet seen. */
  cite(list: readonly Reference[]): Cite[];
}

const referenceKey = (r: Reference) => JSON.stringify([r.title, r.url, r.issuer ?? '', r.date ?? '']);
const ruleKey = (p: Provenance) => JSON.stringify([p.rule, p.ruleId, p.at.file, p.at.line, p.at.col]);

/**
 * Every rule the plan's fleets apply and every reference they and the exceptions cite. `at`
 * names a source position as the report does.
 */
export function collectCitations(plan: Plan, at: (p: SourcePosition) => string): Citations {
  const references = new Map<string, ReferenceView>();
  const citeCache = new Map<readonly Reference[], Cite[]>();
  const cite = (list: readonly Reference[]): Cite[] => {
    let cites = citeCache.get(list);
    if (cites) return cites;
    cites = list.map((r) => {
      const key = referenceKey(r);
      let view = references.get(key);
      if (!view) references.set(key, (view = referenceView(r, String(references.size + 1))));
      return { marker: view.marker, anchor: view.anchor };
    });
    citeCache.set(list, cites);
    return cites;
  };
  const provenances = allProvenances(plan).sort((a, b) => comparePositions(a.at, b.at));
  const rules = new Map<string, RuleView>();
  for (const p of provenances) {
    const key = ruleKey(p);
    if (!rules.has(key)) rules.set(key, ruleView(plan.catalog, p, `R${rules.size + 1}`, cite, at));
  }
  for (const e of allExceptions(plan)) cite(e.references);
  return {
    rules: [...rules.values()],
    get references() {
      return [...references.values()];
    },
    ruleOf: (p) => rules.get(ruleKey(p))!,
    cite,
  };
}

function ruleView(catalog: Catalog, p: Provenance, marker: string, cite: (l: readonly Reference[]) => Cite[], at: (p: SourcePosition) => string): RuleView {
  const chain = reasonChain(catalog, p);
  return {
    marker,
    anchor: `rule-${marker.slice(1)}`,
    text: `${chain.rule.kind} rule "${chain.rule.id}" (${chain.rule.name})`,
    ...(p.reason !== undefined && { reason: p.reason }),
    at: at(p.at),
    cites: cite(p.references),
  };
}

function referenceView(r: Reference, marker: string): ReferenceView {
  const href = safeHref(r.url);
  return {
    marker,
    anchor: `ref-${marker}`,
    title: r.title,
    ...(href !== undefined && { href }),
    url: r.url,
    ...(r.issuer !== undefined && { issuer: r.issuer }),
    ...(r.date !== undefined && { date: r.date }),
  };
}

/** Each provenance object once (fleets under the same rules share them). */
function allProvenances(plan: Plan): Provenance[] {
  const seen = new Set<Provenance>();
  const lists = new Set<readonly { because: readonly Provenance[] }[]>();
  for (const fleet of plan.fleets) {
    for (const platform of PLATFORMS) {
      const p = fleet[platform] as Partial<Record<'blocked' | 'teams' | 'notEnforced' | 'teamsNotEnforced', { because: Provenance[] }[]>> | undefined;
      if (!p) continue;
      for (const list of [p.blocked, p.teams, p.notEnforced, p.teamsNotEnforced]) if (list) lists.add(list);
    }
  }
  for (const list of lists) for (const item of list) for (const b of item.because) seen.add(b);
  return [...seen];
}

function allExceptions(plan: Plan): ExceptionInForce[] {
  const all = plan.fleets.flatMap((f) => [...f.exceptions, ...f.expiredExceptions]);
  return all.sort((a, b) => comparePositions(a.at, b.at));
}

function comparePositions(a: SourcePosition, b: SourcePosition): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.col - b.col;
}
