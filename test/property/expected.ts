// What a blocklist must block, worked out from the model alone, independently of the compiler's
// resolve stage: per fleet and platform, the identifiers that must be blocked there.
import type { Model, ModelApp } from './blocklists.js';

export type Platform = 'ios' | 'android';

export interface Expectation {
  fleet: string;
  platform: Platform;
  /** Identifiers that must be blocked, sorted. */
  blocked: string[];
  /** Identifiers of this platform that must appear nowhere in the fleet's artifacts for it. */
  absent: string[];
  /** Identifiers of apps an exception in force covers in this fleet (a subset of absent). */
  allowed: string[];
}

export function expectations(m: Model, today: string): Expectation[] {
  const fleets = m.fleets ?? [{ id: 'default', ios: true, android: 'fully-managed' as const }];
  const parentOf = new Map(m.publishers.map((p) => [p.id, p.parent]));
  /** The app's publisher and every ancestor of it. */
  const owners = (app: ModelApp): string[] => {
    const out: string[] = [];
    for (let p = app.publisher; p !== undefined; p = parentOf.get(p)) out.push(p);
    return out;
  };
  const applies = (fleet: string, fleets: string[] | undefined) => fleets === undefined || fleets.includes(fleet);

  const out: Expectation[] = [];
  for (const fleet of fleets) {
    const blockedHere = (app: ModelApp) =>
      m.blockApps.some((r) => r.id === app.id && applies(fleet.id, r.fleets)) ||
      m.blockPublishers.some((r) => owners(app).includes(r.id) && applies(fleet.id, r.fleets));
    const allowedHere = (app: ModelApp) =>
      m.allow.some(
        (e) =>
          applies(fleet.id, e.fleets) &&
          (e.until === undefined || e.until >= today) &&
          (e.kind === 'app' ? e.id === app.id : owners(app).includes(e.id)),
      );
    const enforced = (app: ModelApp) => blockedHere(app) && !allowedHere(app) && (app.confidence !== 'low' || m.includeLowConfidence);
    const platforms: Platform[] = [...(fleet.ios ? ['ios' as const] : []), ...(fleet.android ? ['android' as const] : [])];
    for (const platform of platforms) {
      const withId = m.apps.filter((a) => a[platform] !== undefined);
      out.push({
        fleet: fleet.id,
        platform,
        blocked: withId.filter(enforced).map((a) => a[platform]!).sort(),
        absent: withId.filter((a) => !enforced(a)).map((a) => a[platform]!).sort(),
        allowed: withId.filter(allowedHere).map((a) => a[platform]!).sort(),
      });
    }
  }
  return out;
}
