import { DiagnosticBag } from '../../common/diagnostics/diagnostic.js';
import { classLabel, deviceClasses, type DeviceClass } from '../../plan/device-classes.js';
import type { FleetPlan, Plan, Platform } from '../../plan/types.js';
import { targets } from '../../pipeline/targets/index.js';
import { EFFECT_MODELS } from '../../pipeline/verify/effect/models.js';
import type { ArtifactBytes, Effect as ModelEffect, PlatformModel } from '../../pipeline/verify/effect/types.js';
import type { Action, Effect } from './effect.js';

/**
 * What will act, from the effect model the compiler's verify stage runs (src/pipeline/verify/effect):
 * the fleet's artifacts are built from the plan (unsigned: signing changes no effect) and read back
 * from their bytes by the platform's model, which says what each device class the fleet declares
 * does to the app. A platform without a model (Android, for now) answers undefined, and the
 * caller keeps its own mapping (effect.ts).
 */
export class ModelEffects {
  private artifacts: ArtifactBytes[] | undefined;
  private readonly artifactsOf = new Map<string, ArtifactBytes[]>();
  private readonly readings = new Map<string, unknown>();
  private readonly answers = new Map<string, Effect | null>();

  constructor(private readonly plan: Plan) {}

  effect(fleet: FleetPlan, platform: Platform, appId: string, userEnrollment: boolean): Effect | undefined {
    const model = EFFECT_MODELS[platform] as PlatformModel | undefined;
    if (!model) return undefined;
    const key = `${fleet.id}\n${platform}\n${appId}\n${userEnrollment}`;
    if (!this.answers.has(key)) this.answers.set(key, this.compute(model, fleet, platform, appId, userEnrollment) ?? null);
    return this.answers.get(key) ?? undefined;
  }

  private compute(model: PlatformModel, fleet: FleetPlan, platform: Platform, appId: string, userEnrollment: boolean): Effect | undefined {
    const subject = model.subjects(fleet, this.plan.catalog).find((s) => s.appId === appId && s.intent === 'block');
    if (!subject) return undefined;
    const reading = this.reading(model, fleet, platform);
    // A User Enrollment is never supervised, whatever the fleet says of its devices.
    const classes = deviceClasses(fleet, platform).map((d) => (userEnrollment && 'supervised' in d ? { ...d, supervised: false } : d)) as DeviceClass[];
    const byClass = classes.map((device) => ({ device: classLabel(device), effects: model.effect(reading, device, subject) }));
    // Only what acts on an app already installed: removal, or a block on launching it.
    const actsOf = (effects: ModelEffect[]) => [...new Set(effects.filter((e) => e.outcome === 'removed' || e.outcome === 'blocked-from-launching').map((e) => action(e, platform)))].sort();
    const all = [...new Set(byClass.flatMap((c) => actsOf(c.effects)))].sort() as Action[];
    const everywhere = all.filter((a) => byClass.every((c) => actsOf(c.effects).includes(a)));
    const notes: Effect['notes'] = [];
    if (byClass.some((c) => c.effects.some((e) => e.outcome === 'removed' && e.managedOnly))) notes.push('managed-apps-only');
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
      this.artifactsOf.set(key, mine);
      this.readings.set(key, model.read(mine.map((a) => ({ path: a.path, bytes: a.bytes }))));
    }
    return this.readings.get(key);
  }
}

function action(e: ModelEffect, platform: Platform): Action {
  if (e.outcome === 'removed') return platform === 'android' ? 'uninstalled-by-amapi-blocked' : 'removed-by-remove-application';
  return 'blocked-from-launch';
}

function fleetSupervised(fleet: FleetPlan, platform: Platform): boolean {
  return platform === 'ios' ? (fleet.ios?.settings.supervised ?? false) : platform === 'macos' ? (fleet.macos?.settings.supervised ?? false) : true;
}
