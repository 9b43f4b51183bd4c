import { CODES } from '../../common/diagnostics/codes.js';
import type { Diagnostic, SourcePosition } from '../../common/diagnostics/diagnostic.js';
import { IDENTIFIER_LABELS, PLATFORM_LABELS } from '../../plan/labels.js';
import type { BlockedApp, BlockedTeam, ExceptionInForce, FleetPlan, NotEnforced, Plan, Platform } from '../../plan/types.js';
import type { Artifact } from '../targets/artifact.js';
import type { FleetEffect } from '../verify/effect/types.js';
import { blockedView, byName, notEnforcedGroups, teamView, whyBuilder, type BlockedView, type NotEnforcedGroup, type TeamView } from './app-views.js';
import { collectCitations, type Cite, type ReferenceView, type RuleView } from './citations.js';
import { findDeprecatedKeys } from './deprecated-keys.js';
import { fileGroups, importGuides, type FileGroupView, type ImportGuideView } from './files.js';
import { coverageViews, type CoverageView } from './coverage-view.js';
import { effectViews, type EffectView } from './effect-view.js';
import { manufacturerViews, preinstalledViews, type ManufacturerView, type PreinstalledView } from './preinstalled-view.js';
import { expiredExceptions, gapCounts, gaps, lowConfidence, platformsOf, type AnyPlatformPlan, type GapView, type LowConfidenceView } from './lists.js';
import { requirements } from './requirements.js';
import { webView, type WebView } from './web-view.js';
import { summaryRows, type SummaryRow } from './summary.js';

export type { BlockedView, Cite, FileGroupView, GapView, ImportGuideView, LowConfidenceView, NotEnforcedGroup, ReferenceView, RuleView, SummaryRow, TeamView };

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
 * per format (Handlebars for HTML, escapeModel for Markdown). Each part of the page has its
 * partial (templates/report/partials/html-*.hbs and md-*.hbs) and its field here, so a new
 * section is a field and a partial.
 */

export interface ReportModel {
  policy: { id: string; name: string; organization?: string; description?: string; file: string };
  includeLowConfidence: boolean;
  counts: { fleets: number; errors: number; warnings: number; infos: number };
  summary: SummaryRow[];
  /** Whether any platform can block a publisher by Team ID (macOS): the summary's column is shown only then. */
  anyTeams: boolean;
  fleets: FleetView[];
  rules: RuleView[];
  references: ReferenceView[];
  gaps: GapView[];
  coverage: CoverageView[];
  /** What each fleet's devices do with its files, per device class (the effect check). */
  effect: EffectView[];
  /** What BLOCKED does to the manufacturer's pre-installed (system) apps, per Android fleet. */
  preinstalled: PreinstalledView[];
  /** Device makers the policy names (no artifact blocks them). */
  manufacturers: ManufacturerView[];
  /** Whether "What devices do" has anything to say (the effect check ran, or pre-installed apps are blocked). */
  showEffect: boolean;
  /** Blocked web domains per fleet (docs/web.md); absent when no rule blocks web domains. */
  web?: WebView;
  /** "28 on iOS / iPadOS, 7 on Android" */
  gapCounts: string;
  lowConfidence: LowConfidenceView[];
  expired: ExceptionView[];
  deprecated: DeprecatedView[];
  importGuide: ImportGuideView[];
  diagnostics: DiagnosticGroup[];
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
  platform: Platform;
  label: string;
  anchor: string;
  fleet: string;
  identifierLabel: string;
  needs: string[];
  files: FileGroupView[];
  blocked: BlockedView[];
  /** Whether the blocked-apps list is open as the report opens: only when it fits a screen. */
  blockedOpen: boolean;
  teams: TeamView[];
  notEnforced: NotEnforcedGroup[];
  notEnforcedCount: number;
}

export interface ExceptionView {
  label: string;
  until?: string;
  reason?: string;
  lets: string;
  fleets?: string;
  at: string;
  cites: Cite[];
}

export interface DeprecatedView {
  key: string;
  file: string;
  where: string;
  since: string;
  instead: string;
  source: string;
}

/** The diagnostics of one code, so 35 warnings of one kind are one line until opened. */
export interface DiagnosticGroup {
  code: string;
  severity: string;
  count: number;
  /** Errors show their messages; other codes open on demand. */
  open: boolean;
  /** What the code means (CODES), the same for every diagnostic of it. */
  about: string;
  items: { at: string; message: string }[];
}

export function buildReportModel(input: ReportInput): ReportModel {
  const { plan, diagnostics, artifacts } = input;
  // Naming a file resolves paths; a report names the same few files thousands of times.
  const label = cached(input.sourceLabel ?? ((f: string) => f));
  const at = (p: SourcePosition) => `${label(p.file)}:${p.line}:${p.col}`;
  const citations = collectCitations(plan, at);
  const exceptionView = (e: ExceptionInForce, expired: boolean, fleets?: string[]): ExceptionView => ({
    label: `${e.kind} ${e.id}`,
    ...(e.until !== undefined && { until: e.until }),
    ...(e.reason !== undefined && { reason: e.reason }),
    lets: expired ? 'nothing: expired, not applied' : e.lets.length ? e.lets.join(', ') : 'nothing this fleet blocks',
    ...(fleets && { fleets: fleets.join(', ') }),
    at: at(e.at),
    cites: citations.cite(e.references),
  });
  const fleets = fleetViews(plan, artifacts, citations, label, exceptionView);
  const gapList = gaps(plan);
  const preinstalled = preinstalledViews(plan);
  const web = webView(plan);
  const manufacturers = manufacturerViews(plan, citations.cite);
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
    summary: summaryRows(fleets),
    anyTeams: plan.fleets.some((f) => f.macos !== undefined),
    fleets,
    rules: citations.rules,
    references: citations.references,
    gaps: gapList,
    gapCounts: gapCounts(gapList),
    coverage: coverageViews(plan),
    effect: effectViews(plan, input.effects),
    preinstalled,
    manufacturers,
    showEffect: (input.effects?.length ?? 0) > 0 || preinstalled.length > 0 || manufacturers.length > 0,
    ...(web && { web }),
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
    importGuide: importGuides(artifacts),
    diagnostics: diagnosticGroups(diagnostics, label),
  };
}

type ExceptionViewOf = (e: ExceptionInForce, expired: boolean) => ExceptionView;

/**
 * Fleets under the same rules share their plan objects (one resolution, many fleets), so each
 * view is built once per plan object, not once per fleet: the same object, which the renderer
 * then also lays out once.
 */
/**
 * The longest blocked-apps list shown open: about one screen of rows (29 px each at 1,400 x 900).
 * A longer one is folded under its count, as the other long lists are, and the filter box opens it
 * on a match: otherwise every app the catalog learns to identify would lengthen the report.
 */
const OPEN_LIST_ROWS = 25;

function fleetViews(plan: Plan, artifacts: readonly Artifact[], citations: ReturnType<typeof collectCitations>, label: (f: string) => string, exceptionView: ExceptionViewOf): FleetView[] {
  // Other names an admin may type into the filter box (Douyin for TikTok).
  const aliases = (appId: string) => plan.catalog.apps.get(appId)?.aliases ?? [];
  const why = whyBuilder(plan.catalog, citations);
  const blockedViews = cached((b: BlockedApp) => blockedView(b, why(b.app.id, b.because), aliases(b.app.id)));
  const teamViews = cached((t: BlockedTeam) => teamView(t, why(undefined, t.because)));
  const blockedLists = cached((list: readonly BlockedApp[]) => list.map(blockedViews).sort(byName));
  const notEnforcedLists = new Map<Platform, (list: readonly NotEnforced[]) => NotEnforcedGroup[]>();
  const notEnforcedOf = (platform: Platform) => {
    let build = notEnforcedLists.get(platform);
    if (!build) notEnforcedLists.set(platform, (build = cached((list: readonly NotEnforced[]) => notEnforcedGroups(list, IDENTIFIER_LABELS[platform], aliases))));
    return build;
  };
  // Platform last: it never contains the separator, so fleet and platform cannot run together.
  const artifactsOf = groupBy(artifacts.filter((a) => a.fleet !== undefined), (a) => `${a.fleet}|${a.platform}`);
  const platformView = (fleet: FleetPlan, platform: Platform, p: AnyPlatformPlan): PlatformView => {
    return {
      platform,
      label: PLATFORM_LABELS[platform],
      anchor: `fleet-${fleet.id}-${platform}`,
      fleet: fleet.id,
      identifierLabel: IDENTIFIER_LABELS[platform],
      needs: requirements(platform, p, label),
      files: fileGroups(artifactsOf.get(`${fleet.id}|${platform}`) ?? [], false),
      blocked: blockedLists(p.blocked),
      blockedOpen: p.blocked.length <= OPEN_LIST_ROWS,
      teams: (p.teams ?? []).map(teamViews),
      notEnforced: notEnforcedOf(platform)(p.notEnforced),
      notEnforcedCount: p.notEnforced.length,
    };
  };
  return plan.fleets.map((fleet) => ({
    id: fleet.id,
    anchor: `fleet-${fleet.id}`,
    ...(fleet.description !== undefined && { description: fleet.description }),
    exceptions: fleet.exceptions.map((e) => exceptionView(e, false)),
    expired: fleet.expiredExceptions.map((e) => exceptionView(e, true)),
    platforms: platformsOf(fleet).map(({ platform, plan: p }) => platformView(fleet, platform, p)),
  }));
}

const SEVERITY_ORDER = ['error', 'warning'];

/** Errors first, then warnings; informational notes are counted only. */
function diagnosticGroups(diagnostics: readonly Diagnostic[], label: (f: string) => string): DiagnosticGroup[] {
  const groups = new Map<string, DiagnosticGroup>();
  for (const d of diagnostics) {
    if (d.severity === 'info') continue;
    const key = `${d.severity}|${d.code}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { code: d.code, severity: d.severity, open: d.severity === 'error', count: 0, about: aboutCode(d.code), items: [] }));
    group.count += 1;
    group.items.push({ at: d.file !== undefined ? `${label(d.file)}${d.line !== undefined ? `:${d.line}:${d.col ?? 1}` : ''}` : '', message: d.message });
  }
  return [...groups.values()].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

function aboutCode(code: string): string {
  return (CODES as Record<string, { about: string } | undefined>)[code]?.about ?? '';
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
