import { availability, sameAvailability, type Availability, type Side } from './device.js';
import type { AndroidReading, Json } from './read.js';
import { afterBodies } from './server.js';

/*
 * What the fleet's Android files do to one package on one side, by each way of sending them, as
 * Effect values of the effect check (../types.ts; the shapes are restated here so this file, and
 * the property test that drives it, stand without the check). model.ts describes the two ways.
 */

export type AndroidOutcome = 'blocked-from-install' | 'removed' | 'allowed';
export type AndroidIntent = 'block' | 'allow' | 'untouched';

export interface AndroidEffect {
  outcome: AndroidOutcome;
  by: string;
  managedOnly?: boolean;
}

export interface AndroidId {
  packageName: string;
  side: Side;
  /** The server's policy as the fleet's base gives it; absent when the compiler has not seen it. */
  server?: Json;
  /** A system app of the manufacturer's factory image: blocked from install, never removed (preinstalled.ts). */
  preinstalled?: boolean;
}

/** An effect that keeps the app from being installed (a removal alone is not a block: it can come back). */
export const blocksInstall = (e: AndroidEffect) => e.outcome === 'blocked-from-install';

/** The two extremes a server the compiler has not seen could hold: everything available, nothing. */
const OPEN_SERVER: Json = { playStoreMode: 'BLACKLIST' };
const CLOSED_SERVER: Json = { playStoreMode: 'WHITELIST', personalUsagePolicies: { personalPlayStoreMode: 'ALLOWLIST' } };

interface Route {
  by: string;
  before: Availability;
  after: Availability;
  /** Whether this way of sending must block the plan's apps (not so for the personal side without a base). */
  mustBlock: boolean;
}

/** The effects for a package and side; a blocked package counts as blocked only if every way of sending blocks it. */
export function androidEffect(reading: AndroidReading, id: AndroidId, intent: AndroidIntent): AndroidEffect[] {
  const routes = routesFor(reading, id);
  if (intent !== 'block') return routes.flatMap((r) => (sameAvailability(r.before, r.after) ? [] : effectsOf(r, intent)));
  // Blocked only if every way of delivering the policy blocks it; otherwise the effects of the ways that do not.
  const blocking = routes.filter((r) => r.mustBlock);
  const failing = blocking.filter((r) => !r.after.blocked);
  return (failing.length ? failing : blocking).flatMap((r) => effectsOf(r, intent));
}

function routesFor(reading: AndroidReading, id: AndroidId): Route[] {
  const { packageName, side, server } = id;
  const pre = id.preinstalled === true;
  const routes: Route[] = [];
  const none: Availability = { blocked: false, removed: false, offered: false };
  if (reading.policy) {
    const before = server ? availability(server, side, packageName, pre) : none;
    routes.push({ by: reading.policy.path, before, after: availability(reading.policy.value, side, packageName, pre), mustBlock: true });
  }
  if (!(reading.modify ?? reading.patch ?? reading.remove)) return routes;
  for (const start of server ? [server] : [OPEN_SERVER, CLOSED_SERVER]) {
    const before = availability(start, side, packageName, pre);
    routes.push({ by: bodyFor(reading, id), before, after: availability(afterBodies(start, reading), side, packageName, pre), mustBlock: server !== undefined || side !== 'personal' });
  }
  return routes;
}

/** The body that decides the subject's side: the patch for the personal profile, modify for the work side. */
function bodyFor(reading: AndroidReading, { packageName, side }: AndroidId): string {
  if (side !== 'personal' && reading.modify && modifiedPackages(reading.modify).has(packageName)) return reading.modify.path;
  return (reading.patch ?? reading.remove ?? reading.modify)!.path;
}

const modified = new WeakMap<object, Set<unknown>>();

/** The packages a modify body changes, gathered once per body: asked once per subject and side, a scan each time was quadratic. */
function modifiedPackages(modify: NonNullable<AndroidReading['modify']>): Set<unknown> {
  let set = modified.get(modify);
  if (!set) modified.set(modify, (set = new Set(modify.changes.map((c) => c.application['packageName']))));
  return set;
}

function effectsOf(route: Route, intent: AndroidIntent): AndroidEffect[] {
  const out: AndroidEffect[] = [];
  if (route.after.blocked) out.push({ outcome: 'blocked-from-install', by: route.by });
  if (route.after.removed) out.push({ outcome: 'removed', by: route.by, ...(route.after.removed === 'managed' && { managedOnly: true }) });
  // Offered, or no longer blocked (an allowlist switched to a blocklist opens every unlisted app).
  const madeAvailable = (route.after.offered && !route.before.offered) || (route.before.blocked && !route.after.blocked);
  if (madeAvailable || (route.after.offered && intent !== 'block')) out.push({ outcome: 'allowed', by: route.by });
  return out;
}

