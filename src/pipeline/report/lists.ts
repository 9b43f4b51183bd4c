import { IDENTIFIER_LABELS, PLATFORM_LABELS } from '../../plan/labels.js';
import { PLATFORMS, type BlockedApp, type BlockedTeam, type ExceptionInForce, type FleetPlan, type NotEnforced, type Plan, type Platform } from '../../plan/types.js';
import { byName, searchText } from './app-views.js';
import type { NeedsInput } from './requirements.js';

/*
 * The report's lists across fleets: apps no artifact can carry (the gaps), low-confidence
 * identifiers, expired exceptions. Each row once, with the fleets it concerns.
 */

export interface GapView {
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

export type AnyPlatformPlan = NeedsInput & {
  blocked: BlockedApp[];
  teams?: BlockedTeam[];
  notEnforced: NotEnforced[];
};

/** The platforms a fleet has, in PLATFORMS order, read alike whatever else a platform plan carries. */
export function platformsOf(fleet: FleetPlan): { platform: Platform; plan: AnyPlatformPlan }[] {
  return PLATFORMS.flatMap((platform) => {
    const p = fleet[platform] as AnyPlatformPlan | undefined;
    return p ? [{ platform, plan: p }] : [];
  });
}

/** Blocked apps no artifact can carry on a platform, with the fleets where that happens. */
export function gaps(plan: Plan): GapView[] {
  const rows = new Map<string, GapView & { fleetList: string[] }>();
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
  return [...rows.values()].sort((a, b) => byName(a, b) || cmp(a.platform, b.platform)).map(({ fleetList, ...row }) => ({ ...row, fleets: fleetList.join(', ') }));
}

/** "28 on iOS / iPadOS, 7 on Android": the gaps by platform. */
export function gapCounts(list: readonly GapView[]): string {
  const byPlatform = new Map<string, number>();
  for (const g of list) byPlatform.set(g.platform, (byPlatform.get(g.platform) ?? 0) + 1);
  const order = PLATFORMS.map((p) => PLATFORM_LABELS[p]);
  return [...byPlatform.entries()]
    .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
    .map(([platform, n]) => `${n} on ${platform}`)
    .join(', ');
}

/**
 * Every low-confidence identifier the policy reaches, blocked or not: excluded ones unless
 * options.includeLowConfidence, blocked ones when it is set. Team IDs left out are found from the
 * publishers the fleet's publisher rules reach, since the plan lists only Team IDs it blocks.
 */
export function lowConfidence(plan: Plan): LowConfidenceView[] {
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
export function expiredExceptions(plan: Plan): { exception: ExceptionInForce; fleets: string[] }[] {
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

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
