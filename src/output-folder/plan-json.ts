import { classesLabel, deviceClasses, gapCovers, uncoveredClasses } from '../plan/device-classes.js';
import { PLATFORMS, type BlockedApp, type BlockedTeam, type Confidence, type EnforcementGap, type FleetPlan, type GapReason, type NotEnforced, type Plan, type Platform } from '../plan/types.js';
import { byCodeUnit } from '../common/compare.js';

export const PLAN_SUMMARY_PATH = 'plan.json';

/**
 * plan.json: per fleet and platform, what is blocked, by identifier and app. It is the record
 * `mdm-blocklist plan` compares the next compile with (apps newly blocked, no longer blocked),
 * and a pipeline can read it without parsing every artifact format.
 */
export interface PlanSummary {
  format: 1;
  generator: 'mdm-blocklist';
  policy: { id: string; name: string };
  fleets: FleetSummary[];
  /** Device makers the policy names: no artifact blocks them; audit flags their devices. */
  manufacturers?: { id: string; name: string; manufacturer: string[]; brand: string[] }[];
}

export interface FleetSummary {
  id: string;
  platforms: Partial<Record<string, PlatformSummary>>;
  exceptions: { kind: 'app' | 'publisher'; id: string; until?: string; lets: string[] }[];
  /** Web domains the fleet blocks in managed browsers (docs/web.md); present only when a rule blocks web domains. */
  web?: WebSummary;
}

export interface WebSummary {
  /** `notOn`: per platform, the device classes where the domain is not blocked and why. */
  blocked: { domain: string; owner: string; ownerKind: 'app' | 'publisher'; notOn?: { platform: Platform; devices: string; why: GapReason }[] }[];
  notEnforced: { domain: string; owner: string; ownerKind: 'app' | 'publisher'; why: 'shared' | 'low-confidence' | 'allowed' }[];
}

export interface PlatformSummary {
  /** Apps blocked on at least one device class the fleet declares; `notOn` names the classes where not (the platform cannot). */
  blocked: { identifier: string; app: string; name: string; publisher?: string; notOn?: { devices: string; why: GapReason }[] }[];
  /** macOS: publishers blocked whole by Team ID. */
  teams?: { teamId: string; publisher: string; name: string }[];
  /** macOS: Team IDs a blocked publisher has that nothing blocks whole (low confidence, or a team that signs an allowed app). */
  teamsNotEnforced?: { teamId: string; publisher: string; why: 'low-confidence' | 'allowed' }[];
  /** 'not-enforced': the artifacts name the app but no device class of the fleet can block it (`gap` says why). */
  notEnforced: { app: string; name: string; why: NotEnforced['why'] | 'not-enforced'; identifier?: string; gap?: GapReason }[];
  /** Blocked apps with no build for the platform (not gaps); present only when there are some. */
  absent?: { app: string; name: string; confidence: Confidence }[];
}

export function summarize(plan: Plan): PlanSummary {
  return {
    format: 1,
    generator: 'mdm-blocklist',
    policy: { id: plan.policy.id, name: plan.policy.name },
    fleets: plan.fleets.map(fleetSummary),
    ...(plan.rules.manufacturers && {
      manufacturers: plan.rules.manufacturers.map(({ manufacturer: m }) => ({ id: m.id, name: m.name, manufacturer: m.android.manufacturer, brand: m.android.brand })),
    }),
  };
}

function fleetSummary(fleet: FleetPlan): FleetSummary {
  const platforms: FleetSummary['platforms'] = {};
  for (const platform of PLATFORMS) {
    const p = fleet[platform];
    if (!p) continue;
    const gaps = gapsByApp('enforcement' in p ? p.enforcement.gaps : []);
    const blocked: PlatformSummary['blocked'] = [];
    const unenforced: PlatformSummary['notEnforced'] = [];
    for (const b of p.blocked) {
      const notOn = gapsOf(fleet, platform, gaps.get(b.app.id) ?? []);
      if (notOn === 'all') unenforced.push({ app: b.app.id, name: b.app.name, why: 'not-enforced', identifier: b.identifier, gap: gaps.get(b.app.id)![0]!.why });
      else blocked.push({ ...blockedEntry(b), ...(notOn.length && { notOn }) });
    }
    platforms[platform] = {
      blocked,
      ...('teams' in p && { teams: p.teams.map(teamEntry) }),
      ...('teamsNotEnforced' in p && p.teamsNotEnforced.length > 0 && { teamsNotEnforced: p.teamsNotEnforced.map((t) => ({ teamId: t.teamId, publisher: t.publisher.id, why: t.why })) }),
      notEnforced: [
        ...p.notEnforced.map((n) => ({ app: n.app.id, name: n.app.name, why: n.why, ...(n.identifier !== undefined && { identifier: n.identifier }) })),
        ...unenforced,
      ].sort((a, b) => byCodeUnit(a.app, b.app)),
      ...(p.absent.length > 0 && { absent: p.absent.map((a) => ({ app: a.app.id, name: a.app.name, confidence: a.confidence })) }),
    };
  }
  return {
    id: fleet.id,
    platforms,
    exceptions: fleet.exceptions.map((e) => ({ kind: e.kind, id: e.id, ...(e.until !== undefined && { until: e.until }), lets: e.lets })),
    ...(fleet.web && { web: webSummary(fleet) }),
  };
}

function webSummary(fleet: FleetPlan): WebSummary {
  const web = fleet.web!;
  const notOn = (domain: string) =>
    PLATFORMS.flatMap((platform) => {
      const gaps = (web[platform]?.gaps ?? []).filter((g) => g.domains?.includes(domain));
      const where = gapsOf(fleet, platform, gaps);
      return where === 'all' ? [{ platform, devices: 'all', why: gaps[0]!.why }] : where.map((w) => ({ platform, ...w }));
    });
  return {
    blocked: web.blocked.map((d) => {
      const gaps = notOn(d.domain);
      return { domain: d.domain, owner: d.owner.id, ownerKind: d.owner.kind, ...(gaps.length && { notOn: gaps }) };
    }),
    notEnforced: web.notEnforced.map((d) => ({ domain: d.domain, owner: d.owner.id, ownerKind: d.owner.kind, why: d.why })),
  };
}

function blockedEntry(b: BlockedApp): PlatformSummary['blocked'][number] {
  return { identifier: b.identifier, app: b.app.id, name: b.app.name, ...(b.app.publisher && { publisher: b.app.publisher.id }) };
}

function teamEntry(t: BlockedTeam): NonNullable<PlatformSummary['teams']>[number] {
  return { teamId: t.teamId, publisher: t.publisher.id, name: t.publisher.name };
}

function gapsByApp(gaps: readonly EnforcementGap[]): Map<string, EnforcementGap[]> {
  const out = new Map<string, EnforcementGap[]>();
  for (const g of gaps) for (const app of g.apps) out.set(app, [...(out.get(app) ?? []), g]);
  return out;
}

/**
 * The device classes where the plan says an app (or domain) is not blocked, or 'all' when no class
 * is left uncovered (also a platform with no device classes: uncoveredClasses says why).
 */
function gapsOf(fleet: FleetPlan, platform: Platform, mine: readonly EnforcementGap[]): { devices: string; why: GapReason }[] | 'all' {
  if (mine.length === 0) return [];
  const classes = deviceClasses(fleet, platform);
  if (uncoveredClasses(mine, classes).length === 0) return 'all';
  return mine.flatMap((g) => {
    const where = classes.filter((d) => gapCovers(g, d));
    return where.length ? [{ devices: classesLabel(where), why: g.why }] : [];
  });
}

/** A plan.json in the format this version writes (anything else counts as none). */
export function isPlanSummary(v: unknown): v is PlanSummary {
  const s = v as PlanSummary | undefined;
  return (
    s?.generator === 'mdm-blocklist' &&
    s.format === 1 &&
    Array.isArray(s.fleets) &&
    s.fleets.every((f) => typeof f?.id === 'string' && typeof f.platforms === 'object' && f.platforms !== null && Object.values(f.platforms).every((p) => Array.isArray(p?.blocked)))
  );
}
