import type { SourcePosition } from '../diagnostics/diagnostic.js';
import type { AndroidMode, Confidence } from '../model/document.js';

export type { AndroidMode, Confidence };
export type Platform = 'ios' | 'macos' | 'android';
export const PLATFORMS: readonly Platform[] = ['ios', 'macos', 'android'];

export interface Source {
  text: string;
  url?: string;
}

/** One identifier of an app or publisher, with the evidence behind it. */
export interface Identifier {
  value: string;
  confidence: Confidence;
  sources: Source[];
  note?: string;
  at: SourcePosition;
}

export interface Reference {
  /** The key in `references:` when the rule named one. */
  key?: string;
  title: string;
  url: string;
  issuer?: string;
  date?: string;
  note?: string;
}

export interface Publisher {
  id: string;
  name: string;
  legalNames: string[];
  aliases: string[];
  parent?: string;
  country?: string;
  teamIds: Identifier[];
  note?: string;
  sources: Source[];
  at: SourcePosition;
}

export interface AppleIds {
  bundleId?: Identifier;
  appStoreId?: Identifier;
  teamId?: Identifier;
}

export interface App {
  id: string;
  name: string;
  aliases: string[];
  publisher?: string;
  featureOf?: string;
  confidence: Confidence;
  ios: AppleIds;
  macos: AppleIds;
  android: { package?: Identifier };
  listedBy: string[];
  note?: string;
  /** Defined in a block rule rather than in a catalog file. */
  inline: boolean;
  at: SourcePosition;
}

/** The catalog every loaded file contributed to, indexed. */
export interface Catalog {
  apps: Map<string, App>;
  publishers: Map<string, Publisher>;
  references: Map<string, Reference>;
}

export interface ProfileText {
  displayName?: string;
  description?: string;
  organization?: string;
  removalDisallowed?: boolean;
  consentText?: Record<string, string>;
}

export interface IosSettings {
  supervised: boolean;
  /** Lowest OS version in the fleet, "major.minor". */
  minVersion: string;
  legacyKeys: boolean;
  removeApps: boolean;
  profile?: ProfileText;
}

export interface MacosSettings {
  supervised: boolean;
  minVersion: string;
  santa: false | { payloadType: 'com.northpolesec.santa' | 'com.google.santa' };
  profile?: ProfileText;
}

export interface AndroidSettings {
  mode: AndroidMode;
  /** Absolute path of the AMAPI policy the blocklist is laid onto (absent when given as an object). */
  basePolicy?: string;
  policyName?: string;
}

/** Why an app is blocked: one rule, and the chain from it to the app. */
export interface Provenance {
  rule: 'app' | 'publisher';
  /** The app or publisher id the rule names. */
  ruleId: string;
  /** Publisher ids from the rule's publisher down to the app's own, or [feature id] for an in-app feature. */
  via: string[];
  reason?: string;
  references: Reference[];
  at: SourcePosition;
}

export interface AppSummary {
  id: string;
  name: string;
  publisher?: { id: string; name: string };
  confidence: Confidence;
}

export interface BlockedApp {
  /** Bundle ID (Apple) or package name (Android). */
  identifier: string;
  app: AppSummary;
  appStoreId?: string;
  teamId?: string;
  confidence: Confidence;
  sources: Source[];
  because: Provenance[];
}

export interface NotEnforced {
  app: AppSummary;
  why: 'no-identifier' | 'low-confidence' | 'allowed';
  identifier?: string;
  because: Provenance[];
  /** For 'allowed': the exception that lets it through. */
  exception?: ExceptionInForce;
}

/** A whole publisher blocked on macOS by its Apple Team ID. */
export interface BlockedTeam {
  teamId: string;
  publisher: { id: string; name: string };
  confidence: Confidence;
  sources: Source[];
  because: Provenance[];
}

export interface IosPlan {
  settings: IosSettings;
  blocked: BlockedApp[];
  notEnforced: NotEnforced[];
}

export interface MacosPlan {
  settings: MacosSettings;
  blocked: BlockedApp[];
  teams: BlockedTeam[];
  notEnforced: NotEnforced[];
}

/**
 * Which parts of a device the blocking reaches, by ownership mode: a fully managed device whole;
 * a company-owned device's work profile and, through personalUsagePolicies, its personal profile;
 * on a personally owned device only the work profile (docs/android.md).
 */
export type AndroidScope = 'device' | 'work-and-personal-profiles' | 'work-profile-only';

/** An existing AMAPI Policy the blocklist is laid onto, as read and checked by load and resolve. */
export interface AndroidBase {
  /** The file as diagnostics show it, or a label when the library was given the object. */
  file: string;
  /** The parsed Policy; every field the compiler does not own is copied from it unchanged. */
  policy: Record<string, unknown>;
  /** Its work-side mode with defaults applied (unset means WHITELIST, discovery document). */
  playStoreMode: 'BLACKLIST' | 'WHITELIST';
  /** Its personal-side mode with defaults applied (unset means BLOCKLIST; BLACKLIST is the deprecated name). */
  personalPlayStoreMode: 'BLOCKLIST' | 'ALLOWLIST';
}

export interface AndroidPlan {
  settings: AndroidSettings;
  scope: AndroidScope;
  blocked: BlockedApp[];
  notEnforced: NotEnforced[];
  base?: AndroidBase;
  /**
   * Package names an earlier compile blocked in this fleet (from --previous); present only when
   * one was given, so targets can tell "nothing before" from "not asked".
   */
  previouslyBlocked?: string[];
}

export interface ExceptionInForce {
  kind: 'app' | 'publisher';
  id: string;
  until?: string;
  reason?: string;
  references: Reference[];
  /** App ids this exception keeps from being blocked in the fleet. */
  lets: string[];
  at: SourcePosition;
}

export interface FleetPlan {
  id: string;
  description?: string;
  /** True for the `default` fleet of a policy that declares none. */
  implicit: boolean;
  ios?: IosPlan;
  macos?: MacosPlan;
  android?: AndroidPlan;
  exceptions: ExceptionInForce[];
  expiredExceptions: ExceptionInForce[];
}

/** The one intermediate form every target reads. Sorted, so targets need not sort again. */
export interface Plan {
  policy: {
    id: string;
    name: string;
    organization?: string;
    description?: string;
    /** The root policy file as diagnostics show it. */
    file: string;
  };
  options: { includeLowConfidence: boolean };
  apple: { profile?: ProfileText };
  fleets: FleetPlan[];
  catalog: Catalog;
}
