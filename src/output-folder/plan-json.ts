import { PLATFORMS, type BlockedApp, type BlockedTeam, type Confidence, type FleetPlan, type NotEnforced, type Plan } from '../plan/types.js';

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
}

export interface FleetSummary {
  id: string;
  platforms: Partial<Record<string, PlatformSummary>>;
  exceptions: { kind: 'app' | 'publisher'; id: string; until?: string; lets: string[] }[];
}

export interface PlatformSummary {
  blocked: { identifier: string; app: string; name: string; publisher?: string }[];
  /** macOS: publishers blocked whole by Team ID. */
  teams?: { teamId: string; publisher: string; name: string }[];
  notEnforced: { app: string; name: string; why: NotEnforced['why']; identifier?: string }[];
  /** Blocked apps with no build for the platform (not gaps); present only when there are some. */
  absent?: { app: string; name: string; confidence: Confidence }[];
}

export function summarize(plan: Plan): PlanSummary {
  return {
    format: 1,
    generator: 'mdm-blocklist',
    policy: { id: plan.policy.id, name: plan.policy.name },
    fleets: plan.fleets.map(fleetSummary),
  };
}

function fleetSummary(fleet: FleetPlan): FleetSummary {
  const platforms: FleetSummary['platforms'] = {};
  for (const platform of PLATFORMS) {
    const p = fleet[platform];
    if (!p) continue;
    platforms[platform] = {
      blocked: p.blocked.map(blockedEntry),
      ...('teams' in p && { teams: p.teams.map(teamEntry) }),
      notEnforced: p.notEnforced.map((n) => ({ app: n.app.id, name: n.app.name, why: n.why, ...(n.identifier !== undefined && { identifier: n.identifier }) })),
      ...(p.absent.length > 0 && { absent: p.absent.map((a) => ({ app: a.app.id, name: a.app.name, confidence: a.confidence })) }),
    };
  }
  return {
    id: fleet.id,
    platforms,
    exceptions: fleet.exceptions.map((e) => ({ kind: e.kind, id: e.id, ...(e.until !== undefined && { until: e.until }), lets: e.lets })),
  };
}

function blockedEntry(b: BlockedApp): PlatformSummary['blocked'][number] {
  return { identifier: b.identifier, app: b.app.id, name: b.app.name, ...(b.app.publisher && { publisher: b.app.publisher.id }) };
}

function teamEntry(t: BlockedTeam): NonNullable<PlatformSummary['teams']>[number] {
  return { teamId: t.teamId, publisher: t.publisher.id, name: t.publisher.name };
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
