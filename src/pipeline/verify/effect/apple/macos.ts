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
  const rules = reading.profiles
    .filter((p) => p.scope === undefined || p.scope.toLowerCase() === 'system')
    .flatMap((p) => p.payloads.filter((x) => x.type === payloadType).flatMap((x) => (Array.isArray(x.keys.StaticRules) ? x.keys.StaticRules : []).map((r) => ({ rule: r as Record<string, unknown>, path: p.path }))));
  const field = (r: Record<string, unknown>, key: string) => {
    const hit = Object.entries(r).find(([k]) => k.toLowerCase() === key);
    return typeof hit?.[1] === 'string' ? hit[1] : undefined;
  };
  const wanted: Record<string, string | undefined> = {
    SIGNINGID: id.teamId !== undefined && id.signingId !== undefined ? `${id.teamId}:${id.signingId}` : undefined,
    TEAMID: id.teamId,
  };
  for (const type of SANTA_PRECEDENCE) {
    const value = wanted[type];
    if (value === undefined) continue;
    const match = rules.find(({ rule }) => field(rule, 'rule_type')?.toUpperCase() === type && field(rule, 'identifier') === value);
    if (!match) continue;
    const policy = field(match.rule, 'policy')?.toUpperCase() ?? '';
    if (SANTA_BLOCKING.has(policy)) return { outcome: 'blocked-from-launching', by: match.path };
    if (SANTA_ALLOWING.has(policy)) return { outcome: 'allowed', by: match.path };
    return undefined;
  }
  return undefined;
}

function deniedBinaries(reading: AppleReading, id: MacId): Effect[] {
  const out: Effect[] = [];
  for (const d of reading.activeConfigurations.filter((d) => d.type === 'com.apple.configuration.app.settings')) {
    const allowed = (d.payload.Allowed ?? {}) as Record<string, unknown>;
    const entries = Array.isArray(allowed.DeniedBinaries) ? (allowed.DeniedBinaries as Record<string, unknown>[]) : [];
    const matches = (e: Record<string, unknown>) =>
      (e.TeamID !== undefined || e.SigningID !== undefined) &&
      e.CDHash === undefined &&
      (e.TeamID === undefined || e.TeamID === id.teamId) &&
      (e.SigningID === undefined || e.SigningID === id.signingId);
    if (entries.some(matches)) out.push({ outcome: 'blocked-from-launching', by: d.path });
  }
  return out;
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
    const candidates = own !== undefined ? [own] : (catalog.publishers.get(app.publisher ?? '')?.teamIds.map((t) => t.value) ?? []);
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
  for (const publisher of catalog.publishers.values()) {
    for (const team of publisher.teamIds) {
      const intent: Intent = teamsBlocked.has(team.value) ? 'block' : 'untouched';
      out.push({ key: `team:${team.value}`, label: `apps of ${team.value} (${publisher.id}) the catalog does not list`, teamId: team.value, intent, id: { teamId: team.value, teamKnown: true } });
    }
  }
  return out;
}
