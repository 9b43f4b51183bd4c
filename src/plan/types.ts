import type { SourcePosition } from '../common/diagnostics/diagnostic.js';
import type { AndroidMode, Confidence } from './document.js';

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
  /** Where each source is written, in the order of `sources` (catalog lint points at them). */
  sourcesAt?: SourcePosition[];
  note?: string;
  at: SourcePosition;
}

/**
 * A web domain of an app or publisher (a host name). A shared one (a CDN, a login or search
 * domain unrelated services use too) is listed but never blocked.
 */
export interface Domain extends Identifier {
  shared: boolean;
}

/**
 * A documented absence: the app has no build for a platform (a store search, the vendor's page
 * say so). Unlike a missing identifier it is not a gap: nothing can be blocked there.
 */
export interface Absence {
  confidence: Confidence;
  sources: Source[];
  /** Where each source is written, in the order of `sources`. */
  sourcesAt?: SourcePosition[];
  note?: string;
  at: SourcePosition;
}

/**
 * The app ships as a system app in a manufacturer's factory image. BLOCKED keeps it from being
 * installed but cannot uninstall that copy (docs/effect.md, "Pre-installed apps").
 */
export interface Preinstalled {
  sources: Source[];
  /** Where each source is written, in the order of `sources`. */
  sourcesAt?: SourcePosition[];
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
  domains: Domain[];
  note?: string;
  sources: Source[];
  /** Where each source is written, in the order of `sources`. */
  sourcesAt?: SourcePosition[];
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
  android: { package?: Identifier; preinstalled?: Preinstalled };
  domains: Domain[];
  /** Platforms the app has no build for, with the evidence. */
  absent: Partial<Record<Platform, Absence>>;
  /** Platforms whose identifier the catalog gives but resolve refused (malformed): an error says so, not a missing-identifier warning. */
  refused?: Platform[];
  listedBy: string[];
  note?: string;
  /** Defined in a block rule rather than in a catalog file. */
  inline: boolean;
  at: SourcePosition;
}

/**
 * A device maker, by the strings Android reports: Build.MANUFACTURER and Build.BRAND, which AMAPI
 * carries as Device.hardwareInfo.manufacturer and .brand. Matching ignores case.
 */
export interface Manufacturer {
  id: string;
  name: string;
  /** The publisher whose apps it pre-installs. */
  publisher?: string;
  android: { manufacturer: string[]; brand: string[] };
  note?: string;
  sources: Source[];
  /** Where each source is written, in the order of `sources`. */
  sourcesAt?: SourcePosition[];
  at: SourcePosition;
}

/** The catalog every loaded file contributed to, indexed. */
export interface Catalog {
  apps: Map<string, App>;
  publishers: Map<string, Publisher>;
  references: Map<string, Reference>;
  /** Device makers (a namespace of their own: block.manufacturers names only these). */
  manufacturers: Map<string, Manufacturer>;
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
  /** Highest OS version in the fleet, "major.minor"; absent when the fleet takes every new release. */
  maxVersion?: string;
  legacyKeys: boolean;
  removeApps: boolean;
  profile?: ProfileText;
}

export interface MacosSettings {
  supervised: boolean;
  minVersion: string;
  /** Highest OS version in the fleet, "major.minor"; absent when the fleet takes every new release. */
  maxVersion?: string;
  santa: false | { payloadType: SantaPayloadType };
  /** Chrome on these Macs takes com.google.Chrome profiles: blocked domains go to its URLBlocklist. */
  chrome: boolean;
  removeApps: boolean;
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

/**
 * A blocked app with a documented absence on the platform: it has no build there, so there is
 * nothing to block and nothing missing. Listed apart from notEnforced, which holds real gaps.
 */
export interface AbsentApp {
  app: AppSummary;
  confidence: Confidence;
  sources: Source[];
  note?: string;
  because: Provenance[];
}

/** A whole publisher blocked on macOS by its Apple Team ID. */
export interface BlockedTeam {
  teamId: string;
  publisher: { id: string; name: string };
  confidence: Confidence;
  sources: Source[];
  because: Provenance[];
  /**
   * The publisher's apps an exception lets through in this fleet that this team may sign (their
   * own Team ID is this one, or unknown). Santa keeps the TEAMID block and allows each by SIGNINGID;
   * DDM cannot deny the team whole (a deny matches them too), so it denies the team's known apps.
   */
  allows: AllowedMacApp[];
}

/** An app an exception lets through, as macOS rules name it. */
export interface AllowedMacApp {
  app: AppSummary;
  /** Its macOS bundle ID, taken as its signing ID. */
  identifier: string;
  teamId?: string;
}

/**
 * A Team ID a publisher rule reaches but that is not enforced: its evidence is low-confidence
 * (and the policy does not opt in), or an exception lets one of the publisher's apps through and a
 * Team ID rule would block that app too. Listed so the report never hides what is left out.
 */
export interface TeamNotEnforced {
  teamId: string;
  publisher: { id: string; name: string };
  confidence: Confidence;
  sources: Source[];
  /**
   * 'low-confidence': not blocked anywhere. 'allowed': an exception lets one of the team's apps
   * through and no artifact of this fleet can block the team's other (unknown) apps.
   */
  why: 'low-confidence' | 'allowed';
  because: Provenance[];
  /** For 'allowed': the apps the exception lets through. */
  allows?: AppSummary[];
}

export interface IosPlan {
  settings: IosSettings;
  blocked: BlockedApp[];
  notEnforced: NotEnforced[];
  /** Blocked apps that have no iOS build. */
  absent: AbsentApp[];
  enforcement: IosEnforcement;
}

export interface MacosPlan {
  settings: MacosSettings;
  blocked: BlockedApp[];
  teams: BlockedTeam[];
  teamsNotEnforced: TeamNotEnforced[];
  /**
   * Blocked apps no Team ID rule in `teams` covers, so each needs a Santa SIGNINGID rule of its own
   * (when the Team ID is known).
   */
  appRules: BlockedApp[];
  /**
   * Blocked apps DDM must deny by SigningID: those no team in `teams` covers, and those of a team
   * that also signs an allowed app (DDM cannot deny that team whole).
   */
  ddmAppRules: BlockedApp[];
  notEnforced: NotEnforced[];
  /** Blocked apps that have no Mac build. */
  absent: AbsentApp[];
  enforcement: MacosEnforcement;
}

/**
 * What an Apple fleet's devices need to know that the artifacts cannot say. The report turns each
 * code into a sentence; targets never read these.
 */
export type AppleCaveat =
  /** Bundle-ID blocking needs supervision: the profile installs on these devices but blocks nothing. */
  | 'unsupervised-profile-does-not-block'
  /** app.settings is for supervised enrollments only, so no declaration is written for this fleet. */
  | 'unsupervised-no-declarations'
  /** blacklistedAppBundleIDs is written for devices before iOS 15; Apple deprecated it in iOS 15. */
  | 'legacy-key-deprecated'
  /** Devices before iOS 15 ignore blockedAppBundleIDs and the fleet did not ask for legacyKeys. */
  | 'before-15-not-blocked'
  /** blockedAppBundleIDs is deprecated in iOS 27; devices on 27 also get the app.settings declaration. */
  | 'profile-key-deprecated-on-27'
  /** RemoveApplication removes managed apps only on these devices (unmanaged too: supervised, iOS 26+). */
  | 'remove-managed-apps-only'
  /** Macs before 27 have no publisher rule without Santa, and the fleet did not enable Santa. */
  | 'macos-before-27-not-blocked'
  /** Some blocked Mac apps have no Team ID and no publisher Team ID rule covers them: Santa cannot name them. */
  | 'santa-apps-without-team-id';

/**
 * Why an app the policy blocks is not blocked on some of a fleet's devices although the artifacts
 * are right: the platform has no means there. The effect check (verify) proves each gap against an
 * independent model of the devices; plan.json and the report say "not enforced" for it.
 */
export type GapReason =
  /** iOS: bundle-ID blocking (profile and app.settings) needs supervision; macOS: app.settings does. */
  | 'unsupervised'
  /** iOS before 15 ignores blockedAppBundleIDs and the fleet did not ask for legacyKeys. */
  | 'before-15'
  /** macOS before 27 has no app-blocking key; only Santa blocks there and the fleet has none. */
  | 'no-santa-before-27'
  /** Santa names an app by TeamID:SigningID; this app's Team ID is unknown and its team is not blocked whole. */
  | 'no-team-id'
  /** DDM denies apps of a team that signs an allowed app one by one; its unknown apps run. */
  | 'team-has-allowed-app'
  /** Web: the iOS built-in web content filter installs on supervised devices only. */
  | 'web-unsupervised'
  /** Web: iOS before 14.5 ignores DenyListURLs and the fleet did not ask for legacyKeys (BlacklistedURLs). */
  | 'web-before-14.5'
  /** Web: macOS has no built-in domain filter and the fleet declares no browser channel (chrome). */
  | 'web-no-browser-channel';

export interface EnforcementGap {
  why: GapReason;
  /** OS majors the gap covers, inclusive; absent ends are open. */
  fromMajor?: number;
  toMajor?: number;
  /** App ids not blocked there. */
  apps: string[];
  /** macOS: Team IDs whose apps the catalog does not list are not blocked there. */
  teams?: string[];
  /** Web gaps: the domains not blocked there (apps is then empty). */
  domains?: string[];
}

export interface IosEnforcement {
  /** Where blocked apps are not blocked although they have a bundle ID (empty: blocked on every device class). */
  gaps: EnforcementGap[];
  /** restrictions.mobileconfig with blockedAppBundleIDs: the fleet may hold devices before iOS 27. */
  restrictionsProfile: boolean;
  /** blacklistedAppBundleIDs as well: devices before iOS 15, and the fleet set legacyKeys. */
  legacyKey: boolean;
  /** The app.settings declaration (DeniedApps) and its activation: supervised devices on iOS 27+. */
  declarations: boolean;
  /** One RemoveApplication command per blocked app (removeApps). */
  removeApplication: boolean;
  caveats: AppleCaveat[];
}

export interface MacosEnforcement {
  /** Where blocked apps (or the unknown apps of blocked teams) are not blocked. */
  gaps: EnforcementGap[];
  /** One RemoveApplication command per blocked app with a macOS bundle ID (removeApps, macOS 11+). */
  removeApplication: boolean;
  /** The Santa profile's payload type, or false when the fleet has no Santa. */
  santa: false | SantaPayloadType;
  /** The app.settings declaration (DeniedBinaries) and its activation: supervised Macs on 27+. */
  declarations: boolean;
  /** Bundle IDs of blocked apps that no Santa rule can name (no Team ID, publisher not blocked whole). */
  santaUncovered: string[];
  caveats: AppleCaveat[];
}

export type SantaPayloadType = 'com.northpolesec.santa' | 'com.google.santa';

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
  /** Blocked apps that have no Android build. */
  absent: AbsentApp[];
  base?: AndroidBase;
  /** Web domains Chrome's managed configuration blocks (URLBlocklist); absent when none. */
  webDomains?: string[];
  /**
   * Package names an earlier compile blocked in this fleet (from --previous); present only when
   * one was given, so targets can tell "nothing before" from "not asked".
   */
  previouslyBlocked?: string[];
}

/** Whose web domain it is: the catalog app or publisher that lists it. */
export interface DomainOwner {
  kind: 'app' | 'publisher';
  id: string;
  name: string;
}

/** A web domain a fleet blocks in managed browsers, with why (the rules that reach its owner). */
export interface BlockedDomain {
  domain: string;
  owner: DomainOwner;
  confidence: Confidence;
  sources: Source[];
  note?: string;
  because: Provenance[];
}

/** A catalogued domain a web-blocking rule reaches but that is not blocked, and why. */
export interface DomainNotEnforced {
  domain: string;
  owner: DomainOwner;
  /** 'shared': other services use it too; 'low-confidence': weak evidence; 'allowed': an exception lets its owner through. */
  why: 'shared' | 'low-confidence' | 'allowed';
  confidence: Confidence;
  sources: Source[];
  note?: string;
  because: Provenance[];
  /** For 'allowed': the exception's kind and id. */
  exception?: { kind: 'app' | 'publisher'; id: string };
}

/**
 * What the fleet's platforms do with its blocked domains. iOS: a web content filter profile
 * (supervised only); Android: Chrome's URLBlocklist in its managed configuration; macOS: a Chrome
 * preferences profile when the fleet declares chrome. `gaps` say where domains are not blocked.
 */
export interface WebPlan {
  blocked: BlockedDomain[];
  notEnforced: DomainNotEnforced[];
  ios?: { filterProfile: boolean; legacyKey: boolean; gaps: EnforcementGap[] };
  macos?: { chromeProfile: boolean; gaps: EnforcementGap[] };
  android?: { chromeConfiguration: boolean; gaps: EnforcementGap[] };
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
  /** The fleet asked for Microsoft Graph request bodies for Intune (`intune: true`). */
  intune?: true;
  /** Present when some block rule of the fleet blocks web domains (blockWebDomains, webDomains). */
  web?: WebPlan;
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
  options: {
    includeLowConfidence: boolean;
    /** options.blockWebDomains: the default of each block rule's webDomains. */
    blockWebDomains?: true;
    /** Mixed into every CommandUUID, so a pipeline that re-sends a command gets a fresh one. */
    commandUuidSalt?: string;
  };
  apple: { profile?: ProfileText };
  fleets: FleetPlan[];
  catalog: Catalog;
  /** The rules as written, so features (catalog show, lint) read them here instead of resolving again. */
  rules: Rules;
}

/** A block rule of the policy or an included file: an app or a whole publisher. */
export interface BlockRule {
  kind: 'app' | 'publisher';
  id: string;
  reason?: string;
  references: Reference[];
  /** The rule's own webDomains; absent: options.blockWebDomains decides. */
  webDomains?: boolean;
  fleets?: string[];
  at: SourcePosition;
  fleetsAt: SourcePosition;
}

/** An exception: lets an app (or a publisher's apps) through the block rules. */
export interface AllowRule {
  kind: 'app' | 'publisher';
  id: string;
  until?: string;
  reason?: string;
  references: Reference[];
  fleets?: string[];
  at: SourcePosition;
  fleetsAt: SourcePosition;
}

/**
 * A device maker the policy names (block.manufacturers). No MDM artifact blocks hardware: compile
 * says so, the report lists it, and audit flags each inventory device it made.
 */
export interface ManufacturerRule {
  manufacturer: Manufacturer;
  reason?: string;
  references: Reference[];
  at: SourcePosition;
}

/** Every rule the policy and its includes hold, in file order. */
export interface Rules {
  block: BlockRule[];
  allow: AllowRule[];
  /** Device makers the policy names; absent when it names none. */
  manufacturers?: ManufacturerRule[];
}

