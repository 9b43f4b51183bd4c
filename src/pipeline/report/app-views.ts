import { reasonChain } from '../../plan/chain.js';
import type { BlockedApp, BlockedTeam, Catalog, Confidence, NotEnforced, Provenance } from '../../plan/types.js';
import type { Cite, Citations } from './citations.js';

/*
 * One row per app: its name, publisher and identifier, and why it is blocked as short citations
 * of the rules (R1, R2, …) listed once in the report's rules section, with the publishers between
 * the rule's and the app's own where a rule reaches the app through a subsidiary.
 */

/** One rule that blocks the app: its marker, and the way from the rule to the app when not direct ("via TikTok Pte. Ltd."). */
export interface WhyView extends Cite {
  via?: string;
}

export interface BlockedView {
  name: string;
  app: string;
  publisher?: string;
  identifier: string;
  extra: string[];
  confidence?: string;
  /** Lower-case text the filter box matches. */
  search: string;
  why: WhyView[];
}

export interface TeamView {
  teamId: string;
  publisher: string;
  confidence?: string;
  search: string;
  why: WhyView[];
}

export interface NotEnforcedView {
  name: string;
  app: string;
  publisher?: string;
  /** What is particular to this app: the low-confidence identifier, the exception. */
  detail?: string;
  search: string;
}

/** Not-enforced apps of one platform that share a reason: "No bundle ID in the catalog (28)". */
export interface NotEnforcedGroup {
  why: string;
  apps: NotEnforcedView[];
}

export function searchText(...parts: (string | undefined)[]): string {
  return parts
    .filter((p): p is string => p !== undefined)
    .join(' ')
    .toLowerCase();
}

function confidenceNote(c: Confidence): string | undefined {
  return c === 'high' ? undefined : c;
}

/** Rows by app name (as an admin looks for them), then id: not by identifier. */
export function byName<T extends { name: string; app: string }>(a: T, b: T): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.app < b.app ? -1 : a.app > b.app ? 1 : 0;
}

/** Builds the rows' why, once per list of provenances and app. */
export function whyBuilder(catalog: Catalog, citations: Citations): (appId: string | undefined, because: readonly Provenance[]) => WhyView[] {
  const built = new Map<readonly Provenance[], Map<string | undefined, WhyView[]>>();
  return (appId, because) => {
    let byApp = built.get(because);
    if (!byApp) built.set(because, (byApp = new Map()));
    let views = byApp.get(appId);
    if (!views) {
      views = whyViews(catalog, citations, because, appId);
      byApp.set(appId, views);
    }
    return views;
  };
}

/**
 * One entry per rule: a publisher rule may reach an app both as the publisher's own and through
 * one of its in-app features (QQ and QQ Wallet), which is one rule, cited once.
 */
function whyViews(catalog: Catalog, citations: Citations, because: readonly Provenance[], appId: string | undefined): WhyView[] {
  const byRule = new Map<string, { cite: Cite; direct: boolean; ways: string[] }>();
  for (const p of because) {
    const rule = citations.ruleOf(p);
    const entry = byRule.get(rule.marker) ?? { cite: { marker: rule.marker, anchor: rule.anchor }, direct: false, ways: [] };
    const way = wayOf(catalog, p, appId);
    if (way === undefined) entry.direct = true;
    else if (!entry.ways.includes(way)) entry.ways.push(way);
    byRule.set(rule.marker, entry);
  }
  return [...byRule.values()].map(({ cite, direct, ways }) => {
    const via = ways.length ? `${direct ? 'directly and ' : ''}via ${ways.join(' and via ')}` : undefined;
    return { ...cite, ...(via !== undefined && { via }) };
  });
}

/** What lies between the rule and the app, when anything does: subsidiaries, an in-app feature. */
function wayOf(catalog: Catalog, p: Provenance, appId: string | undefined): string | undefined {
  const chain = reasonChain(catalog, p, appId);
  // The rule's own publisher is in the rule; what lies between it and the app is particular to the row.
  const steps = [...chain.publishers.slice(1).map((x) => x.name), ...(chain.feature ? [`its feature ${chain.feature.name}`] : [])];
  return steps.length ? steps.join(' → ') : undefined;
}

export function blockedView(b: BlockedApp, why: WhyView[], aliases: readonly string[]): BlockedView {
  const extra = [...(b.appStoreId !== undefined ? [`App Store ${b.appStoreId}`] : []), ...(b.teamId !== undefined ? [`Team ID ${b.teamId}`] : [])];
  const confidence = confidenceNote(b.confidence);
  return {
    name: b.app.name,
    app: b.app.id,
    ...(b.app.publisher && { publisher: b.app.publisher.name }),
    identifier: b.identifier,
    extra,
    ...(confidence && { confidence }),
    search: searchText(b.app.name, b.app.id, ...aliases, b.app.publisher?.name, b.app.publisher?.id, b.identifier, ...extra),
    why,
  };
}

export function teamView(t: BlockedTeam, why: WhyView[]): TeamView {
  const confidence = confidenceNote(t.confidence);
  return {
    teamId: t.teamId,
    publisher: t.publisher.name,
    ...(confidence && { confidence }),
    search: searchText(t.teamId, t.publisher.name, t.publisher.id),
    why,
  };
}

const WHY_ORDER: readonly NotEnforced['why'][] = ['no-identifier', 'low-confidence', 'allowed'];

/** The title of a group of not-enforced apps. */
export function notEnforcedWhy(why: NotEnforced['why'], identifierLabel: string): string {
  return why === 'no-identifier' ? `No ${identifierLabel} in the catalog` : why === 'low-confidence' ? `Only a low-confidence ${identifierLabel}` : 'Allowed by an exception';
}

/** Not-enforced apps by reason, each group sorted by name. */
export function notEnforcedGroups(list: readonly NotEnforced[], identifierLabel: string, aliases: (appId: string) => readonly string[]): NotEnforcedGroup[] {
  return WHY_ORDER.flatMap((why) => {
    const apps = list.filter((n) => n.why === why).map((n) => notEnforcedView(n, aliases(n.app.id)));
    return apps.length ? [{ why: notEnforcedWhy(why, identifierLabel), apps: apps.sort(byName) }] : [];
  });
}

function notEnforcedView(n: NotEnforced, aliases: readonly string[]): NotEnforcedView {
  const e = n.exception;
  const detail = n.why === 'low-confidence' ? n.identifier : n.why === 'allowed' && e ? `${e.kind} ${e.id}${e.until !== undefined ? ` until ${e.until}` : ''}` : undefined;
  return {
    name: n.app.name,
    app: n.app.id,
    ...(n.app.publisher && { publisher: n.app.publisher.name }),
    ...(detail !== undefined && { detail }),
    search: searchText(n.app.name, n.app.id, ...aliases, n.app.publisher?.name, n.identifier),
  };
}
