/*
 * Apple platform facts the effect model encodes, each with its source in Apple's device-management
 * schema (../shared/conformance/apple; "newer" files under newer-from-index/<commit>/) or Santa's
 * documentation. Written apart from the targets' own constants on purpose: the model must not
 * share a mistake with the code it checks.
 */
export const APPLE_FACTS = {
  /** mdm/profiles/com.apple.applicationaccess.yaml: blacklistedAppBundleIDs iOS 9.3 (deprecated 15.0, not removed), supervised. */
  blacklistedKeyFromIos: 9,
  /** Same file: blockedAppBundleIDs iOS 15.0, supervised, user enrollment forbidden; macOS n/a. */
  blockedKeyFromIos: 15,
  /** newer 61449b07…/declarative/declarations/configurations/app.settings.yaml: iOS and macOS 27.0, allowed-enrollments [supervised]. */
  appSettingsFrom: 27,
  /** newer 97a11a86…/mdm/commands/application.remove.yaml: iOS 5.0, macOS 11.0; removes managed apps. */
  removeApplicationFromMacos: 11,
  /** Same file: "also … unmanaged and system deletable apps on supervised devices in iOS 26 and later". */
  removeUnmanagedFromIos: 26,
} as const;

/**
 * Santa (northpolesec/santa docs/docs/features/binary-authorization.md): the first matching rule
 * in the order CDHASH > BINARY > SIGNINGID > CERTIFICATE > TEAMID decides; BLOCKLIST blocks even
 * in Monitor mode; SIGNINGID and TEAMID rules apply only to binaries signed with a production
 * certificate (the model takes an app as production-signed, as App Store and Developer ID apps are).
 * A SIGNINGID identifier is `TeamID:SigningID`. Keys and values are case-insensitive
 * (../shared/platform/peers.md §1.7).
 */
export const SANTA_PRECEDENCE = ['CDHASH', 'BINARY', 'SIGNINGID', 'CERTIFICATE', 'TEAMID'] as const;
export const SANTA_BLOCKING = new Set(['BLOCKLIST', 'SILENT_BLOCKLIST', 'SILENT_GUI_BLOCKLIST', 'SILENT_TTY_BLOCKLIST']);
export const SANTA_ALLOWING = new Set(['ALLOWLIST', 'ALLOWLIST_COMPILER']);
