import type { FleetPlan, Platform } from '../../plan/types.js';
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
  /** A fleet that may hold devices on iOS 26+: supervised ones remove unmanaged apps too. */
  | 'unmanaged-too-on-ios-26'
  /** AMAPI promises removal only for apps "installed under a previous policy" (docs/android.md). */
  | 'amapi-removal-of-user-installed-unconfirmed'
  /** macOS: only supervised Macs on 27+ get DeniedBinaries; Santa covers earlier ones when the fleet has it. */
  | 'declarations-need-macos-27'
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

/** What the inventory tells about the device beyond its platform. */
export interface DeviceFacts {
  /** Apple: enrolled by User Enrollment (EnrollmentID): never supervised, its apps are on the personal side unless managed. */
  userEnrollment?: boolean;
  /** AMAPI ownership and management mode, as reported. */
  ownership?: string;
  managementMode?: string;
}

/**
 * The platform facts the compiler uses, read back: which artifact of the fleet acts on a flagged
 * app on this device (docs/apple.md, docs/android.md). One function, so the effect model of
 * src/pipeline/verify/effect/ can take its place.
 */
export function whatWillAct(flag: Flag | undefined, fleet: FleetPlan | undefined, platform: Platform, device: DeviceFacts): Effect {
  if (!flag) return { acts: [], nothing: 'not-covered', notes: [] };
  if (flag.status === 'allowed') return { acts: [], nothing: 'exception', notes: [] };
  if (flag.status === 'not-enforced') return { acts: [], nothing: flag.notEnforced ?? 'no-identifier', notes: [] };
  if (!fleet) return { acts: [], nothing: 'no-fleet', notes: [] };
  if (platform === 'android') return androidEffect();
  if (platform === 'ios') return iosEffect(fleet, device);
  return macosEffect(fleet, flag.blocked?.identifier, device);
}

function iosEffect(fleet: FleetPlan, device: DeviceFacts): Effect {
  const ios = fleet.ios!;
  const supervised = ios.settings.supervised && !device.userEnrollment;
  const acts: Action[] = [];
  const notes: EffectNote[] = [];
  if (supervised && (ios.enforcement.restrictionsProfile || ios.enforcement.declarations)) acts.push('blocked-from-launch');
  if (ios.enforcement.removeApplication) {
    acts.push('removed-by-remove-application');
    notes.push('managed-apps-only');
    if (supervised && (ios.settings.maxVersion === undefined || Number(ios.settings.maxVersion.split('.')[0]) >= 26)) notes.push('unmanaged-too-on-ios-26');
  }
  return acts.length ? { acts, notes } : { acts, nothing: device.userEnrollment ? 'personal-side' : supervised ? 'not-covered' : 'unsupervised', notes };
}

function macosEffect(fleet: FleetPlan, identifier: string | undefined, device: DeviceFacts): Effect {
  const macos = fleet.macos!;
  const bySanta = macos.enforcement.santa !== false && identifier !== undefined && !macos.enforcement.santaUncovered.includes(identifier);
  const supervised = macos.settings.supervised && !device.userEnrollment;
  if (bySanta) return { acts: ['blocked-from-launch'], notes: [] };
  if (macos.enforcement.declarations && supervised) return { acts: ['blocked-from-launch'], notes: ['declarations-need-macos-27'] };
  // With Santa on, an app it cannot name (no Team ID) is uncovered whatever the supervision.
  return { acts: [], nothing: supervised || macos.enforcement.santa !== false ? 'not-covered' : 'unsupervised', notes: [] };
}

/**
 * BLOCKED acts where the fleet's policy reaches: the whole device, or the work profile, whose apps
 * are the ones a work-profile device reports.
 */
function androidEffect(): Effect {
  return { acts: ['uninstalled-by-amapi-blocked'], notes: ['amapi-removal-of-user-installed-unconfirmed'] };
}
