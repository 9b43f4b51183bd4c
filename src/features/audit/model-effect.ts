import { DiagnosticBag } from '../../common/diagnostics/diagnostic.js';
import { classLabel, deviceClasses, type DeviceClass } from '../../plan/device-classes.js';
import type { FleetPlan, Plan, Platform } from '../../plan/types.js';
import { buildArtifacts } from '../../pipeline/build-artifacts.js';
import type { Artifact } from '../../pipeline/targets/artifact.js';
import { EFFECT_MODELS } from '../../pipeline/verify/effect/models.js';
import type { AndroidId } from '../../pipeline/verify/effect/android/model.js';
import { sidesOf, type Side } from '../../pipeline/verify/effect/android/device.js';
import type { Effect as ModelEffect, PlatformModel, Subject } from '../../pipeline/verify/effect/types.js';
import type { Action, Effect } from './effect.js';

/** One fleet and platform as the model sees it: its artifacts read once, its blocked subjects indexed once. */
interface FleetModel {
  model: PlatformModel;
  reading: unknown;
  /** Apple: by catalog app id. Android: by package name, on the side the fleet's policy governs. */
  blocked: Map<string, Subject>;
}

/**
 * What will act, from the effect model the compiler's verify stage runs (src/pipeline/verify/effect):
 * the fleet's artifacts are the ones compile ships (buildArtifacts, the same function compile
 * calls; unsigned: signing changes no effect) read back from their bytes by the platform's model,
 * which says what each device class the fleet declares does to the app. The one source of platform
 * facts: audit has no mapping of its own.
 */
export class ModelEffects {
  private artifacts: readonly Artifact[] | undefined;
  private readonly fleets = new Map<string, FleetModel | undefined>();
  private readonly answers = new Map<string, Effect>();

  constructor(private readonly plan: Plan) {}

  /** Builds the policy's artifacts, once; `effect` needs them. Audit calls it only when some finding needs the model. */
  async load(): Promise<void> {
    this.artifacts ??= await buildArtifacts(this.plan, new DiagnosticBag());
  }

  /** What acts on a blocked app (`identifier` as the inventory reports it) on a device of the fleet. */
  effect(fleet: FleetPlan, platform: Platform, appId: string, identifier: string, userEnrollment: boolean): Effect {
    const key = `${fleet.id}\n${platform}\n${appId}\n${identifier}\n${userEnrollment}`;
    let answer = this.answers.get(key);
    if (!answer) this.answers.set(key, (answer = this.compute(fleet, platform, appId, identifier, userEnrollment)));
    return answer;
  }

  private compute(fleet: FleetPlan, platform: Platform, appId: string, identifier: string, userEnrollment: boolean): Effect {
    const modelled = this.fleetModel(fleet, platform);
    const subject = modelled?.blocked.get(platform === 'android' ? identifier : appId);
    // Every platform has a model (models.ts) and every blocked app a subject; were one missing, no artifact is known to act.
    if (!modelled || !subject) return { acts: [], nothing: 'not-covered', notes: [] };
    const { model, reading } = modelled;
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

  /** The fleet's artifacts read and its subjects listed, once per fleet and platform (not per app). */
  private fleetModel(fleet: FleetPlan, platform: Platform): FleetModel | undefined {
    const key = `${fleet.id}\n${platform}`;
    if (this.fleets.has(key)) return this.fleets.get(key);
    if (!this.artifacts) throw new Error('ModelEffects.load() must be awaited before effect()');
    const model = EFFECT_MODELS[platform] as PlatformModel | undefined;
    const mine = this.artifacts.filter((a) => a.fleet === fleet.id && a.platform === platform).map((a) => ({ path: a.path, bytes: a.bytes }));
    const modelled = model && { model, reading: model.read(mine), blocked: blockedSubjects(model.subjects(fleet, this.plan.catalog), fleet, platform) };
    this.fleets.set(key, modelled);
    return modelled;
  }
}

/**
 * The subjects the fleet blocks, by what a finding names. Android: the reported package on the
 * device's side the fleet's policy governs, the whole device (fully managed) or the work profile,
 * whose apps are the ones a device whose Android Device Policy is profile owner reports
 * (Device.managementMode PROFILE_OWNER: "has control over a managed profile on the device", AMAPI
 * discovery document). Both sides are read the same way. The first subject of a name counts.
 */
function blockedSubjects(subjects: readonly Subject[], fleet: FleetPlan, platform: Platform): Map<string, Subject> {
  const side: Side | undefined = platform === 'android' ? (sidesOf(fleet.android!.settings.mode).includes('device') ? 'device' : 'work') : undefined;
  const byName = new Map<string, Subject>();
  for (const s of subjects) {
    if (s.intent !== 'block') continue;
    const id = s.id as AndroidId;
    const name = side === undefined ? s.appId : id.side === side ? id.packageName : undefined;
    if (name !== undefined && !byName.has(name)) byName.set(name, s);
  }
  return byName;
}

function action(e: ModelEffect, platform: Platform): Action {
  if (e.outcome === 'removed') return platform === 'android' ? 'uninstalled-by-amapi-blocked' : 'removed-by-remove-application';
  return 'blocked-from-launch';
}

function fleetSupervised(fleet: FleetPlan, platform: Platform): boolean {
  return platform === 'ios' ? (fleet.ios?.settings.supervised ?? false) : platform === 'macos' ? (fleet.macos?.settings.supervised ?? false) : true;
}
