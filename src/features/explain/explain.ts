import type { SourcePosition } from '../../common/diagnostics/diagnostic.js';
import { reasonChain, type Named, type ReasonChain } from '../../plan/chain.js';
import { PLATFORMS, type App, type FleetPlan, type Plan, type Platform, type Provenance, type Publisher, type Reference } from '../../plan/types.js';
import { closest } from '../../pipeline/validate/closest.js';
import { domainAnswer, matchDomains, type DomainAnswer } from './explain-domain.js';
import { manufacturerAnswers, type ManufacturerAnswer } from './manufacturer.js';

export type { DomainAnswer, DomainFleetAnswer } from './explain-domain.js';
export type { ManufacturerAnswer };

export interface ExplainOptions {
  /** Answer for this fleet only (default: every fleet). */
  fleet?: string;
}

/**
 * A Team ID with the publisher it belongs to: the publisher asked about or one of its
 * subsidiaries (a publisher rule blocks theirs too), so a holding company with no Team ID of its
 * own still shows the ones its apps are signed with.
 */
export interface TeamIdOf {
  value: string;
  owner: Named;
}

export type MatchedBy = 'app id' | 'publisher id' | 'iOS bundle ID' | 'macOS bundle ID' | 'Android package' | 'Team ID' | 'name';

/** What one query asks about an app, per fleet and platform. */
export interface AppAnswer {
  kind: 'app';
  matchedBy: MatchedBy;
  app: {
    id: string;
    name: string;
    aliases: string[];
    /** The app's publisher, then its parents up to the top. */
    publishers: Named[];
    /** An in-app feature is blocked through its host app; the answers are the host's. */
    featureOf?: Named;
    identifiers: { ios?: string; macos?: string; android?: string };
    /** The manufacturer ships it as a system app: BLOCKED keeps it from installs, not off the device. */
    preinstalled?: true;
    at: SourcePosition;
  };
  fleets: FleetAnswer[];
}

export interface FleetAnswer {
  fleet: string;
  platforms: PlatformAnswer[];
}

/** 'no-build': a rule reaches the app, but the catalog documents that it has no build for the platform. */
export type ExplainStatus = 'blocked' | 'allowed' | 'not-enforced' | 'no-build' | 'not-blocked';

export interface PlatformAnswer {
  platform: Platform;
  /**
   * blocked: an artifact carries it (by identifier, or on macOS by its publisher's Team ID);
   * allowed: a rule blocks it but an exception lets it through; not-enforced: a rule blocks it
   * but no artifact can carry it; not-blocked: no rule in this fleet reaches it.
   */
  status: ExplainStatus;
  identifier?: string;
  notEnforced?: 'no-identifier' | 'low-confidence';
  /** The rules that block it (or would, when it is allowed or not enforced). */
  reasons: ReasonChain[];
  exception?: { kind: 'app' | 'publisher'; id: string; until?: string; reason?: string; references: Reference[]; at: SourcePosition };
  /** macOS: a publisher's Team ID rule that blocks every app of the publisher, this one included. */
  team?: { teamId: string; publisher: Named; reasons: ReasonChain[] };
}

export interface PublisherAnswer {
  kind: 'publisher';
  matchedBy: MatchedBy;
  publisher: { id: string; name: string; parents: Named[]; subsidiaries: Named[]; teamIds: TeamIdOf[]; at: SourcePosition };
  /** Per fleet (with macOS), whether each Team ID of the publisher and its subsidiaries is blocked and by which rule, or why not. */
  teams: { fleet: string; teamId: string; owner: Named; blocked: boolean; notBlocked?: 'low-confidence' | 'exception' | 'no-rule'; reasons: ReasonChain[] }[];
  /** Every catalog app of the publisher and its subsidiaries. */
  apps: AppAnswer[];
}

export interface Explanation {
  query: string;
  answers: (AppAnswer | PublisherAnswer | DomainAnswer | ManufacturerAnswer)[];
  /** When nothing matches: the nearest id, identifier or name, if one is near. */
  suggestion?: string;
}

/**
 * Answers "is this app blocked, where, and why?" from the plan alone: per fleet and platform,
 * blocked or not, the chain of reasons (rule → publishers → catalog entry → references), the
 * exception that lets it through and until when, or why no artifact can carry it.
 */
export function explain(plan: Plan, query: string, options: ExplainOptions = {}): Explanation {
  const fleets = plan.fleets.filter((f) => options.fleet === undefined || f.id === options.fleet);
  const answers: Explanation['answers'] = match(plan, query.trim()).map(({ subject, by }) =>
    subject.kind === 'app' ? appAnswer(plan, fleets, subject.app, by) : publisherAnswer(plan, fleets, subject.publisher, by),
  );
  // A web domain (pan.baidu.com) is asked about when no app or publisher matches.
  if (answers.length === 0) for (const { domain, owner } of matchDomains(plan, query.trim())) answers.push(domainAnswer(plan, fleets, domain, owner));
  // A device maker answers beside the publisher of the same name (huawei is both).
  answers.push(...manufacturerAnswers(plan, query));
  const explanation: Explanation = { query, answers };
  if (answers.length === 0) {
    const suggestion = closest(query, vocabulary(plan));
    if (suggestion !== undefined) explanation.suggestion = suggestion;
  }
  return explanation;
}

type Subject = { kind: 'app'; app: App } | { kind: 'publisher'; publisher: Publisher };

/** Ids first, then identifiers, then names and aliases (case-insensitive): the first kind that matches wins. */
function match(plan: Plan, q: string): { subject: Subject; by: MatchedBy }[] {
  const { apps, publishers } = plan.catalog;
  const app = apps.get(q);
  if (app) return [{ subject: { kind: 'app', app }, by: 'app id' }];
  const publisher = publishers.get(q);
  if (publisher) return [{ subject: { kind: 'publisher', publisher }, by: 'publisher id' }];

  const lower = q.toLowerCase();
  const same = (v: string | undefined) => v !== undefined && v.toLowerCase() === lower;
  const byIdentifier: { subject: Subject; by: MatchedBy }[] = [];
  for (const a of apps.values()) {
    const by: MatchedBy | undefined = same(a.ios.bundleId?.value)
      ? 'iOS bundle ID'
      : same(a.macos.bundleId?.value)
        ? 'macOS bundle ID'
        : same(a.android.package?.value)
          ? 'Android package'
          : undefined;
    if (by) byIdentifier.push({ subject: { kind: 'app', app: a }, by });
  }
  for (const p of publishers.values()) {
    if (p.teamIds.some((t) => same(t.value))) byIdentifier.push({ subject: { kind: 'publisher', publisher: p }, by: 'Team ID' });
  }
  if (byIdentifier.length) return byIdentifier;

  const byName: { subject: Subject; by: MatchedBy }[] = [];
  for (const p of publishers.values()) {
    if ([p.name, ...p.legalNames, ...p.aliases].some(same)) byName.push({ subject: { kind: 'publisher', publisher: p }, by: 'name' });
  }
  for (const a of apps.values()) {
    if ([a.name, ...a.aliases].some(same)) byName.push({ subject: { kind: 'app', app: a }, by: 'name' });
  }
  return byName;
}

function vocabulary(plan: Plan): string[] {
  const words: string[] = [];
  for (const a of plan.catalog.apps.values()) {
    words.push(a.id, a.name, ...a.aliases);
    for (const v of [a.ios.bundleId, a.macos.bundleId, a.android.package]) if (v) words.push(v.value);
  }
  for (const p of plan.catalog.publishers.values()) words.push(p.id, p.name, ...p.teamIds.map((t) => t.value), ...p.domains.map((d) => d.value));
  for (const a of plan.catalog.apps.values()) words.push(...a.domains.map((d) => d.value));
  return [...new Set(words)].sort();
}

function appAnswer(plan: Plan, fleets: readonly FleetPlan[], app: App, by: MatchedBy): AppAnswer {
  const host = app.featureOf !== undefined ? (plan.catalog.apps.get(app.featureOf) ?? app) : app;
  const publishers = ancestry(plan, app.publisher);
  const answer: AppAnswer = {
    kind: 'app',
    matchedBy: by,
    app: {
      id: app.id,
      name: app.name,
      aliases: app.aliases,
      publishers: publishers.map(named),
      identifiers: {
        ...(host.ios.bundleId && { ios: host.ios.bundleId.value }),
        ...(host.macos.bundleId && { macos: host.macos.bundleId.value }),
        ...(host.android.package && { android: host.android.package.value }),
      },
      ...(host.android.preinstalled && { preinstalled: true as const }),
      at: app.at,
    },
    fleets: fleets.map((fleet) => ({
      fleet: fleet.id,
      platforms: PLATFORMS.flatMap((platform) => {
        const answer = platformAnswer(plan, fleet, platform, host);
        return answer ? [answer] : [];
      }),
    })),
  };
  if (host !== app) answer.app.featureOf = named(host);
  return answer;
}

function platformAnswer(plan: Plan, fleet: FleetPlan, platform: Platform, app: App): PlatformAnswer | undefined {
  const p = fleet[platform];
  if (!p) return undefined;
  const chains = (because: readonly Provenance[], appId?: string) => because.map((b) => reasonChain(plan.catalog, b, appId));
  const answer: PlatformAnswer = { platform, status: 'not-blocked', reasons: [] };
  const blocked = p.blocked.find((b) => b.app.id === app.id);
  const skipped = p.notEnforced.find((n) => n.app.id === app.id);
  const absent = p.absent.find((a) => a.app.id === app.id);
  if (absent) {
    answer.status = 'no-build';
    answer.reasons = chains(absent.because, app.id);
  } else if (blocked) {
    answer.status = 'blocked';
    answer.identifier = blocked.identifier;
    answer.reasons = chains(blocked.because, app.id);
  } else if (skipped) {
    answer.reasons = chains(skipped.because, app.id);
    if (skipped.why === 'allowed' && skipped.exception) {
      const e = skipped.exception;
      answer.status = 'allowed';
      answer.exception = { kind: e.kind, id: e.id, ...(e.until !== undefined && { until: e.until }), ...(e.reason !== undefined && { reason: e.reason }), references: e.references, at: e.at };
    } else {
      answer.status = 'not-enforced';
      answer.notEnforced = skipped.why === 'low-confidence' ? 'low-confidence' : 'no-identifier';
      if (skipped.identifier !== undefined) answer.identifier = skipped.identifier;
    }
  }
  if ('teams' in p) {
    const line = new Set(ancestry(plan, app.publisher).map((x) => x.id));
    const team = p.teams.find((t) => line.has(t.publisher.id));
    if (team) {
      answer.team = { teamId: team.teamId, publisher: team.publisher, reasons: chains(team.because) };
      if (answer.status !== 'allowed') answer.status = 'blocked';
    }
  }
  return answer;
}

function publisherAnswer(plan: Plan, fleets: readonly FleetPlan[], publisher: Publisher, by: MatchedBy): PublisherAnswer {
  const subsidiaries = [...plan.catalog.publishers.values()].filter((p) => p.id !== publisher.id && ancestry(plan, p.id).some((a) => a.id === publisher.id));
  const family = new Set([publisher.id, ...subsidiaries.map((s) => s.id)]);
  const apps = [...plan.catalog.apps.values()]
    .filter((a) => a.publisher !== undefined && family.has(a.publisher))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((a) => appAnswer(plan, fleets, a, by));
  const sortedSubsidiaries = subsidiaries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const familyTeamIds = [publisher, ...sortedSubsidiaries].flatMap((p) => p.teamIds.map((t) => ({ team: t, owner: named(p) })));
  const teams = fleets.flatMap((fleet) => {
    const macos = fleet.macos;
    if (!macos) return [];
    // resolve skips a publisher's Team IDs when an exception lets one of its apps through.
    const excepted = macos.notEnforced.some((n) => n.why === 'allowed' && n.app.publisher !== undefined && family.has(n.app.publisher.id));
    return familyTeamIds.map(({ team: t, owner }): PublisherAnswer['teams'][number] => {
      const hit = macos.teams.find((x) => x.teamId === t.value);
      if (hit) return { fleet: fleet.id, teamId: t.value, owner, blocked: true, reasons: hit.because.map((b) => reasonChain(plan.catalog, b)) };
      const notBlocked = t.confidence === 'low' && !plan.options.includeLowConfidence ? 'low-confidence' : excepted ? 'exception' : 'no-rule';
      return { fleet: fleet.id, teamId: t.value, owner, blocked: false, notBlocked, reasons: [] };
    });
  });
  return {
    kind: 'publisher',
    matchedBy: by,
    publisher: {
      id: publisher.id,
      name: publisher.name,
      parents: ancestry(plan, publisher.parent).map(named),
      subsidiaries: sortedSubsidiaries.map(named),
      teamIds: familyTeamIds.map(({ team, owner }) => ({ value: team.value, owner })),
      at: publisher.at,
    },
    teams,
    apps,
  };
}

/** A publisher and its parents, nearest first. */
function ancestry(plan: Plan, id: string | undefined): Publisher[] {
  const out: Publisher[] = [];
  for (let p = id !== undefined ? plan.catalog.publishers.get(id) : undefined; p && !out.includes(p); p = p.parent !== undefined ? plan.catalog.publishers.get(p.parent) : undefined) {
    out.push(p);
  }
  return out;
}

function named(x: { id: string; name: string }): Named {
  return { id: x.id, name: x.name };
}
