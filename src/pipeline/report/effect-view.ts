import { classesLabel } from '../../plan/device-classes.js';
import { PLATFORM_LABELS } from '../../plan/labels.js';
import type { Plan } from '../../plan/types.js';
import type { ClassEffect, FleetEffect } from '../verify/effect/types.js';

/**
 * The report's "What devices do" section: per fleet and platform, what a device of each class the
 * fleet declares does with its artifacts, as the effect check modelled it from their bytes.
 * Consecutive classes that do the same are one row, so a fleet reads in a line or two.
 */
export interface EffectView {
  fleet: string;
  label: string;
  checked: boolean;
  rows: { devices: string; blocks: number; removes: number; notEnforced: string[] }[];
  /** macOS: Team IDs of blocked publishers nothing blocks whole in this fleet, and why. */
  teamsNotEnforced: string[];
}

export function effectViews(plan: Plan, effects: readonly FleetEffect[] | undefined): EffectView[] {
  return (effects ?? []).filter((e) => !e.web).map((e) => {
    const mac = e.platform === 'macos' ? plan.fleets.find((f) => f.id === e.fleet)?.macos : undefined;
    const why = { 'low-confidence': 'low-confidence evidence', allowed: 'it also signs an app an exception allows' };
    const teamsNotEnforced = (mac?.teamsNotEnforced ?? []).map((t) => `${t.teamId} (${t.publisher.id}): ${why[t.why]}`);
    return { fleet: e.fleet, label: PLATFORM_LABELS[e.platform], checked: e.checked, rows: rowsOf(e.classes), teamsNotEnforced };
  });
}

function rowsOf(classes: readonly ClassEffect[]): EffectView['rows'] {
  const groups: ClassEffect[][] = [];
  const same = (a: ClassEffect, b: ClassEffect) =>
    a.blocked.length === b.blocked.length && a.removed.length === b.removed.length && a.notEnforced.join('\n') === b.notEnforced.join('\n');
  for (const c of classes) {
    const last = groups.at(-1);
    if (last && same(last[0]!, c)) last.push(c);
    else groups.push([c]);
  }
  return groups.map((g) => ({ devices: classesLabel(g.map((c) => c.device)), blocks: g[0]!.blocked.length, removes: g[0]!.removed.length, notEnforced: g[0]!.notEnforced }));
}
