import type { AndroidMode, EnforcementGap, FleetPlan, Platform, SantaPayloadType } from './types.js';

/*
 * The kinds of device a fleet declares, derived from its settings: every OS major in its
 * minVersion..maxVersion range (no maxVersion: up to the newest major Apple has published), with
 * the fleet's supervision and, on macOS, its Santa. Resolve states per class what is not enforced
 * (EnforcementGap); verify models each class from the artifacts' bytes.
 */

/**
 * iOS/iPadOS and macOS majors that exist. Apple numbered its 2025 releases by year: iOS 18 was
 * followed by iOS 26, macOS 15 by macOS 26 (https://www.apple.com/newsroom/2025/06/apple-elevates-the-experience-across-iphone-ipad-mac-watch-and-vision-pro/).
 * 27 is the newest major in Apple's device-management schema (app.settings.yaml, introduced 27.0).
 * macOS 10 stands for every 10.x release.
 */
const IOS_MAJORS: readonly number[] = [9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 26, 27];
const MACOS_MAJORS: readonly number[] = [10, 11, 12, 13, 14, 15, 26, 27];

export interface IosDeviceClass {
  platform: 'ios';
  major: number;
  supervised: boolean;
}

export interface MacosDeviceClass {
  platform: 'macos';
  major: number;
  supervised: boolean;
  /** The Santa payload type the Macs' Santa reads, or false when they have no Santa. */
  santa: false | SantaPayloadType;
}

export interface AndroidDeviceClass {
  platform: 'android';
  mode: AndroidMode;
  /** True when the server's existing policy is known (a base policy was given). */
  baseKnown: boolean;
}

export type DeviceClass = IosDeviceClass | MacosDeviceClass | AndroidDeviceClass;

/** The major of a dotted version ("17.4" → 17). */
export const majorOf = (version: string) => Number(version.split('.')[0]);

/** Majors of `known` within a fleet's range (by major: minVersion 14.5 holds macOS 14). */
function majorsIn(known: readonly number[], min: string, max: string | undefined): number[] {
  const lo = majorOf(min);
  const hi = max === undefined ? Infinity : majorOf(max);
  return known.filter((m) => m >= lo && m <= hi);
}

/** The device classes a fleet declares for a platform (none when it has no such platform). */
export function deviceClasses(fleet: FleetPlan, platform: Platform): DeviceClass[] {
  if (platform === 'ios' && fleet.ios) {
    const s = fleet.ios.settings;
    return majorsIn(IOS_MAJORS, s.minVersion, s.maxVersion).map((major) => ({ platform, major, supervised: s.supervised }));
  }
  if (platform === 'macos' && fleet.macos) {
    const s = fleet.macos.settings;
    const santa = s.santa ? s.santa.payloadType : false;
    return majorsIn(MACOS_MAJORS, s.minVersion, s.maxVersion).map((major) => ({ platform, major, supervised: s.supervised, santa }));
  }
  if (platform === 'android' && fleet.android) {
    return [{ platform, mode: fleet.android.settings.mode, baseKnown: fleet.android.base !== undefined }];
  }
  return [];
}

/** "iOS 17, supervised", "macOS 14, unsupervised, Santa", "Android company-owned-work-profile". */
export function classLabel(d: DeviceClass): string {
  if (d.platform === 'android') return `Android ${d.mode}${d.baseKnown ? ', base policy known' : ''}`;
  const os = d.platform === 'ios' ? 'iOS' : 'macOS';
  return `${os} ${d.major}, ${d.supervised ? 'supervised' : 'unsupervised'}${d.platform === 'macos' && d.santa ? ', Santa' : ''}`;
}

/** Whether a gap the plan states covers a device class. */
export function gapCovers(gap: EnforcementGap, d: DeviceClass): boolean {
  if (d.platform === 'android') return true;
  return (gap.fromMajor === undefined || d.major >= gap.fromMajor) && (gap.toMajor === undefined || d.major <= gap.toMajor);
}

/**
 * The device classes none of the gaps covers: where what the gaps are about is enforced (with no
 * gaps, every class). Empty when the gaps cover every class, and also when the platform has no
 * device classes (a version range that holds no published major, such as iOS 19-25): resolve
 * states a gap for every device of the fleet, so plan.json, the report and explain take it at its
 * word rather than call blocked what no class of the fleet can show.
 */
export function uncoveredClasses(gaps: readonly EnforcementGap[], classes: readonly DeviceClass[]): DeviceClass[] {
  return classes.filter((d) => !gaps.some((g) => gapCovers(g, d)));
}

/** Consecutive classes of one kind as one label: "macOS 14–26 (supervised, Santa)". */
export function classesLabel(devices: readonly DeviceClass[]): string {
  const first = devices[0];
  const last = devices.at(-1);
  if (!first || !last || first.platform === 'android' || last.platform === 'android') return devices.map(classLabel).join('; ');
  const os = first.platform === 'ios' ? 'iOS' : 'macOS';
  const traits = [first.supervised ? 'supervised' : 'unsupervised', ...(first.platform === 'macos' && first.santa ? ['Santa'] : [])];
  return `${os} ${first.major}${last.major !== first.major ? `–${last.major}` : ''} (${traits.join(', ')})`;
}
