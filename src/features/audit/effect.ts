import type { FleetPlan } from '../../plan/types.js';
import type { Flag } from './flag-index.js';

/** What acts on an installed flagged app once the policy's artifacts are applied. */
export type Action =
  /** iOS restrictions (blockedAppBundleIDs) or app.settings DeniedApps, macOS Santa or DeniedBinaries. */
  | 'blocked-from-launch'
  /** The fleet's RemoveApplication commands (iOS, removeApps). */
  | 'removed-by-remove-application'
  /** AMAPI installType BLOCKED in the fleet's policy. */
  | 'uninstalled-by-amapi-blocked';

/** Why nothing acts on it. */
export type Inaction = 'exception' | 'no-identifier' | 'low-confidence' | 'no-fleet' | 'unsupervised' | 'personal-side' | 'not-covered';

/** Limits on an action the audit cannot check from the inventory; the report says each in words. */
export type EffectNote =
  /** RemoveApplication removes managed apps only (unmanaged ones too on supervised iOS 26+). */
  | 'managed-apps-only'
  /** AMAPI promises removal only for apps "installed under a previous policy" (docs/android.md). */
  | 'amapi-removal-of-user-installed-unconfirmed'
  /** The effect model: not every OS version the fleet declares does all of `acts` (see byClass). */
  | 'not-on-every-os-version';

export interface Effect {
  acts: Action[];
  /** Set when `acts` is empty. */
  nothing?: Inaction;
  notes: EffectNote[];
  /** From the effect model: what each device class the fleet declares (OS version, supervision) does. */
  byClass?: { device: string; acts: Action[] }[];
}

/**
 * What the plan alone decides, before any platform: an app an exception lets through, one no
 * artifact can name, a device in no fleet. Undefined when the fleet's artifacts decide: the effect
 * model answers then (model-effect.ts), the one the compiler's verify stage runs.
 */
export function planInaction(flag: Flag | undefined, fleet: FleetPlan | undefined): Effect | undefined {
  if (!flag) return { acts: [], nothing: 'not-covered', notes: [] };
  if (flag.status === 'allowed') return { acts: [], nothing: 'exception', notes: [] };
  if (flag.status === 'not-enforced') return { acts: [], nothing: flag.notEnforced ?? 'no-identifier', notes: [] };
  if (!fleet) return { acts: [], nothing: 'no-fleet', notes: [] };
  return undefined;
}
