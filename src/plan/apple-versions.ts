/**
 * The OS versions where Apple's app-blocking keys begin and end (../shared/platform/apple.md):
 * resolve decides a fleet's enforcement by them, the report explains it by them.
 */
export const APPLE_VERSIONS = {
  /** mdm/profiles/com.apple.applicationaccess.yaml: blockedAppBundleIDs introduced iOS 15.0, blacklistedAppBundleIDs deprecated 15.0. */
  blockedKey: '15.0',
  /** newer-from-index/61449b07…/app.settings.yaml: introduced 27.0 on iOS and macOS (supervised); the profile keys deprecated 27.0. */
  appSettings: '27.0',
  /** newer-from-index/97a11a86…/application.remove.yaml: also removes unmanaged apps on supervised iOS 26 and later. */
  removeUnmanaged: '26.0',
  /** mdm/profiles/com.apple.webcontent-filter.yaml: DenyListURLs introduced iOS 14.5, BlacklistedURLs deprecated 14.5. */
  denyListUrls: '14.5',
};
