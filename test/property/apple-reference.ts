// What an Apple fleet's devices must do, worked out from the random model alone: the policy's
// meaning (rules, fleets, exceptions, confidence) and the platform's documented means (docs/effect.md),
// never from the compiler's plan. Per fleet, platform, OS major and app: blocked or not.
import type { AppleApp, AppleModel } from './apple-fleets.js';

export interface DeviceCase {
  major: number;
  supervised: boolean;
  santa: boolean;
}

export function reference(m: AppleModel, today: string) {
  const publisher = new Map(m.publishers.map((p) => [p.id, p]));
  const chain = (id: string | undefined): string[] => {
    const out: string[] = [];
    for (let p = id; p !== undefined; p = publisher.get(p)?.parent) out.push(p);
    return out;
  };
  const applies = (fleet: string, fleets?: string[]) => fleets === undefined || fleets.includes(fleet);
  const blockedBy = (fleet: string, a: AppleApp) =>
    m.blockApps.some((r) => r.id === a.id && applies(fleet, r.fleets)) || m.blockPublishers.some((r) => chain(a.publisher).includes(r.id) && applies(fleet, r.fleets));
  const allowedIn = (fleet: string, a: AppleApp) =>
    m.allow.some((e) => applies(fleet, e.fleets) && (e.until === undefined || e.until >= today) && (e.kind === 'app' ? e.id === a.id : chain(a.publisher).includes(e.id)));
  const usable = (a: AppleApp) => a.confidence !== 'low' || m.includeLowConfidence;
  /** The policy means the app blocked in the fleet, and its identifier is sure enough to name. */
  const meant = (fleet: string, a: AppleApp) => blockedBy(fleet, a) && !allowedIn(fleet, a) && usable(a);
  /** A blocked low-confidence app: the plan names it nowhere, though a team rule may reach it. */
  const unnamed = (fleet: string, a: AppleApp) => blockedBy(fleet, a) && !allowedIn(fleet, a) && !usable(a);

  /**
   * Santa blocks a publisher's Team ID whole when a publisher rule reaches the publisher, unless an
   * app the fleet allows that the team may sign (own team unknown or this one) has no macOS bundle
   * ID for an allow rule. An allowed app that has one gets a SIGNINGID allow, which wins.
   */
  const santaTeamWhole = (fleet: string, team: string): boolean => {
    const owner = m.publishers.find((p) => p.team === team);
    if (!owner || !m.blockPublishers.some((r) => chain(owner.id).includes(r.id) && applies(fleet, r.fleets))) return false;
    const under = m.apps.filter((a) => chain(a.publisher).includes(owner.id));
    return !under.some((a) => allowedIn(fleet, a) && blockedBy(fleet, a) && (a.macos?.team === undefined || a.macos.team === team) && a.macos === undefined);
  };
  const teamOf = (a: AppleApp) => a.macos?.team ?? publisher.get(a.publisher ?? '')?.team;

  return {
    meant,
    unnamed,
    ios(fleet: string, legacyKeys: boolean, d: DeviceCase, a: AppleApp): boolean {
      // Supervised only; blockedAppBundleIDs from 15, the legacy key before (when the fleet asks).
      return meant(fleet, a) && d.supervised && (d.major >= 15 || legacyKeys);
    },
    macos(fleet: string, d: DeviceCase, a: AppleApp): boolean {
      if (!meant(fleet, a)) return false;
      const team = teamOf(a);
      // Santa names an app by TeamID:SigningID (own Team ID known) or reaches it through its team.
      const santa = d.santa && (a.macos?.team !== undefined || (team !== undefined && santaTeamWhole(fleet, team)));
      // app.settings denies by SigningID on supervised Macs from 27.
      const ddm = d.supervised && d.major >= 27;
      return santa || ddm;
    },
  };
}
