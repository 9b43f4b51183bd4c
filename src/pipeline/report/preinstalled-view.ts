import type { AndroidMode, Plan, Reference } from '../../plan/types.js';
import { PREINSTALLED_FACTS, preinstalledRows } from '../verify/effect/android/preinstalled.js';
import type { Cite } from './citations.js';
import { reportedAs } from '../../plan/made-by.js';

/**
 * The report's answer to "what does BLOCKED do to an app the manufacturer pre-installs?": per
 * Android fleet that blocks such apps, one line per side of the device (the effect model's
 * preinstalled.ts), each with the sources that say so. Compact on purpose: the report has a
 * height budget.
 */
export interface PreinstalledView {
  fleet: string;
  mode: string;
  /** The blocked pre-installed apps, by name. */
  apps: string[];
  rows: { side: string; present: string; blocked: string; sources: { label: string; href: string }[] }[];
}

const MODES: Record<AndroidMode, string> = {
  'fully-managed': 'fully managed',
  'company-owned-work-profile': 'company-owned, work profile',
  'personally-owned-work-profile': 'personally owned, work profile',
};

export function preinstalledViews(plan: Plan): PreinstalledView[] {
  const out: PreinstalledView[] = [];
  for (const fleet of plan.fleets) {
    const android = fleet.android;
    if (!android) continue;
    const apps = android.blocked.filter((b) => plan.catalog.apps.get(b.app.id)?.android.preinstalled !== undefined).map((b) => b.app.name);
    if (apps.length === 0) continue;
    const rows = preinstalledRows(android.settings.mode).map((r) => ({
      side: r.side,
      present: r.present,
      blocked: r.blocked,
      sources: uniqueByUrl(r.facts.map((k) => ({ label: PREINSTALLED_FACTS[k].short, href: PREINSTALLED_FACTS[k].url }))),
    }));
    out.push({ fleet: fleet.id, mode: MODES[android.settings.mode], apps: [...new Set(apps)].sort(), rows });
  }
  return out;
}

/** Two facts from one page are one link. */
function uniqueByUrl(list: { label: string; href: string }[]): { label: string; href: string }[] {
  const seen = new Set<string>();
  return list.filter((s) => !seen.has(s.href) && seen.add(s.href));
}

/** A device maker the policy names: what the devices report, and why the policy names it. */
export interface ManufacturerView {
  id: string;
  name: string;
  /** `manufacturer "HUAWEI", brand "HUAWEI"` */
  reports: string;
  reason?: string;
  /** The rule's references, as markers into the report's list of sources (each source is shown once). */
  cites: Cite[];
}

export function manufacturerViews(plan: Plan, cite: (list: readonly Reference[]) => Cite[]): ManufacturerView[] {
  return (plan.rules.manufacturers ?? []).map((r) => {
    const m = r.manufacturer;
    return { id: m.id, name: m.name, reports: reportedAs(m.android), ...(r.reason !== undefined && { reason: r.reason }), cites: cite(r.references) };
  });
}
