import type { Diagnostic, SourcePosition } from '../../common/diagnostics/diagnostic.js';
import { chainText, reasonChain } from '../../plan/chain.js';
import { IDENTIFIER_LABELS, PLATFORM_LABELS } from '../../plan/labels.js';
import {
  PLATFORMS,
  type BlockedApp,
  type BlockedTeam,
  type Confidence,
  type ExceptionInForce,
  type FleetPlan,
  type NotEnforced,
  type Plan,
  type Platform,
  type Provenance,
  type Reference,
} from '../../plan/types.js';
import type { FleetEffect } from '../verify/effect/types.js';
import type { Artifact } from '../targets/artifact.js';
import { findDeprecatedKeys } from './deprecated-keys.js';
import { importGuide } from './import-guide.js';
import { requirements, type NeedsInput } from './requirements.js';
import { safeHref } from './safe-url.js';

export interface ReportInput {
  plan: Plan;
  /** Everything the compile reported; the report lists warnings and counts the rest. */
  diagnostics: readonly Diagnostic[];
  /** The artifacts written beside the report (the manifest and the report itself excluded). */
  artifacts: readonly Artifact[];
  /**
   * How a source file is named in the report. The compiler passes names relative to the policy's
   * folder, so the report is the same bytes whichever folder the compile ran from.
   */
  sourceLabel?: (file: string) => string;
  /** What each fleet's artifacts do on each device class (the effect check's result). */
  effects?: readonly FleetEffect[];
}

/*
 * The view model: every value the templates show, already worded and sorted. Templates only lay
 * it out, so the HTML and Markdown reports cannot disagree, and escaping happens in one place
 * per format (Handlebars for HTML, escapeModel for Markdown).
 */

export interface ReportModel {
  policy: { id: string; name: string; organization?: string; description?: string; file: string };
  includeLowConfidence: boolean;
  counts: { fleets: number; errors: number; warnings: number; infos: number };
  summary: SummaryRow[];
  fleets: FleetView[];
  notEnforceable: NotEnforceableView[];
  lowConfidence: LowConfidenceView[];
  expired: ExceptionView[];
  deprecated: DeprecatedView[];
  files: FileView[];
  diagnostics: DiagnosticView[];
}

export interface SummaryRow {
  fleet: string;
  platform: string;
  anchor: string;
  blocked: number;
  teams: number;
  notEnforced: number;
  artifacts: number;
}

export interface FleetView {
  id: string;
  anchor: string;
  description?: string;
  exceptions: ExceptionView[];
  expired: ExceptionView[];
  platforms: PlatformView[];
}

export interface PlatformView {
  label: string;
  anchor: string;
  identifierLabel: string;
  needs: string[];
  files: FileView[];
  blocked: BlockedView[];
  teams: TeamView[];
  notEnforced: NotEnforcedView[];
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
  reasons: ReasonView[];
}

export interface TeamView {
  teamId: string;
  publisher: string;
  confidence?: string;
  search: string;
  reasons: ReasonView[];
}

export interface NotEnforcedView {
  name: string;
  app: string;
  publisher?: string;
  why: string;
  search: string;
}

export interface ReasonView {
  text: string;
  reason?: string;
  at: string;
  references: ReferenceView[];
}

export interface ReferenceView {
  title: string;
  /** Only http(s) URLs become links. */
  href?: string;
  url: string;
  issuer?: string;
  date?: string;
}

export interface ExceptionView {
  label: string;
  until?: string;
  reason?: string;
  lets: string;
  fleets?: string;
  at: string;
  references: ReferenceView[];
}

export interface NotEnforceableView {
  name: string;
  app: string;
  platform: string;
  fleets: string;
  search: string;
}

export interface LowConfidenceView {
  identifier: string;
  what: string;
  owner: string;
  status: string;
  fleets: string;
  search: string;
}

export interface DeprecatedView {
  key: string;
  file: string;
  where: string;
  since: string;
  instead: string;
  source: string;
}

/** Files of one kind (and one fleet and platform): a fleet's RemoveApplication commands are one row. */
export interface FileView {
  paths: string[];
  what: string;
  where: string;
  scope?: string;
}

export interface DiagnosticView {
  severity: string;
  code: string;
  at: string;
  message: string;
}

export function buildReportModel(input: ReportInput): ReportModel {
  const { plan, diagnostics, artifacts } = input;
  // Naming a file resolves paths; a report names the same few files thousands of times.
  const label = cached(input.sourceLabel ?? ((f: string) => f));
  const at = (p: SourcePosition) => `${label(p.file)}:${p.line}:${p.col}`;
  // Fleets under the same rules share their plan objects (one resolution, many fleets), so each
  // view below is built once per plan object, not once per fleet: the same object, which the
  // renderer then also lays out once.
  const referenceViews = cached(referenceView);
  const refs = (list: readonly Reference[]): ReferenceView[] => list.map(referenceViews);
  // Other names an admin may type into the filter box (Douyin for TikTok).
  const aliases = (appId: string) => plan.catalog.apps.get(appId)?.aliases ?? [];
  const reasonViews = new Map<readonly Provenance[], Map<string | undefined, ReasonView[]>>();
  const reasons = (appId: string | undefined, because: readonly Provenance[]): ReasonView[] => {
    let byApp = reasonViews.get(because);
    if (!byApp) reasonViews.set(because, (byApp = new Map()));
    let views = byApp.get(appId);
    if (!views) {
      views = because.map((p) => {
        const chain = reasonChain(plan.catalog, p, appId);
        return { text: chainText(chain), ...(chain.reason !== undefined && { reason: chain.reason }), at: at(p.at), references: refs(chain.references) };
      });
      byApp.set(appId, views);
    }
    return views;
  };
  const blockedViews = cached((b: BlockedApp) => blockedView(b, reasons(b.app.id, b.because), aliases(b.app.id)));
  const teamViews = cached((t: BlockedTeam) => teamView(t, reasons(undefined, t.because)));
  const notEnforcedViews = Object.fromEntries(
    PLATFORMS.map((platform) => [platform, cached((n: NotEnforced) => notEnforcedView(n, IDENTIFIER_LABELS[platform], aliases(n.app.id)))]),
  ) as Record<Platform, (n: NotEnforced) => NotEnforcedView>;
  const exceptionView = (e: ExceptionInForce, expired: boolean, fleets?: string[]): ExceptionView => ({
    label: `${e.kind} ${e.id}`,
    ...(e.until !== undefined && { until: e.until }),
    ...(e.reason !== undefined && { reason: e.reason }),
    lets: expired ? 'nothing: expired, not applied' : e.lets.length ? e.lets.join(', ') : 'nothing this fleet blocks',
    ...(fleets && { fleets: fleets.join(', ') }),
    at: at(e.at),
    references: refs(e.references),
  });
  // Platform last: it never contains the separator, so fleet and platform cannot run together.
  const artifactsOf = groupBy(artifacts.filter((a) => a.fleet !== undefined), (a) => `${a.fleet}|${a.platform}`);
  const artifactsHere = (fleet: FleetPlan, platform: Platform) => artifactsOf.get(`${fleet.id}|${platform}`) ?? [];

  const fleets: FleetView[] = plan.fleets.map((fleet) => ({
    id: fleet.id,
    anchor: `fleet-${fleet.id}`,
    ...(fleet.description !== undefined && { description: fleet.description }),
    exceptions: fleet.exceptions.map((e) => exceptionView(e, false)),
    expired: fleet.expiredExceptions.map((e) => exceptionView(e, true)),
    platforms: platformsOf(fleet).map(({ platform, plan: p }) => ({
      label: PLATFORM_LABELS[platform],
      anchor: `fleet-${fleet.id}-${platform}`,
      identifierLabel: IDENTIFIER_LABELS[platform],
      needs: requirements(platform, p, label),
      files: fileViews(artifactsHere(fleet, platform), false),
      blocked: p.blocked.map(blockedViews),
      teams: (p.teams ?? []).map(teamViews),
      notEnforced: p.notEnforced.map(notEnforcedViews[platform]),
    })),
  }));

  const summary: SummaryRow[] = plan.fleets.flatMap((fleet) =>
    platformsOf(fleet).map(({ platform, plan: p }) => ({
      fleet: fleet.id,
      platform: PLATFORM_LABELS[platform],
      anchor: `fleet-${fleet.id}-${platform}`,
      blocked: p.blocked.length,
      teams: p.teams?.length ?? 0,
      notEnforced: p.notEnforced.length,
      artifacts: artifactsHere(fleet, platform).length,
    })),
  );

  const count = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).length;
  return {
    policy: {
      id: plan.policy.id,
      name: plan.policy.name,
      ...(plan.policy.organization !== undefined && { organization: plan.policy.organization }),
      ...(plan.policy.description !== undefined && { description: plan.policy.description }),
      file: label(plan.policy.file),
    },
    includeLowConfidence: plan.options.includeLowConfidence,
    counts: { fleets: plan.fleets.length, errors: count('error'), warnings: count('warning'), infos: count('info') },
    summary,
    fleets,
    notEnforceable: notEnforceable(plan),
    lowConfidence: lowConfidence(plan),
    expired: expiredExceptions(plan).map(({ exception, fleets: where }) => exceptionView(exception, true, where)),
    deprecated: findDeprecatedKeys(artifacts).map((d) => ({
      key: d.value !== undefined ? `${d.key}: ${d.value}` : d.key,
      file: d.artifact.path,
      where: d.path,
      since: d.since,
      instead: d.instead,
      source: d.source,
    })),
    files: fileViews(artifacts, true),
    diagnostics: diagnostics
      .filter((d) => d.severity !== 'info')
      .map((d) => ({
        severity: d.severity,
        code: d.code,
        at: d.file !== undefined ? `${label(d.file)}${d.line !== undefined ? `:${d.line}:${d.col ?? 1}` : ''}` : '',
        message: d.message,
      })),
  };
}

type AnyPlatformPlan = NeedsInput & {
  blocked: BlockedApp[];
  teams?: BlockedTeam[];
  notEnforced: NotEnforced[];
};

/** The platforms a fleet has, in PLATFORMS order, read alike whatever else a platform plan carries. */
function platformsOf(fleet: FleetPlan): { platform: Platform; plan: AnyPlatformPlan }[] {
  return PLATFORMS.flatMap((platform) => {
    const p = fleet[platform] as AnyPlatformPlan | undefined;
    return p ? [{ platform, plan: p }] : [];
  });
}

function referenceView(r: Reference): ReferenceView {
  const href = safeHref(r.url);
  return {
    title: r.title,
    ...(href !== undefined && { href }),
    url: r.url,
    ...(r.issuer !== undefined && { issuer: r.issuer }),
    ...(r.date !== undefined && { date: r.date }),
  };
}

function confidenceNote(c: Confidence): string | undefined {
  return c === 'high' ? undefined : `${c} confidence`;
}

function blockedView(b: BlockedApp, reasons: ReasonView[], aliases: readonly string[]): BlockedView {
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
    reasons,
  };
}

function teamView(t: BlockedTeam, reasons: ReasonView[]): TeamView {
  const confidence = confidenceNote(t.confidence);
  return {
    teamId: t.teamId,
    publisher: t.publisher.name,
    ...(confidence && { confidence }),
    search: searchText(t.teamId, t.publisher.name, t.publisher.id),
    reasons,
  };
}

function notEnforcedView(n: NotEnforced, identifierLabel: string, aliases: readonly string[]): NotEnforcedView {
  const why =
    n.why === 'no-identifier'
      ? `no ${identifierLabel} in the catalog`
      : n.why === 'low-confidence'
        ? `${identifierLabel} ${n.identifier ?? ''} has low-confidence evidence`
        : `allowed by the exception for ${n.exception ? `${n.exception.kind} ${n.exception.id}${n.exception.until !== undefined ? ` until ${n.exception.until}` : ''}` : 'it'}`;
  return {
    name: n.app.name,
    app: n.app.id,
    ...(n.app.publisher && { publisher: n.app.publisher.name }),
    why,
    search: searchText(n.app.name, n.app.id, ...aliases, n.app.publisher?.name, n.identifier),
  };
}

function searchText(...parts: (string | undefined)[]): string {
  return parts
    .filter((p): p is string => p !== undefined)
    .join(' ')
    .toLowerCase();
}

/** Blocked apps no artifact can carry on a platform, with the fleets where that happens. */
function notEnforceable(plan: Plan): NotEnforceableView[] {
  const rows = new Map<string, NotEnforceableView & { fleetList: string[] }>();
  for (const fleet of plan.fleets) {
    for (const { platform, plan: p } of platformsOf(fleet)) {
      for (const n of p.notEnforced.filter((x) => x.why === 'no-identifier')) {
        const key = `${n.app.id}|${platform}`;
        const row = rows.get(key) ?? { name: n.app.name, app: n.app.id, platform: PLATFORM_LABELS[platform], fleets: '', search: searchText(n.app.name, n.app.id), fleetList: [] };
        row.fleetList.push(fleet.id);
        rows.set(key, row);
      }
    }
  }
  return [...rows.values()].sort((a, b) => cmp(a.app, b.app) || cmp(a.platform, b.platform)).map(({ fleetList, ...row }) => ({ ...row, fleets: fleetList.join(', ') }));
}

/**
 * Every low-confidence identifier the policy reaches, blocked or not: excluded ones unless
 * options.includeLowConfidence, blocked ones when it is set. Team IDs left out are found from the
 * publishers the fleet's publisher rules reach, since the plan lists only Team IDs it blocks.
 */
function lowConfidence(plan: Plan): LowConfidenceView[] {
  const rows = new Map<string, { identifier: string; what: string; owner: string; status: string; fleets: string[] }>();
  const note = (identifier: string, what: string, owner: string, status: string, fleet: string) => {
    const key = `${what}|${identifier}|${status}`;
    const row = rows.get(key) ?? { identifier, what, owner, status, fleets: [] };
    if (!row.fleets.includes(fleet)) row.fleets.push(fleet);
    rows.set(key, row);
  };
  for (const fleet of plan.fleets) {
    for (const { platform, plan: p } of platformsOf(fleet)) {
      const what = `${PLATFORM_LABELS[platform]} ${IDENTIFIER_LABELS[platform]}`;
      for (const n of p.notEnforced) if (n.why === 'low-confidence' && n.identifier !== undefined) note(n.identifier, what, n.app.name, 'not blocked', fleet.id);
      for (const b of p.blocked) if (b.confidence === 'low') note(b.identifier, what, b.app.name, 'blocked (includeLowConfidence)', fleet.id);
      if (!p.teams) continue;
      for (const t of p.teams) if (t.confidence === 'low') note(t.teamId, 'Apple Team ID', t.publisher.name, 'blocked (includeLowConfidence)', fleet.id);
      const reached = new Set<string>();
      for (const list of [p.blocked, p.notEnforced, p.teams]) {
        for (const { because } of list) for (const b of because) if (b.rule === 'publisher') for (const id of b.via) reached.add(id);
      }
      const blockedTeams = new Set(p.teams.map((t) => t.teamId));
      for (const id of reached) {
        const publisher = plan.catalog.publishers.get(id);
        for (const team of publisher?.teamIds ?? []) {
          if (team.confidence === 'low' && !blockedTeams.has(team.value)) note(team.value, 'Apple Team ID', publisher!.name, 'not blocked', fleet.id);
        }
      }
    }
  }
  return [...rows.values()]
    .sort((a, b) => cmp(a.identifier, b.identifier) || cmp(a.what, b.what))
    .map((r) => ({ ...r, fleets: r.fleets.join(', '), search: searchText(r.identifier, r.owner) }));
}

/** Each expired exception once, with the fleets it named. */
function expiredExceptions(plan: Plan): { exception: ExceptionInForce; fleets: string[] }[] {
  const byPosition = new Map<string, { exception: ExceptionInForce; fleets: string[] }>();
  for (const fleet of plan.fleets) {
    for (const e of fleet.expiredExceptions) {
      const key = `${e.at.file}:${e.at.line}:${e.at.col}`;
      const entry = byPosition.get(key) ?? { exception: e, fleets: [] };
      entry.fleets.push(fleet.id);
      byPosition.set(key, entry);
    }
  }
  return [...byPosition.values()];
}

/**
 * One row per kind, fleet and platform, sorted by path (which is also the order AMAPI's request
 * bodies are sent in: modify, patch, remove).
 * `withScope`: name the fleet and platform, where the list is not already under them.
 */
function fileViews(artifacts: readonly Artifact[], withScope: boolean): FileView[] {
  const rows = new Map<string, FileView>();
  for (const a of artifacts) {
    const key = `${a.fleet ?? ''}|${a.platform ?? ''}|${a.kind}`;
    const row = rows.get(key);
    if (row) {
      row.paths.push(a.path);
      continue;
    }
    const guide = importGuide(a.kind);
    const scope = withScope && a.fleet !== undefined ? `fleet ${a.fleet}${a.platform !== undefined ? `, ${PLATFORM_LABELS[a.platform]}` : ''}` : undefined;
    rows.set(key, { paths: [a.path], what: guide.what, where: guide.where, ...(scope !== undefined && { scope }) });
  }
  return [...rows.values()].map((r) => ({ ...r, paths: r.paths.sort(cmp) })).sort((a, b) => cmp(a.paths[0]!, b.paths[0]!));
}

/** `build` memoised by its argument (a file name, an object of the plan or one of its lists). */
function cached<K, V>(build: (key: K) => V): (key: K) => V {
  const built = new Map<K, V>();
  return (key) => {
    let value = built.get(key);
    if (value === undefined) built.set(key, (value = build(key)));
    return value;
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
