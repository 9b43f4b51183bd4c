import type { AndroidDeviceClass } from '../../../../plan/device-classes.js';
import type { Catalog, FleetPlan } from '../../../../plan/types.js';
import type { Intent, PlatformModel, Subject } from '../types.js';
import { sidesOf } from './device.js';
import { androidEffect, type AndroidId } from './effect.js';
import { readAndroid, type AndroidReading } from './read.js';

export type { AndroidId };

/**
 * Android (AMAPI). A fleet's devices get their policy one of two ways, and both must do what the
 * plan says: policy.json sent whole, or the request bodies (modify, patch, remove) applied by the
 * server to the policy it holds. With a base that policy is known and the bodies are applied to it.
 * Without one they are applied to the two extremes a server could hold: everything available
 * (BLACKLIST, no entries) and nothing available (WHITELIST, a personal ALLOWLIST, no entries); the
 * bodies must block the plan's apps on the work side on both, and change no other app on either.
 * Without a base the personal profile is blocked by policy.json alone (no body may touch a
 * personal list it has not seen, docs/android.md). An app the plan does not block must come out as
 * the server's policy had it.
 */
export const androidModel: PlatformModel<AndroidDeviceClass, AndroidId, AndroidReading> = {
  platform: 'android',
  subjects: androidSubjects,
  read: readAndroid,
  effect: (reading, _device, subject) => androidEffect(reading, subject.id, subject.intent),
  // A BLOCKED entry blocks an app on either side whatever else the policy holds (facts.ts).
  canBlock: () => true,
  gaps: () => [],
};

/**
 * One subject per package and side the fleet's devices have: the device (fully managed), or the
 * work and personal profiles (company-owned), or the work profile alone (personally owned: the
 * personal profile is outside the policy's reach, the plan's scope says so). Packages come from
 * the catalog and the plan; apps sharing a package share a subject.
 */
function androidSubjects(fleet: FleetPlan, catalog: Catalog): Subject<AndroidId>[] {
  const android = fleet.android!;
  const intents = new Map<string, { intent: Intent; apps: Set<string> }>();
  const note = (pkg: string, appId: string, intent: Intent) => {
    const seen = intents.get(pkg) ?? intents.set(pkg, { intent, apps: new Set() }).get(pkg)!;
    seen.apps.add(appId);
    if (rank(intent) > rank(seen.intent)) seen.intent = intent;
  };
  for (const app of catalog.apps.values()) if (app.android.package) note(app.android.package.value, app.id, 'untouched');
  // An allowed app's entry names the app, not its package (the plan's lists are per app): the catalog has the package.
  for (const n of android.notEnforced) {
    const pkg = n.why === 'allowed' ? catalog.apps.get(n.app.id)?.android.package?.value : undefined;
    if (pkg) note(pkg, n.app.id, 'allow');
  }
  for (const b of android.blocked) note(b.identifier, b.app.id, 'block');
  const server = android.base?.policy;
  const sides = sidesOf(android.settings.mode);
  const out: Subject<AndroidId>[] = [];
  for (const [packageName, { intent, apps }] of [...intents].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const ids = [...apps].sort();
    const preinstalled = ids.some((a) => catalog.apps.get(a)?.android.preinstalled !== undefined);
    for (const side of sides) {
      const where = side === 'device' ? '' : `, ${side} profile`;
      out.push({ key: `${packageName}@${side}`, label: `${ids.join('/')} (${packageName})${where}`, appId: ids[0]!, intent, id: { packageName, side, ...(server && { server }), ...(preinstalled && { preinstalled }) } });
    }
  }
  return out;
}

function rank(intent: Intent): number {
  return intent === 'block' ? 2 : intent === 'allow' ? 1 : 0;
}
