import { byCodeUnit } from '../../common/compare.js';
import type { DiagnosticBag } from '../../common/diagnostics/diagnostic.js';
import type { AllowRule, App, ExceptionInForce, FleetPlan, Identifier, NotEnforced, Platform } from '../../plan/types.js';
import type { SourceFile } from '../load/source-file.js';
import { resolveAndroid } from './android.js';
import { iosEnforcement } from './apple-enforcement.js';
import { warnIfBlocksNothing } from './blocks-nothing.js';
import { macosPlan } from './macos-plan.js';
import { reportBlockedAndAllowed } from './checks/blocked-and-allowed.js';
import { checkIntuneAndroidManual } from './checks/intune-android-manual.js';
import { checkIntuneAppListLimit } from './checks/intune-app-list-limit.js';
import { checkWebDenyListLength } from './checks/ios-web-deny-list-long.js';
import type { FleetSettings } from './fleets.js';
import type { ResolveOptions } from './plan.js';
import type { PolicyResolution, SharedResolution } from './shared-resolution.js';
import { webPlan } from './web-plan.js';

/** One fleet's plan: its exceptions, then each platform it has, from the resolution it shares. */
export function resolveFleet(fleet: FleetSettings, policy: PolicyResolution, root: SourceFile, options: ResolveOptions, bag: DiagnosticBag): FleetPlan {
  const { allowRules, resolution } = policy.forFleet(fleet.id);
  const { exceptions, expired } = fleetExceptions(allowRules, policy.expired);
  const allowed = allowedApps(fleet.id, resolution, exceptions, policy, bag);
  const plan: FleetPlan = {
    id: fleet.id,
    implicit: fleet.implicit,
    exceptions: [...exceptions.values()].map((e) => ({ ...e, lets: e.lets.sort() })),
    expiredExceptions: expired,
  };
  if (fleet.description !== undefined) plan.description = fleet.description;
  if (fleet.intune) plan.intune = true;

  const perPlatform = (platform: Platform, identify: (app: App) => Identifier | undefined) => {
    const r = resolution.platform(platform, identify);
    // An identifier refused as malformed already has its error; "has no identifier" would mislead.
    if (platform !== 'macos') for (const { app, at } of r.missing) if (!app.refused?.includes(platform)) policy.missing.note(app, platform, fleet.id, at);
    // Each fleet gets its own lists (the entries are shared): allowed apps first, then the rest, by app id.
    const notEnforced = [...allowed.map((a) => ({ ...a })), ...r.notEnforced].sort((a, b) => byCodeUnit(a.app.id, b.app.id));
    return { blocked: [...r.blocked], notEnforced, absent: [...r.absent] };
  };
  const platformAt = (platform: Platform) => (fleet.implicit ? root.positionOf([]) : root.keyPositionOf(['fleets', fleet.id], platform));
  if (fleet.ios) {
    const ios = perPlatform('ios', (a) => a.ios.bundleId);
    plan.ios = { settings: fleet.ios, ...ios, enforcement: iosEnforcement(fleet.id, fleet.ios, ios.blocked, platformAt('ios'), bag) };
  }
  if (fleet.macos) {
    const { teams, teamsNotEnforced } = resolution.teams();
    const mac = { fleet: fleet.id, settings: fleet.macos, ...perPlatform('macos', (a) => a.macos.bundleId), teams, teamsNotEnforced, catalog: policy.catalog, at: platformAt('macos') };
    plan.macos = macosPlan(mac, bag);
  }
  warnIfBlocksNothing(plan, platformAt, bag);
  const web = resolution.web();
  if (web) plan.web = webPlan(fleet, web);
  if (fleet.ios) checkWebDenyListLength(plan, platformAt('ios'), bag);
  if (fleet.android) {
    const base = options.bases?.get(fleet.id);
    const previous = options.previous && [...(options.previous.get(fleet.id) ?? [])];
    const at = fleet.implicit ? root.positionOf([]) : root.positionOf(['fleets', fleet.id, 'android']);
    plan.android = resolveAndroid(
      { fleet: fleet.id, settings: fleet.android, ...perPlatform('android', (a) => a.android.package), allowedPackages: allowedPackages(allowed, policy), webDomains: web?.blocked ?? [], at, ...(base && { base }), ...(previous && { previouslyBlocked: previous }) },
      bag,
    );
  }
  checkIntuneAppListLimit(plan, root, bag);
  checkIntuneAndroidManual(plan, root, bag);
  return plan;
}

/** The fleet's exceptions in force (each lists the apps it lets through) and those expired. */
function fleetExceptions(allowRules: readonly AllowRule[], expiredRules: ReadonlySet<AllowRule>): { exceptions: Map<AllowRule, ExceptionInForce>; expired: ExceptionInForce[] } {
  const exceptions = new Map<AllowRule, ExceptionInForce>();
  const expired: ExceptionInForce[] = [];
  for (const rule of allowRules) {
    const ex = toException(rule);
    if (expiredRules.has(rule)) expired.push(ex);
    else exceptions.set(rule, ex);
  }
  return { exceptions, expired };
}

/** Blocked apps an exception of this fleet lets through: recorded on the exception and reported. */
function allowedApps(fleet: string, resolution: SharedResolution, exceptions: Map<AllowRule, ExceptionInForce>, policy: PolicyResolution, bag: DiagnosticBag): NotEnforced[] {
  return resolution.hits.map(({ app, because, rule }) => {
    const ex = exceptions.get(rule)!;
    ex.lets.push(app.id);
    policy.used.add(rule);
    reportBlockedAndAllowed(app, because, rule, fleet, bag);
    return { app: policy.summaryOf(app), why: 'allowed', because, exception: ex };
  });
}

/** The fleet's allowed apps that have an Android package, each named by it (what a base policy's entries are matched by). */
function allowedPackages(allowed: readonly NotEnforced[], policy: PolicyResolution): NotEnforced[] {
  return allowed.flatMap((a) => {
    const pkg = policy.catalog.apps.get(a.app.id)?.android.package;
    return pkg ? [{ ...a, identifier: pkg.value }] : [];
  });
}

function toException(rule: AllowRule): ExceptionInForce {
  const ex: ExceptionInForce = { kind: rule.kind, id: rule.id, references: rule.references, lets: [], at: rule.at };
  if (rule.until !== undefined) ex.until = rule.until;
  if (rule.reason !== undefined) ex.reason = rule.reason;
  return ex;
}
