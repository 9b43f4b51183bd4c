import type { MacosDeviceClass } from '../../../../plan/device-classes.js';
import type { Catalog, FleetPlan } from '../../../../plan/types.js';
import type { Effect, Intent, PlatformModel, Subject } from '../types.js';
import { APPLE_FACTS, SANTA_ALLOWING, SANTA_BLOCKING, SANTA_PRECEDENCE } from './facts.js';
import { readApple, type AppleReading } from './read.js';

/** A Mac binary as Santa and DDM match it: its signing ID (the bundle ID) and the team that signed it. */
interface MacId {
  /** Absent for a team's apps the catalog does not list. */
  signingId?: string;
  /** Absent when neither the app nor its publisher has a known Team ID. */
  teamId?: string;
  /** True when the Team ID is the app's own, false when taken from its publisher (one of its teams signs it). */
  teamKnown: boolean;
}

/**
 * Macs: Santa's StaticRules (when the Macs run Santa reading that payload type, from a profile not
 * scoped to a user) and, on supervised Macs from 27, app.settings DeniedBinaries (an entry matches
 * when all its identifiers match; a deny is never overridden), block a binary from launching;
 * RemoveApplication removes managed apps from macOS 11 (facts.ts).
 */
export const macosModel: PlatformModel<MacosDeviceClass, MacId, AppleReading> = {
  platform: 'macos',
  subjects: macosSubjects,
  read: readApple,
  effect(reading, device, subject) {
    const out: Effect[] = [];
    const santa = device.santa ? santaDecision(reading, device.santa, subject.id) : undefined;
    if (santa) out.push(santa);
    if (device.supervised && device.major >= APPLE_FACTS.appSettingsFrom) out.push(...deniedBinaries(reading, subject.id));
    const removal = subject.id.signingId !== undefined && device.major >= APPLE_FACTS.removeApplicationFromMacos ? reading.removals.get(subject.id.signingId) : undefined;
    if (removal) out.push({ outcome: 'removed', by: removal, managedOnly: true });
    // A deny in app.settings wins over a Santa allow: the binary does not run.
    return out.some((e) => e.outcome === 'blocked-from-launching') ? out.filter((e) => e.outcome !== 'allowed') : out;
  },
  canBlock(_fleet, device, subject, allowed) {
    const { signingId, teamId, teamKnown } = subject.id;
    const sharesTeam = allowed.filter((a) => teamId !== undefined && a.id.teamId === teamId);
    // Santa names a listed app by TeamID:SigningID (its team must be known); a team's other apps by
    // TEAMID, with a SIGNINGID allow for each allowed app of the team, which needs its signing ID.
    const santa = device.santa !== false && teamId !== undefined && (signingId !== undefined ? teamKnown : sharesTeam.every((a) => a.id.signingId !== undefined));
    // DDM denies a listed app by SigningID; a team whole only when it signs no allowed app.
    const ddm = device.supervised && device.major >= APPLE_FACTS.appSettingsFrom && (signingId !== undefined || (teamId !== undefined && sharesTeam.length === 0));
    return santa || ddm;
  },
  gaps: (fleet) => fleet.macos?.enforcement.gaps ?? [],
};

function santaDecision(reading: AppleReading, payloadType: string, id: MacId): Effect | undefined {
  const rules = reading.index.santa.get(payloadType);
  if (!rules) return undefined;
  const wanted: Record<string, string | undefined> = {
    SIGNINGID: id.teamId !== undefined && id.signingId !== undefined ? `${id.teamId}:${id.signingId}` : undefined,
    TEAMID: id.teamId,
  };
  for (const type of SANTA_PRECEDENCE) {
    const value = wanted[type];
    const match = value !== undefined ? rules.get(`${type}|${value}`) : undefined;
    if (!match) continue;
    if (SANTA_BLOCKING.has(match.policy)) return { outcome: 'blocked-from-launching', by: match.path };
    if (SANTA_ALLOWING.has(match.policy)) return { outcome: 'allowed', by: match.path };
    return undefined;
  }
  return undefined;
}

/** "A binary only matches when all the binary identifiers match" (app.settings.yaml, DeniedBinaries). */
function deniedBinaries(reading: AppleReading, id: MacId): Effect[] {
  return reading.index.deniedBinaries
    .filter(
      (d) =>
        (id.teamId !== undefined && d.teams.has(id.teamId)) ||
        (id.signingId !== undefined && (d.signingOnly.has(id.signingId) || (id.teamId !== undefined && d.signed.has(`${id.signingId}|${id.teamId}`)))),
    )
    .map((d) => ({ outcome: 'blocked-from-launching' as const, by: d.path }));
}

/**
 * Every catalog app with a macOS bundle ID, once per team that may sign it (its own, else each of
 * its publisher's), and each publisher Team ID standing for the team's apps the catalog does not list.
 */
function macosSubjects(fleet: FleetPlan, catalog: Catalog): Subject<MacId>[] {
  const mac = fleet.macos!;
  const blocked = new Set(mac.blocked.map((b) => b.app.id));
  const allowed = new Set(mac.notEnforced.filter((n) => n.why === 'allowed').map((n) => n.app.id));
  const teamsBlocked = new Set([...mac.teams.map((t) => t.teamId), ...mac.teamsNotEnforced.filter((t) => t.why === 'allowed').map((t) => t.teamId)]);
  const out: Subject<MacId>[] = [];
  for (const app of catalog.apps.values()) {
    const signingId = app.macos.bundleId?.value;
    if (app.featureOf !== undefined) continue;
    const intent: Intent = blocked.has(app.id) ? 'block' : allowed.has(app.id) ? 'allow' : 'untouched';
    // An app without a macOS bundle ID may still be a Mac app of its publisher's team: one an
    // exception allows must not be blocked by its team's rule, and nothing can name it in an allow.
    if (signingId === undefined && intent !== 'allow') continue;
    const own = app.macos.teamId?.value;
    // An allowed app may be signed by any team above it (the compiler allows it under each): it
    // must run whichever. Other apps are taken as signed by their own publisher's team.
    const publishers = intent === 'allow' ? chain(catalog, app.publisher) : [app.publisher ?? ''];
    const candidates = own !== undefined ? [own] : [...new Set(publishers.flatMap((p) => catalog.publishers.get(p)?.teamIds.map((t) => t.value) ?? []))];
    const named = signingId ?? 'no macOS bundle ID';
    if (candidates.length === 0) out.push({ key: app.id, label: `${app.id} (${named})`, appId: app.id, intent, id: { ...(signingId !== undefined && { signingId }), teamKnown: false } });
    for (const teamId of candidates) {
      // An app the plan does not name (low-confidence identifier) of a team it blocks whole is one
      // of that team's apps the plan cannot name: the team's subject below stands for it.
      if (intent === 'untouched' && teamsBlocked.has(teamId)) continue;
      const label = own !== undefined ? `${app.id} (${teamId}:${named})` : `${app.id} (${named}, if signed by ${teamId})`;
      out.push({ key: `${app.id}|${teamId}`, label, appId: app.id, intent, id: { ...(signingId !== undefined && { signingId }), teamId, teamKnown: own !== undefined } });
    }
  }
  const excepted = new Set(fleet.exceptions.filter((e) => e.kind === 'publisher').map((e) => e.id));
  for (const publisher of catalog.publishers.values()) {
    // A publisher exception lets the publisher's unlisted apps through too.
    const allowedWhole = chain(catalog, publisher.id).some((p) => excepted.has(p));
    for (const team of publisher.teamIds) {
      const intent: Intent = allowedWhole ? 'allow' : teamsBlocked.has(team.value) ? 'block' : 'untouched';
      out.push({ key: `team:${team.value}`, label: `apps of ${team.value} (${publisher.id}) the catalog does not list`, teamId: team.value, intent, id: { teamId: team.value, teamKnown: true } });
    }
  }
  return out;
}

/** A publisher and every publisher above it. */
function chain(catalog: Catalog, id: string | undefined): string[] {
  const out: string[] = [];
  for (let p = id; p !== undefined && !out.includes(p); p = catalog.publishers.get(p)?.parent) out.push(p);
  return out;
}
