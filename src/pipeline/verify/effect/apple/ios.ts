import type { IosDeviceClass } from '../../../../plan/device-classes.js';
import type { Catalog, FleetPlan } from '../../../../plan/types.js';
import type { Effect, PlatformModel, Subject } from '../types.js';
import { APPLE_FACTS } from './facts.js';
import { readApple, type AppleReading } from './read.js';

interface IosId {
  bundleId: string;
}

/**
 * iPhone and iPad: com.apple.applicationaccess blocks bundle IDs from launching on supervised
 * devices (blacklistedAppBundleIDs from 9.3, blockedAppBundleIDs from 15; deprecated keys still
 * apply); app.settings DeniedApps does from 27 (supervised, once activated); RemoveApplication
 * removes managed apps, unmanaged ones too on supervised devices from 26 (facts.ts).
 */
export const iosModel: PlatformModel<IosDeviceClass, IosId, AppleReading> = {
  platform: 'ios',
  subjects: iosSubjects,
  read: readApple,
  effect(reading, device, subject) {
    const id = subject.id.bundleId;
    const out: Effect[] = [];
    if (device.supervised) {
      for (const list of reading.index.bundleLists) {
        const from = list.key === 'blockedAppBundleIDs' ? APPLE_FACTS.blockedKeyFromIos : APPLE_FACTS.blacklistedKeyFromIos;
        if (device.major >= from && list.ids.has(id)) out.push({ outcome: 'blocked-from-launching', by: list.path });
      }
      if (device.major >= APPLE_FACTS.appSettingsFrom) {
        for (const d of reading.index.deniedApps) if (d.ids.has(id)) out.push({ outcome: 'blocked-from-launching', by: d.path });
      }
    }
    const removal = reading.removals.get(id);
    if (removal) out.push({ outcome: 'removed', by: removal, ...(!(device.supervised && device.major >= APPLE_FACTS.removeUnmanagedFromIos) && { managedOnly: true }) });
    return out;
  },
  canBlock(fleet, device) {
    // Every iOS app-blocking key is supervised-only; before 15 only the legacy key, which the fleet may refuse.
    const s = fleet.ios!.settings;
    return device.supervised && (device.major >= APPLE_FACTS.blockedKeyFromIos || s.legacyKeys);
  },
  gaps: (fleet) => fleet.ios?.enforcement.gaps ?? [],
};

/** Every catalog app with an iOS bundle ID, and what the fleet's plan means for it. */
function iosSubjects(fleet: FleetPlan, catalog: Catalog): Subject<IosId>[] {
  const ios = fleet.ios!;
  const blocked = new Set(ios.blocked.map((b) => b.app.id));
  const allowed = new Set(ios.notEnforced.filter((n) => n.why === 'allowed').map((n) => n.app.id));
  const out: Subject<IosId>[] = [];
  for (const app of catalog.apps.values()) {
    const bundleId = app.ios.bundleId?.value;
    if (bundleId === undefined || app.featureOf !== undefined) continue;
    const intent = blocked.has(app.id) ? 'block' : allowed.has(app.id) ? 'allow' : 'untouched';
    out.push({ key: app.id, label: `${app.id} (${bundleId})`, appId: app.id, intent, id: { bundleId } });
  }
  return out;
}
