import { PLATFORMS, type Platform } from '../../plan/types.js';
import type { DeviceFinding } from './device-findings.js';

/** What the tally needs of a finding: the device, its platform, and whether an exception allows the app. */
interface AppFindingLike {
  device: string;
  platform: Platform;
  status: string;
}

/** Devices with findings, each counted once: the one definition the JSON, the text and audit.html use. */
export interface DeviceTally {
  /** Devices with a flagged install (not one an exception allows) or a device-level finding. */
  withFindings: number;
  /** Of them, the devices with a flagged install. */
  withFlaggedApps: number;
  /** Of them, the devices made by a manufacturer the policy names, however many of its rules name the maker. */
  madeByNamedMaker: number;
  /** `withFindings` per platform. */
  byPlatform: Record<Platform, number>;
}

/**
 * Counts devices, not findings: a device with two flagged apps, made by a maker two rules name, or
 * with both a flagged app and a maker finding is one device. A device is its platform and id (the
 * reader skips one read twice, so an id is never counted for two platforms).
 */
export function deviceTally(findings: readonly AppFindingLike[], deviceFindings: readonly DeviceFinding[]): DeviceTally {
  const key = (f: { device: string; platform: Platform }) => `${f.platform}\n${f.device}`;
  const apps = new Map<string, Platform>();
  for (const f of findings) if (f.status !== 'allowed') apps.set(key(f), f.platform);
  const makers = new Map<string, Platform>();
  for (const f of deviceFindings) makers.set(key(f), f.platform);
  const all = new Map([...apps, ...makers]);
  const byPlatform = Object.fromEntries(PLATFORMS.map((p) => [p, 0])) as Record<Platform, number>;
  for (const platform of all.values()) byPlatform[platform]++;
  return { withFindings: all.size, withFlaggedApps: apps.size, madeByNamedMaker: makers.size, byPlatform };
}
