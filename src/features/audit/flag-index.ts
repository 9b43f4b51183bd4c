import type { AppSummary, BlockedApp, ExceptionInForce, FleetPlan, NotEnforced, Plan, Platform, Provenance } from '../../plan/types.js';

/** How the policy treats an installed app on one fleet's platform. */
export interface Flag {
  fleet: FleetPlan;
  platform: Platform;
  /** blocked: an artifact carries it; allowed: an exception lets it through; not-enforced: a rule reaches it but no artifact can. */
  status: 'blocked' | 'allowed' | 'not-enforced';
  app: AppSummary;
  because: Provenance[];
  blocked?: BlockedApp;
  exception?: ExceptionInForce;
  notEnforced?: 'no-identifier' | 'low-confidence';
}

type ByIdentifier = Map<string, Flag>;

/**
 * Every identifier the policy flags, per fleet and platform, in one Map each: an inventory's
 * millions of app reports are matched with one look-up apiece, never a scan of the catalog.
 * An app the plan cannot enforce for want of this platform's identifier is found by its other
 * Apple identifier (an iPad app on a Mac reports its iOS bundle ID).
 */
export class FlagIndex {
  private readonly fleets = new Map<string, Map<Platform, ByIdentifier>>();
  /** Every flagged identifier, for the readers' filter: other apps are only counted. */
  readonly known = new Set<string>();
  /** For devices in no fleet: whichever fleet flags the identifier first (fleets in id order), blocked first. */
  private readonly anyFleet = new Map<Platform, ByIdentifier>();

  constructor(readonly plan: Plan) {
    for (const fleet of plan.fleets) {
      const platforms = new Map<Platform, ByIdentifier>();
      this.fleets.set(fleet.id, platforms);
      if (fleet.ios) platforms.set('ios', this.platformFlags(fleet, 'ios', fleet.ios.blocked, fleet.ios.notEnforced));
      if (fleet.macos) platforms.set('macos', this.platformFlags(fleet, 'macos', fleet.macos.blocked, fleet.macos.notEnforced));
      if (fleet.android) platforms.set('android', this.platformFlags(fleet, 'android', fleet.android.blocked, fleet.android.notEnforced));
    }
    for (const platforms of this.fleets.values()) {
      for (const [platform, flags] of platforms) {
        let merged = this.anyFleet.get(platform);
        if (!merged) this.anyFleet.set(platform, (merged = new Map()));
        for (const [id, flag] of flags) {
          const had = merged.get(id);
          if (!had || (had.status !== 'blocked' && flag.status === 'blocked')) merged.set(id, flag);
        }
      }
    }
  }

  /** The fleet's flag for an identifier on a platform; without a fleet, any fleet's. */
  lookup(fleet: string | undefined, platform: Platform, identifier: string): Flag | undefined {
    const flags = fleet === undefined ? this.anyFleet.get(platform) : this.fleets.get(fleet)?.get(platform);
    return flags?.get(identifier);
  }

  hasPlatform(fleet: string, platform: Platform): boolean {
    return this.fleets.get(fleet)?.has(platform) ?? false;
  }

  private platformFlags(fleet: FleetPlan, platform: Platform, blocked: BlockedApp[], notEnforced: NotEnforced[]): ByIdentifier {
    const flags: ByIdentifier = new Map();
    const add = (identifier: string | undefined, flag: Flag) => {
      if (identifier === undefined || flags.has(identifier)) return;
      flags.set(identifier, flag);
      this.known.add(identifier);
    };
    for (const b of blocked) add(b.identifier, { fleet, platform, status: 'blocked', app: b.app, because: b.because, blocked: b });
    for (const n of notEnforced) {
      const base = { fleet, platform, app: n.app, because: n.because };
      if (n.why === 'allowed') add(n.identifier ?? this.identifierOn(n.app.id, platform) ?? this.appleTwin(n.app.id, platform), { ...base, status: 'allowed', ...(n.exception && { exception: n.exception }) });
      else if (n.why === 'low-confidence') add(n.identifier, { ...base, status: 'not-enforced', notEnforced: 'low-confidence' });
      else add(this.appleTwin(n.app.id, platform), { ...base, status: 'not-enforced', notEnforced: 'no-identifier' });
    }
    return flags;
  }

  /** The app's own identifier on the platform, from the catalog. */
  private identifierOn(appId: string, platform: Platform): string | undefined {
    const app = this.plan.catalog.apps.get(appId);
    if (!app) return undefined;
    return platform === 'android' ? app.android.package?.value : app[platform].bundleId?.value;
  }

  /** The app's bundle ID on the other Apple platform, when this one has none. */
  private appleTwin(appId: string, platform: Platform): string | undefined {
    const app = this.plan.catalog.apps.get(appId);
    if (!app || platform === 'android') return undefined;
    return (platform === 'ios' ? app.ios.bundleId : app.macos.bundleId)?.value ?? (platform === 'ios' ? app.macos.bundleId : app.ios.bundleId)?.value;
  }
}
