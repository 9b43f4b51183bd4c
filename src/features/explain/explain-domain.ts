import type { SourcePosition } from '../../common/diagnostics/diagnostic.js';
import { reasonChain, type Named, type ReasonChain } from '../../plan/chain.js';
import { classesLabel, deviceClasses, uncoveredClasses } from '../../plan/device-classes.js';
import { PLATFORM_LABELS } from '../../plan/labels.js';
import { PLATFORMS, type Domain, type EnforcementGap, type FleetPlan, type GapReason, type Plan, type Platform, type Source } from '../../plan/types.js';

/** What `explain <domain>` says about a catalogued web domain (docs/web.md). */
export interface DomainAnswer {
  kind: 'domain';
  matchedBy: 'web domain';
  domain: { value: string; owner: Named & { kind: 'app' | 'publisher' }; shared: boolean; confidence: string; sources: Source[]; note?: string; at: SourcePosition };
  fleets: DomainFleetAnswer[];
}

export interface DomainFleetAnswer {
  fleet: string;
  /** blocked: a rule with web domains on reaches its owner; otherwise why not. */
  status: 'blocked' | 'allowed' | 'shared' | 'low-confidence' | 'not-blocked';
  /** Where blocked (or would be): per platform of the fleet, blocked or the gap and the devices. */
  platforms: { platform: Platform; blocked: boolean; gap?: { why: GapReason; devices: string } }[];
  reasons: ReasonChain[];
  exception?: { kind: 'app' | 'publisher'; id: string };
}

/** The catalogued domains equal to the query (case-insensitive), with their owners. */
export function matchDomains(plan: Plan, q: string): { domain: Domain; owner: Named & { kind: 'app' | 'publisher' } }[] {
  const lower = q.toLowerCase();
  const out: { domain: Domain; owner: Named & { kind: 'app' | 'publisher' } }[] = [];
  for (const p of plan.catalog.publishers.values()) for (const d of p.domains) if (d.value === lower) out.push({ domain: d, owner: { kind: 'publisher', id: p.id, name: p.name } });
  for (const a of plan.catalog.apps.values()) for (const d of a.domains) if (d.value === lower) out.push({ domain: d, owner: { kind: 'app', id: a.id, name: a.name } });
  return out;
}

export function domainAnswer(plan: Plan, fleets: readonly FleetPlan[], domain: Domain, owner: Named & { kind: 'app' | 'publisher' }): DomainAnswer {
  return {
    kind: 'domain',
    matchedBy: 'web domain',
    domain: { value: domain.value, owner, shared: domain.shared, confidence: domain.confidence, sources: domain.sources, ...(domain.note !== undefined && { note: domain.note }), at: domain.at },
    fleets: fleets.map((fleet) => fleetAnswer(plan, fleet, domain.value, owner)),
  };
}

function fleetAnswer(plan: Plan, fleet: FleetPlan, value: string, owner: Named & { kind: 'app' | 'publisher' }): DomainFleetAnswer {
  const web = fleet.web;
  const blocked = web?.blocked.find((d) => d.domain === value);
  const skipped = web?.notEnforced.find((d) => d.domain === value);
  const entry = blocked ?? skipped;
  const appId = owner.kind === 'app' ? owner.id : undefined;
  const answer: DomainFleetAnswer = {
    fleet: fleet.id,
    status: blocked ? 'blocked' : skipped ? skipped.why : 'not-blocked',
    platforms: [],
    reasons: (entry?.because ?? []).map((b) => reasonChain(plan.catalog, b, appId)),
  };
  if (skipped?.exception) answer.exception = skipped.exception;
  if (!blocked || !web) return answer;
  for (const platform of PLATFORMS) {
    const p = web[platform];
    if (!p) continue;
    const gaps = p.gaps.filter((g) => g.domains?.includes(value));
    answer.platforms.push({ platform, blocked: gaps.length === 0, ...(gaps.length > 0 && { gap: { why: gaps[0]!.why, devices: gapDevices(fleet, platform, gaps) } }) });
  }
  return answer;
}

/**
 * The devices a domain's gaps leave unblocked: their classes, or the whole platform when it has no
 * device classes to name (uncoveredClasses: the gaps then cover every device of the fleet).
 */
function gapDevices(fleet: FleetPlan, platform: Platform, gaps: readonly EnforcementGap[]): string {
  const classes = deviceClasses(fleet, platform);
  if (classes.length === 0) return PLATFORM_LABELS[platform];
  const uncovered = uncoveredClasses(gaps, classes);
  return classesLabel(classes.filter((c) => !uncovered.includes(c)));
}
