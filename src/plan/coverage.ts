import { byCodeUnit } from '../common/compare.js';
import { PLATFORMS, type AppSummary, type Confidence, type Plan, type Platform } from './types.js';

/**
 * How well the catalog covers what a policy blocks, per platform: which apps it can identify
 * there, which have no build there (documented absence, not a gap), and which ship there but
 * whose identifier is not known yet (a real gap, warned about when compiling).
 */
export interface PlatformCoverage {
  platform: Platform;
  identified: IdentifiedApp[];
  absent: AbsentCoverage[];
  unknown: AppSummary[];
}

export interface IdentifiedApp {
  app: AppSummary;
  identifier: string;
  confidence: Confidence;
  /** False when the identifier is low-confidence and the policy does not opt in to block it. */
  enforced: boolean;
}

export interface AbsentCoverage {
  app: AppSummary;
  confidence: Confidence;
}

/**
 * The coverage of every platform some fleet of the plan has, over all its fleets: an app counts
 * once per platform. Apps an exception lets through in every fleet are left out; they are not
 * blocked, so their coverage is not the policy's concern.
 */
export function planCoverage(plan: Plan): PlatformCoverage[] {
  const out: PlatformCoverage[] = [];
  for (const platform of PLATFORMS) {
    const fleets = plan.fleets.flatMap((f) => (f[platform] ? [f[platform]!] : []));
    if (fleets.length === 0) continue;
    const identified = new Map<string, IdentifiedApp>();
    const absent = new Map<string, AbsentCoverage>();
    const unknown = new Map<string, AppSummary>();
    for (const p of fleets) {
      for (const b of p.blocked) identified.set(b.app.id, { app: b.app, identifier: b.identifier, confidence: b.confidence, enforced: true });
      for (const n of p.notEnforced) {
        if (n.why === 'low-confidence' && n.identifier !== undefined && !identified.has(n.app.id)) {
          identified.set(n.app.id, { app: n.app, identifier: n.identifier, confidence: 'low', enforced: false });
        } else if (n.why === 'no-identifier') {
          unknown.set(n.app.id, n.app);
        }
      }
      for (const a of p.absent) absent.set(a.app.id, { app: a.app, confidence: a.confidence });
    }
    const byApp = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => byCodeUnit(a, b)).map(([, v]) => v);
    out.push({ platform, identified: byApp(identified), absent: byApp(absent), unknown: byApp(unknown) });
  }
  return out;
}
