import type { Severity } from './diagnostic.js';

/**
 * Every diagnostic code the compiler can report, with its default severity and what it means.
 * Codes are the stable interface (tests and pipelines match on them); messages may change.
 */
export const CODES = {
  // Reading files
  FILE_NOT_FOUND: { severity: 'error', about: 'A policy or included file does not exist.' },
  FILE_UNREADABLE: { severity: 'error', about: 'A file exists but could not be read.' },
  FILE_TOO_LARGE: { severity: 'error', about: 'A file is over the byte cap, or the policy with its includes over the value cap.' },
  FILE_NOT_UTF8: { severity: 'error', about: 'A file is not valid UTF-8 text (NUL bytes, as UTF-16 without a byte order mark has, included).' },
  FILE_LINE_ENDINGS: { severity: 'error', about: 'Lines end with a carriage return alone (classic Mac OS); save the file with LF or CRLF line endings.' },
  // YAML
  YAML_SYNTAX: { severity: 'error', about: 'The YAML cannot be parsed.' },
  YAML_TAB_INDENT: { severity: 'error', about: 'A tab is used for indentation, which YAML forbids.' },
  YAML_DUPLICATE_KEY: { severity: 'error', about: 'A mapping has the same key twice.' },
  YAML_ALIAS_LIMIT: { severity: 'error', about: 'Aliases expand past the cap (a "billion laughs" document) or into the collection they are in.' },
  YAML_KEY_NOT_SCALAR: { severity: 'error', about: 'A mapping key is a list, a mapping or an alias rather than plain text.' },
  YAML_TOO_DEEP: { severity: 'error', about: 'Structures nested deeper than the depth cap.' },
  YAML_MULTI_DOCUMENT: { severity: 'error', about: 'A file holds more than one YAML document.' },
  YAML_EMPTY: { severity: 'error', about: 'A file holds no YAML document.' },
  YAML_VERSION: { severity: 'error', about: 'A %YAML directive names a version other than 1.2 (in YAML 1.1, on/off/yes/no are booleans and << merges).' },
  YAML_TAG: { severity: 'error', about: 'A value carries a YAML type tag the format does not use (!!binary, !!set, !!omap, !!pairs, !!timestamp).' },
  YAML_WARNING: { severity: 'warning', about: 'The YAML parser warned (for example, an unknown tag).' },
  // Includes
  INCLUDE_ABSOLUTE: { severity: 'error', about: "An include, a fleet's basePolicy or an apple.signing file is an absolute path; they are relative to the file that names them." },
  INCLUDE_OUTSIDE_ROOT: { severity: 'error', about: "An include, a fleet's basePolicy or an apple.signing file leaves the policy's folder tree (../ or a symlink)." },
  INCLUDE_CYCLE: { severity: 'error', about: 'Files include each other in a cycle.' },
  INCLUDE_NOT_FILE: { severity: 'error', about: 'An include names a directory or something else that is not a file.' },
  INCLUDE_NOT_YAML: { severity: 'error', about: 'An include names a file without a .yaml or .yml extension.' },
  // Schema
  SCHEMA_UNKNOWN_KEY: { severity: 'error', about: 'A key the format does not define.' },
  SCHEMA_REQUIRED: { severity: 'error', about: 'A required key is missing.' },
  SCHEMA_TYPE: { severity: 'error', about: 'A value has the wrong type.' },
  SCHEMA_VALUE: { severity: 'error', about: 'A value is not one the format allows (enum, pattern, format, range).' },
  // Identifiers and ids
  MALFORMED_BUNDLE_ID: { severity: 'error', about: 'An iOS/macOS bundle ID is not letters, digits, hyphens and dots.' },
  MALFORMED_PACKAGE_NAME: { severity: 'error', about: 'An Android package name is not a valid Java-style package.' },
  MALFORMED_TEAM_ID: { severity: 'error', about: 'An Apple Team ID is not 10 upper-case letters and digits.' },
  NON_ASCII_IDENTIFIER: { severity: 'error', about: 'An identifier holds non-ASCII characters (look-alike letters).' },
  DUPLICATE_ID: { severity: 'error', about: 'Two catalog entries (apps or publishers) have the same id.' },
  ID_COLLISION: { severity: 'error', about: 'An app id equals a publisher id.' },
  DUPLICATE_IDENTIFIER: { severity: 'error', about: 'The same bundle ID or package name belongs to two apps, or the same Team ID to two publishers (catalog lint: also an App Store id).' },
  // Rules
  UNKNOWN_APP: { severity: 'error', about: 'A rule names an app id that is not in the catalog.' },
  UNKNOWN_PUBLISHER: { severity: 'error', about: 'A rule or app names a publisher id that is not in the catalog.' },
  UNKNOWN_REFERENCE: { severity: 'error', about: 'A rule names a reference key that is not defined.' },
  UNKNOWN_FLEET: { severity: 'error', about: 'A rule or exception names a fleet that does not exist.' },
  PUBLISHER_CYCLE: { severity: 'error', about: "Publishers' parents form a cycle." },
  FEATURE_OF_INVALID: { severity: 'error', about: 'featureOf names an unknown app or an app that is itself a feature.' },
  FEATURE_HAS_IDENTIFIERS: { severity: 'error', about: 'An in-app feature (featureOf) has identifiers of its own, which are never used: they belong on the host app.' },
  ABSENT_WITH_IDENTIFIERS: { severity: 'error', about: 'An app says it has no build for a platform (absent) and also gives identifiers for that platform.' },
  INLINE_APP_CONFLICT: { severity: 'error', about: 'A block rule defines identifiers for an id the catalog already has.' },
  EMPTY_BLOCKLIST: { severity: 'error', about: 'The policy has no block rules.' },
  FLEET_NO_PLATFORM: { severity: 'error', about: 'A fleet has none of ios, macos, android.' },
  BLOCKED_AND_ALLOWED: { severity: 'warning', about: 'An app is blocked and allowed in the same fleet; the exception wins.' },
  EXCEPTION_EXPIRED: { severity: 'warning', about: 'An exception is past its until date and is not applied.' },
  EXCEPTION_UNUSED: { severity: 'info', about: 'An exception matches nothing that is blocked.' },
  NO_IDENTIFIER_FOR_PLATFORM: { severity: 'warning', about: 'A blocked app has no identifier for a platform of the fleet: it cannot be enforced there.' },
  LOW_CONFIDENCE_EXCLUDED: { severity: 'info', about: 'An identifier with low-confidence evidence is listed but not blocked (options.includeLowConfidence).' },
  FLEET_BLOCKS_NOTHING: { severity: 'warning', about: 'A fleet and platform end up with nothing blocked.' },
  FLEET_VERSION_RANGE: { severity: 'error', about: "A fleet's maxVersion is lower than its minVersion." },
  // Apple fleets: what the artifacts cannot do on the devices a fleet holds
  IOS_UNSUPERVISED_NO_BLOCKING: { severity: 'warning', about: 'An unsupervised iOS fleet: the profile installs but blocks nothing; only RemoveApplication (managed apps) acts.' },
  IOS_LEGACY_KEY_DEPRECATED: { severity: 'warning', about: 'A fleet gets blacklistedAppBundleIDs, deprecated since iOS 15, for its devices before iOS 15.' },
  IOS_BEFORE_15_NOT_BLOCKED: { severity: 'warning', about: 'A fleet holds devices before iOS 15, which ignore blockedAppBundleIDs, and legacyKeys is off.' },
  IOS_LEGACY_KEYS_UNUSED: { severity: 'info', about: 'legacyKeys is set but the fleet holds no device before iOS 15, so no deprecated key is written.' },
  MACOS_BEFORE_27_NOT_BLOCKED: { severity: 'warning', about: 'A macOS fleet holds Macs before 27 and has no Santa: nothing blocks apps on them.' },
  MACOS_UNSUPERVISED_NO_DECLARATIONS: { severity: 'info', about: 'An unsupervised macOS fleet gets no app.settings declaration (supervised enrollments only).' },
  SANTA_APP_WITHOUT_TEAM_ID: { severity: 'info', about: "A blocked Mac app has no Team ID and its publisher is not blocked whole: Santa has no rule that names it." },
  // Signing (checked before anything is written; messages name files, never their contents)
  SIGN_FILE_UNREADABLE: { severity: 'error', about: 'A signing certificate, key or chain file does not exist or cannot be read.' },
  SIGN_CERT_INVALID: { severity: 'error', about: 'The signing certificate is not a PEM X.509 certificate.' },
  SIGN_CHAIN_INVALID: { severity: 'error', about: 'The chain file holds something other than PEM X.509 certificates.' },
  SIGN_KEY_INVALID: { severity: 'error', about: 'The signing key is not a PEM private key.' },
  SIGN_KEY_ENCRYPTED: { severity: 'error', about: 'The signing key is encrypted and MDM_BLOCKLIST_SIGN_PASSPHRASE is not set.' },
  SIGN_KEY_NOT_CHECKED: { severity: 'info', about: 'The signing key is encrypted and no passphrase is set: validate, plan and compile --check checked the certificate, not the key.' },
  SIGN_KEY_PASSPHRASE_WRONG: { severity: 'error', about: 'The passphrase does not decrypt the signing key.' },
  SIGN_KEY_UNSUPPORTED: { severity: 'error', about: 'The signing key is neither RSA nor EC (P-256, P-384, P-521).' },
  SIGN_KEY_MISMATCH: { severity: 'error', about: 'The signing key does not belong to the signing certificate.' },
  SIGN_CERT_EXPIRED: { severity: 'error', about: 'The signing certificate has expired.' },
  SIGN_CERT_NOT_YET_VALID: { severity: 'error', about: 'The signing certificate is not valid yet.' },
  // Catalog lint (mdm-blocklist catalog lint)
  IDENTIFIER_NO_SOURCE: { severity: 'error', about: 'An identifier, or a platform absence (absent), in a catalog file has no source (entries written in the policy file itself are exempt).' },
  PUBLISHER_NO_APPS: { severity: 'error', about: 'A publisher has no apps, directly or through subsidiaries, and no Team ID: a rule on it blocks nothing.' },
  PUBLISHER_ONLY_TEAM_IDS: { severity: 'info', about: 'A publisher has Team IDs but no apps: a rule on it blocks only on macOS, by Team ID.' },
  APP_NO_PUBLISHER: { severity: 'warning', about: 'An app in a catalog file names no publisher: no publisher rule can reach it.' },
  LOW_CONFIDENCE_NO_NOTE: { severity: 'warning', about: 'A low-confidence identifier has no note (on it or on its app or publisher) saying what is uncertain.' },
  NAME_CLASH: { severity: 'warning', about: "An app's or publisher's name or alias equals another one's, so people and search could confuse them." },
  // Android: base policies, ownership modes, limits
  ANDROID_BASE_SYNTAX: { severity: 'error', about: 'A base policy file is not valid JSON.' },
  ANDROID_BASE_INVALID: { severity: 'error', about: 'A base policy is not an AMAPI Policy object: unknown field, wrong type, unknown value, duplicate key or package.' },
  ANDROID_BASE_FLEET: { severity: 'error', about: 'A base policy is given for a fleet that has no android settings.' },
  ANDROID_BASE_UNINSTALL_DISABLED: { severity: 'error', about: 'The base policy sets uninstallAppsDisabled, which keeps blocked apps from being removed.' },
  ANDROID_BASE_CONFLICT: { severity: 'error', about: 'The base policy installs or offers an app the blocklist blocks (and no exception allows it).' },
  ANDROID_BASE_UNTRUSTED_APPS: { severity: 'warning', about: 'The base policy lets users install apps from unknown sources, so blocked apps can be sideloaded.' },
  ANDROID_BASE_ALLOWLIST: { severity: 'info', about: 'The base policy is an allowlist (WHITELIST or ALLOWLIST mode); it is kept, and blocked entries are added to it.' },
  ANDROID_PERSONAL_PROFILE_UNMANAGED: { severity: 'warning', about: 'A personally owned work-profile fleet: only the work profile can be blocked, the personal profile keeps its apps.' },
  ANDROID_APPLICATIONS_LIMIT: { severity: 'error', about: 'A fleet blocks more Android apps than AMAPI accepts in one policy (3,000).' },
  PREVIOUS_OUTPUT_INVALID: { severity: 'error', about: 'The --previous folder is not an mdm-blocklist output, or a file in it differs from its manifest.' },
  // Targets and output
  OUTPUT_INVALID: { severity: 'error', about: 'An artifact failed the output check (a compiler defect or a value the format cannot carry).' },
  UNSAFE_TEXT: { severity: 'error', about: 'A value holds characters an output format cannot carry (control characters, unpaired surrogates).' },
  // Writing
  OUTPUT_LOCKED: { severity: 'error', about: 'Another compile is writing the same output folder.' },
  OUTPUT_CONFLICT: { severity: 'error', about: 'The output folder holds a file the compiler would overwrite but did not make.' },
  OUTPUT_IO: { severity: 'error', about: 'The output folder could not be written.' },
  OUTPUT_OWNER_CHANGED: { severity: 'warning', about: 'The output folder, or a folder of yours in it, could not keep its owner or group (only root can give a folder to another user).' },
} as const satisfies Record<string, { severity: Severity; about: string }>;

export type DiagnosticCode = keyof typeof CODES;
