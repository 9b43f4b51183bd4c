import { DiagnosticBag } from '../../common/diagnostics/diagnostic.js';
import { classLabel, deviceClasses, type DeviceClass } from '../../plan/device-classes.js';
import type { FleetPlan, Plan, Platform } from '../../plan/types.js';
import { targets } from '../../pipeline/targets/index.js';
import { EFFECT_MODELS } from '../../pipeline/verify/effect/models.js';
import type { AndroidId } from '../../pipeline/verify/effect/android/model.js';
import { sidesOf, type Side } from '../../pipeline/verify/effect/android/device.js';
import type { ArtifactBytes, Effect as ModelEffect, PlatformModel, Subject } from '../../pipeline/verify/effect/types.js';
import type { Action, Effect } from './effect.js';

/**
 * What will act, from the effect model the compiler's verify stage runs (src/pipeline/verify/effect):
 * the fleet's artifacts are built from the plan (unsigned: signing changes no effect) and read back
 * from their bytes by the platform's model, which says what each device class the fleet declares
 * does to the app. The one source of platform facts: audit has no mapping of its own.
 */
export class ModelEffects {
  private artifacts: ArtifactBytes[] | undefined;
  private readonly readings = new Map<string, unknown>();
  private readonly answers = new Map<string, Effect>();

  constructor(private readonly plan: Plan) {}

  /** What acts on a blocked app (`identifier` as the inventory reports it) on a device of the fleet. */
  effect(fleet: FleetPlan, platform: Platform, appId: string, identifier: string, userEnrollment: boolean): Effect {
    const key = `${fleet.id}\n${platform}\n${appId}\n${identifier}\n${userEnrollment}`;
    let answer = this.answers.get(key);
    if (!answer) this.answers.set(key, (answer = this.compute(fleet, platform, appId, identifier, userEnrollment)));
    return answer;
  }

  private compute(fleet: FleetPlan, platform: Platform, appId: string, identifier: string, userEnrollment: boolean): Effect {
    const model = EFFECT_MODELS[platform] as PlatformModel | undefined;
    const subject = model?.subjects(fleet, this.plan.catalog).find(platform === 'android' ? androidSubject(fleet, identifier) : (s) => s.appId === appId && s.intent === 'block');
    // Every platform has a model (models.ts) and every blocked app a subject; were one missing, no artifact is known to act.
    if (!model || !subject) return { acts: [], nothing: 'not-covered', notes: [] };
    const reading = this.reading(model, fleet, platform);
    // A User Enrollment is never supervised, whatever the fleet says of its devices.
    const classes = deviceClasses(fleet, platform).map((d) => (userEnrollment && 'supervised' in d ? { ...d, supervised: false } : d)) as DeviceClass[];
    const byClass = classes.map((device) => ({ device: classLabel(device), effects: model.effect(reading, device, subject) }));
    // Only what acts on an app already installed: removal, or a block on launching it.
    const actsOf = (effects: ModelEffect[]) => [...new Set(effects.filter((e) => e.outcome === 'removed' || e.outcome === 'blocked-from-launching').map((e) => action(e, platform)))].sort();
    const all = [...new Set(byClass.flatMap((c) => actsOf(c.effects)))].sort() as Action[];
    const everywhere = all.filter((a) => byClass.every((c) => actsOf(c.effects).includes(a)));
    const notes: Effect['notes'] = [];
    if (byClass.some((c) => c.effects.some((e) => e.outcome === 'removed' && e.managedOnly))) notes.push(platform === 'android' ? 'amapi-removal-of-user-installed-unconfirmed' : 'managed-apps-only');
    if (everywhere.length < all.length) notes.push('not-on-every-os-version');
    const effect: Effect = all.length ? { acts: all, notes } : { acts: [], nothing: userEnrollment ? 'personal-side' : fleetSupervised(fleet, platform) ? 'not-covered' : 'unsupervised', notes };
    effect.byClass = byClass.map((c) => ({ device: c.device, acts: actsOf(c.effects) as Action[] }));
    return effect;
  }

  private reading(model: PlatformModel, fleet: FleetPlan, platform: Platform): unknown {
    const key = `${fleet.id}\n${platform}`;
    if (!this.readings.has(key)) {
      this.artifacts ??= targets.flatMap((t) => t.build(this.plan, new DiagnosticBag())).map((a) => ({ path: a.path, bytes: a.bytes, fleet: a.fleet, platform: a.platform }) as ArtifactBytes & { fleet?: string; platform?: Platform });
      const mine = (this.artifacts as (ArtifactBytes & { fleet?: string; platform?: Platform })[]).filter((a) => a.fleet === fleet.id && a.platform === platform);
      this.readings.set(key, model.read(mine.map((a) => ({ path: a.path, bytes: a.bytes }))));
    }
    return this.readings.get(key);
  }
}

/**
 * The Android subject for a reported package: the device's side the fleet's policy governs, the
 * whole device (fully managed) or the work profile, whose apps are the ones a device whose Android
 * Device Policy is profile owner reports (Device.managementMode PROFILE_OWNER: "has control over a
 * managed profile on the device", AMAPI discovery document). Both sides are read the same way.
 */
function androidSubject(fleet: FleetPlan, identifier: string): (s: Subject) => boolean {
  const side: Side = sidesOf(fleet.android!.settings.mode).includes('device') ? 'device' : 'work';
  return (s) => {
    const id = s.id as AndroidId;
    return id.packageName === identifier && id.side === side && s.intent === 'block';
  };
}

function action(e: ModelEffect, platform: Platform): Action {
  if (e.outcome === 'removed') return platform === 'android' ? 'uninstalled-by-amapi-blocked' : 'removed-by-remove-application';
  return 'blocked-from-launch';
}

function fleetSupervised(fleet: FleetPlan, platform: Platform): boolean {
  return platform === 'ios' ? (fleet.ios?.settings.supervised ?? false) : platform === 'macos' ? (fleet.macos?.settings.supervised ?? false) : true;
}
