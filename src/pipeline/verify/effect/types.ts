import type { DeviceClass } from '../../../plan/device-classes.js';
import type { Catalog, EnforcementGap, FleetPlan, Platform } from '../../../plan/types.js';

/*
 * The effect model's vocabulary. A platform model reads a fleet's artifacts from their bytes (it
 * never calls target code) and says, for a device class and one subject (an app, or the apps of a
 * team the catalog does not list), what the device does. docs/effect.md describes the interface.
 */

/** What a device does to an app because of an artifact. No effect at all means "untouched". */
export type Outcome = 'blocked-from-launching' | 'blocked-from-install' | 'blocked-in-browser' | 'removed' | 'allowed';

export interface Effect {
  outcome: Outcome;
  /** The artifact (output-folder path) that causes it. */
  by: string;
  /** 'removed' that reaches only apps the MDM installed (managed apps). */
  managedOnly?: boolean;
}

/** What the plan means for a subject in a fleet: block it, let it through (an exception), or leave it alone. */
export type Intent = 'block' | 'allow' | 'untouched';

export interface Subject<Id = unknown> {
  /** Stable and unique within a fleet and platform. */
  key: string;
  /** For messages: the app id (and what identifies it), or the team whose unlisted apps it stands for. */
  label: string;
  /** The catalog app, absent for a team's apps the catalog does not list. */
  appId?: string;
  /** macOS: the Team ID whose apps the catalog does not list this subject stands for. */
  teamId?: string;
  /** Web models: the catalogued domain this subject is. */
  domain?: string;
  intent: Intent;
  /** What the platform model matches artifacts against (bundle ID, signing ID and team, package name). */
  id: Id;
}

/** An artifact as the model sees it: where it is written and its bytes. */
export interface ArtifactBytes {
  path: string;
  bytes: Uint8Array;
}

export interface PlatformModel<D extends DeviceClass = DeviceClass, Id = unknown, Reading = unknown> {
  platform: Platform;
  /** Every subject a fleet's devices may hold, with the plan's intent: from the plan and catalog only. */
  subjects(fleet: FleetPlan, catalog: Catalog): Subject<Id>[];
  /** The fleet's artifacts for this platform, parsed from their bytes once per fleet. */
  read(artifacts: readonly ArtifactBytes[]): Reading;
  /** What a device of this class does to the subject. */
  effect(reading: Reading, device: D, subject: Subject<Id>): Effect[];
  /**
   * Whether any artifact the compiler could write, within the fleet's settings, would block the
   * subject on this class while letting `allowed` through. False is "the platform cannot".
   */
  canBlock(fleet: FleetPlan, device: D, subject: Subject<Id>, allowed: readonly Subject<Id>[]): boolean;
  /** Where the plan says blocked apps are not blocked (its enforcement gaps). */
  gaps(fleet: FleetPlan): readonly EnforcementGap[];
}

/** What one device class of a fleet does, for the report's effect view. */
export interface ClassEffect {
  device: DeviceClass;
  /** Subjects the plan blocks and the device blocks, by label. */
  blocked: string[];
  /** Subjects the plan blocks that the device does not (a stated gap), by label. */
  notEnforced: string[];
  /** Subjects removed where the MDM manages them. */
  removed: string[];
  /** The artifacts that act on this class. */
  by: string[];
}

export interface FleetEffect {
  fleet: string;
  platform: Platform;
  /** False when the platform has no model yet: its effect is not checked. */
  checked: boolean;
  /** The web model's effect (blocked domains in browsers), not the apps'. */
  web?: true;
  classes: ClassEffect[];
}

export const isBlocking = (e: Effect) => e.outcome === 'blocked-from-launching' || e.outcome === 'blocked-from-install' || e.outcome === 'blocked-in-browser';
