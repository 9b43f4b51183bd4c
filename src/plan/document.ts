/**
 * The input format (v1) as TypeScript sees it after schema validation. Kept in step with
 * schemas/blocklist.schema.json and schemas/catalog.schema.json, which are the definition.
 */

export type Confidence = 'high' | 'medium' | 'low';

export type SourceDoc = string | { text: string; url?: string };

export type IdentifierDoc = string | { value: string; confidence?: Confidence; sources?: SourceDoc[]; note?: string };
export interface DomainDoc {
  value: string;
  confidence?: Confidence;
  sources?: SourceDoc[];
  note?: string;
  shared?: boolean;
}
export type NumericIdentifierDoc = number | string | { value: number | string; confidence?: Confidence; sources?: SourceDoc[]; note?: string };

export interface ReferenceDoc {
  title: string;
  url: string;
  issuer?: string;
  date?: string;
  note?: string;
}

export interface PublisherDoc {
  id: string;
  name: string;
  legalNames?: string[];
  aliases?: string[];
  parent?: string;
  country?: string;
  apple?: { teamIds?: IdentifierDoc[] };
  domains?: DomainDoc[];
  note?: string;
  sources?: SourceDoc[];
}

/** A documented absence: the app has no build for the platform. */
export interface AbsenceDoc {
  confidence?: Confidence;
  sources?: SourceDoc[];
  note?: string;
}

export interface AppleIdsDoc {
  bundleId?: IdentifierDoc;
  appStoreId?: NumericIdentifierDoc;
  teamId?: IdentifierDoc;
  absent?: AbsenceDoc;
}

export interface AndroidIdsDoc {
  package?: IdentifierDoc;
  preinstalled?: PreinstalledDoc;
  absent?: AbsenceDoc;
}

/** block.manufacturers: a device maker the organisation does not want (no fleets: no artifact is per fleet). */
export interface ManufacturerRuleDoc {
  id: string;
  reason?: string;
  references?: (string | ReferenceDoc)[];
}

/** A device maker, by the strings Android reports (AMAPI Device.hardwareInfo manufacturer and brand). */
export interface ManufacturerDoc {
  id: string;
  name: string;
  publisher?: string;
  android: { manufacturer?: string[]; brand?: string[] };
  note?: string;
  sources?: SourceDoc[];
}

/** The manufacturer ships the app in the device's factory image (a system app). */
export interface PreinstalledDoc {
  sources?: SourceDoc[];
  note?: string;
}

export interface AppDoc {
  id: string;
  name: string;
  aliases?: string[];
  publisher?: string;
  featureOf?: string;
  confidence?: Confidence;
  ios?: AppleIdsDoc;
  macos?: AppleIdsDoc;
  android?: AndroidIdsDoc;
  domains?: DomainDoc[];
  listedBy?: string[];
  note?: string;
}

export interface RuleCommon {
  reason?: string;
  references?: (string | ReferenceDoc)[];
  webDomains?: boolean;
  fleets?: string[];
}

export interface PublisherRuleDoc extends RuleCommon {
  id: string;
}

export interface AppRuleDoc extends RuleCommon {
  id: string;
  name?: string;
  publisher?: string;
  ios?: AppleIdsDoc;
  macos?: AppleIdsDoc;
  android?: AndroidIdsDoc;
}

export interface AllowRuleDoc {
  app?: string;
  publisher?: string;
  fleets?: string[];
  until?: string;
  reason?: string;
  references?: (string | ReferenceDoc)[];
}

export interface ProfileTextDoc {
  displayName?: string;
  description?: string;
  organization?: string;
  removalDisallowed?: boolean;
  consentText?: Record<string, string>;
}

/** Where the signing certificate and key are: paths relative to the policy file, never the key itself. */
export interface SigningDoc {
  cert: string;
  key: string;
  chain?: string;
}

export interface IosFleetDoc {
  supervised?: boolean;
  minVersion?: string;
  maxVersion?: string;
  legacyKeys?: boolean;
  removeApps?: boolean;
  profile?: ProfileTextDoc;
}

export interface MacosFleetDoc {
  supervised?: boolean;
  minVersion?: string;
  maxVersion?: string;
  santa?: boolean | { payloadType?: 'com.northpolesec.santa' | 'com.google.santa' };
  chrome?: boolean;
  removeApps?: boolean;
  profile?: ProfileTextDoc;
}

export type AndroidMode = 'fully-managed' | 'company-owned-work-profile' | 'personally-owned-work-profile';

export interface AndroidFleetDoc {
  mode: AndroidMode;
  basePolicy?: string;
  policyName?: string;
}

export interface FleetDoc {
  description?: string;
  ios?: IosFleetDoc;
  macos?: MacosFleetDoc;
  android?: AndroidFleetDoc;
  intune?: boolean;
}

/** An included file: catalog entries, references and shared rules. */
export interface FragmentDoc {
  version?: 1;
  include?: string[];
  references?: Record<string, ReferenceDoc>;
  publishers?: PublisherDoc[];
  apps?: AppDoc[];
  manufacturers?: ManufacturerDoc[];
  block?: { publishers?: PublisherRuleDoc[]; apps?: AppRuleDoc[]; manufacturers?: ManufacturerRuleDoc[] };
  allow?: AllowRuleDoc[];
}

/** The root policy file. */
export interface PolicyDoc extends FragmentDoc {
  version: 1;
  id: string;
  name: string;
  organization?: string;
  description?: string;
  options?: { includeLowConfidence?: boolean; blockWebDomains?: boolean };
  apple?: { profile?: ProfileTextDoc; signing?: SigningDoc };
  fleets?: Record<string, FleetDoc>;
}
