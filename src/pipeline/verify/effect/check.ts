import type { DiagnosticBag } from '../../../common/diagnostics/diagnostic.js';
import { classLabel, classesLabel, deviceClasses, gapCovers, type DeviceClass } from '../../../plan/device-classes.js';
import { PLATFORMS, type EnforcementGap, type FleetPlan, type Plan, type Platform } from '../../../plan/types.js';
import type { Artifact } from '../../targets/artifact.js';
import { isBlocking, type ClassEffect, type FleetEffect, type PlatformModel, type Subject } from './types.js';

/** Up to this many names in one message; the rest are counted. */
const LIST_MAX = 8;

/**
 * The effect check: for every fleet, platform and device class the fleet declares, the modelled
 * effect of the artifacts (read back from their bytes) must be the plan's intent. Every app the
 * plan blocks is blocked, or the plan states a gap the platform really has (a warning naming the
 * fleet and apps); every allowed app, and every app the plan leaves alone, is untouched.
 * Anything else is EFFECT_MISMATCH, an error: the compiler wrote the wrong thing or claimed so.
 * A platform without a model is listed unchecked (the report says so), never passed.
 */
export function checkEffect(
  plan: Plan,
  artifacts: readonly Artifact[],
  models: Partial<Record<Platform, PlatformModel>>,
  bag: DiagnosticBag,
  webModels: Partial<Record<Platform, PlatformModel>> = {},
): FleetEffect[] {
  const out: FleetEffect[] = [];
  for (const fleet of plan.fleets) {
    for (const platform of PLATFORMS) {
      if (!fleet[platform]) continue;
      const model = models[platform];
      if (!model) {
        out.push({ fleet: fleet.id, platform, checked: false, classes: [] });
        continue;
      }
      const mine = artifacts.filter((a) => a.fleet === fleet.id && a.platform === platform).map((a) => ({ path: a.path, bytes: a.bytes }));
      const reading = model.read(mine);
      out.push({ fleet: fleet.id, platform, checked: true, classes: checkFleet(plan, fleet, model, reading, bag) });
      // Blocked domains (docs/web.md): checked where the fleet blocks some, by the platform's web model,
      // from the same reading when it reads the files as the app model does (every shipped one does).
      const web = webModels[platform];
      if (web && fleet.web) out.push({ fleet: fleet.id, platform, checked: true, web: true, classes: checkFleet(plan, fleet, web, web.read === model.read ? reading : web.read(mine), bag) });
    }
  }
  return out;
}

interface Shortfall {
  why: string;
  devices: DeviceClass[];
  subjects: Set<string>;
}

function checkFleet(plan: Plan, fleet: FleetPlan, model: PlatformModel, reading: unknown, bag: DiagnosticBag): ClassEffect[] {
  const subjects = model.subjects(fleet, plan.catalog);
  const allowed = subjects.filter((s) => s.intent === 'allow');
  const gaps = model.gaps(fleet).map((gap) => ({ gap, apps: new Set(gap.apps), teams: new Set(gap.teams ?? []), domains: new Set(gap.domains ?? []) }));
  const notEnforced = new Map<string, Shortfall>();
  const mismatches: string[] = [];
  const classes: ClassEffect[] = [];
  for (const device of deviceClasses(fleet, model.platform)) {
    const here: ClassEffect = { device, blocked: [], notEnforced: [], removed: [], by: [] };
    const by = new Set<string>();
    for (const subject of subjects) {
      const effects = model.effect(reading, device, subject);
      for (const e of effects) by.add(e.by);
      if (effects.some((e) => e.outcome === 'removed')) here.removed.push(subject.label);
      const blocked = effects.some(isBlocking);
      const gap = gaps.find((g) => covers(g, device, subject))?.gap;
      if (subject.intent !== 'block') {
        const changed = effects.filter((e) => !(subject.intent === 'allow' && e.outcome === 'allowed'));
        if (changed.length) mismatches.push(`${classLabel(device)}: ${subject.label} is ${subject.intent === 'allow' ? 'allowed by an exception' : 'not blocked by the policy'} but ${changed.map((e) => `${e.by} has it ${e.outcome}`).join(', ')}`);
        continue;
      }
      if (blocked && gap) mismatches.push(`${classLabel(device)}: ${subject.label} is blocked, but the plan says it is not enforced there (${gap.why})`);
      else if (blocked) here.blocked.push(subject.label);
      else if (!gap) mismatches.push(`${classLabel(device)}: ${subject.label} is blocked by the policy but no artifact blocks it there`);
      else if (model.canBlock(fleet, device, subject, allowed)) mismatches.push(`${classLabel(device)}: ${subject.label} is not blocked (${gap.why}), though an artifact could block it there`);
      else {
        here.notEnforced.push(subject.label);
        const s = notEnforced.get(gap.why) ?? notEnforced.set(gap.why, { why: gap.why, devices: [], subjects: new Set() }).get(gap.why)!;
        if (!s.devices.includes(device)) s.devices.push(device);
        s.subjects.add(subject.label);
      }
    }
    here.by = [...by].sort();
    classes.push(here);
  }
  for (const m of mismatches.slice(0, LIST_MAX)) bag.add('EFFECT_MISMATCH', `fleet "${fleet.id}", ${m}`);
  if (mismatches.length > LIST_MAX) bag.add('EFFECT_MISMATCH', `fleet "${fleet.id}": ${mismatches.length - LIST_MAX} more effect mismatches on ${model.platform}`);
  for (const s of notEnforced.values()) {
    bag.add('EFFECT_NOT_ENFORCED', `fleet "${fleet.id}", ${s.why}: not blocked on ${classesLabel(s.devices)}: ${list([...s.subjects])}`);
  }
  return classes;
}

function covers(g: { gap: EnforcementGap; apps: Set<string>; teams: Set<string>; domains: Set<string> }, device: DeviceClass, subject: Subject): boolean {
  if (!gapCovers(g.gap, device)) return false;
  if (subject.domain !== undefined) return g.domains.has(subject.domain);
  return subject.appId !== undefined ? g.apps.has(subject.appId) : subject.teamId !== undefined && g.teams.has(subject.teamId);
}

function list(names: readonly string[]): string {
  const shown = names.slice(0, LIST_MAX).join(', ');
  return names.length > LIST_MAX ? `${shown}, and ${names.length - LIST_MAX} more` : shown;
}
