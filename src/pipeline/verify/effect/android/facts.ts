/*
 * AMAPI facts the Android effect model encodes, each quoted from Google's discovery document for
 * androidmanagement v1, revision 20260408 (../shared/conformance/android/androidmanagement-v1.json;
 * notes with more context in ../shared/platform/android.md). Written apart from the targets' own
 * constants on purpose: the model must not share a mistake with the code it checks.
 * test/pipeline/verify/effect/android-facts.test.ts checks each quote is in the document.
 */

export interface Fact {
  /** Schema and field (or enum value) the quote belongs to. */
  at: string;
  quote: string;
}

export const AMAPI_FACTS = {
  /** A BLOCKED work-side entry: not installable, and removed if a policy installed it. */
  blocked: { at: 'ApplicationPolicy.installType BLOCKED', quote: "The app is blocked and can't be installed. If the app was installed under a previous policy, it will be uninstalled." },
  /** playStoreMode WHITELIST, and what unset means. */
  whitelist: { at: 'Policy.playStoreMode WHITELIST', quote: 'Only apps that are in the policy are available and any app not in the policy will be automatically uninstalled from the device.' },
  unspecifiedIsWhitelist: { at: 'Policy.playStoreMode PLAY_STORE_MODE_UNSPECIFIED', quote: 'Unspecified. Defaults to WHITELIST.' },
  blacklist: { at: 'Policy.playStoreMode BLACKLIST', quote: "All apps are available and any app that should not be on the device should be explicitly marked as 'BLOCKED' in the applications policy." },
  /** installAppsDisabled freezes what the policy can make available. */
  installDisabled: { at: 'ApplicationPolicy', quote: 'Application availability on a given device cannot be changed using this policy if installAppsDisabled is enabled.' },
  installDisabledMeaning: { at: 'Policy.installAppsDisabled', quote: 'Whether user installation of apps is disabled.' },
  /** Personal profile of a company-owned device. */
  personalScope: { at: 'PersonalApplicationPolicy', quote: 'Policies for apps in the personal profile of a company-owned device with a work profile.' },
  personalBlocked: { at: 'PersonalApplicationPolicy.installType BLOCKED', quote: "The app is blocked and can't be installed in the personal profile. If the app was previously installed in the device, it will be uninstalled." },
  personalAllowlist: { at: 'PersonalUsagePolicies.personalPlayStoreMode ALLOWLIST', quote: 'Only apps explicitly specified in personalApplications with installType set to AVAILABLE are allowed to be installed in the personal profile.' },
  personalUnspecified: { at: 'PersonalUsagePolicies.personalPlayStoreMode PLAY_STORE_MODE_UNSPECIFIED', quote: 'Unspecified. Defaults to BLOCKLIST.' },
  /** What the request bodies do on the server. */
  modify: { at: 'ApplicationPolicyChange.application', quote: 'If ApplicationPolicy.packageName matches an existing ApplicationPolicy object within the Policy being modified, then that object will be updated. Otherwise, it will be added to the end of the Policy.applications.' },
  modifyNoMask: { at: 'ApplicationPolicyChange.updateMask', quote: 'If omitted, all modifiable fields are updated.' },
  patchMask: { at: 'enterprises.policies.patch updateMask', quote: 'The field mask indicating the fields to update. If not set, all modifiable fields will be modified.' },
  remove: { at: 'RemovePolicyApplicationsRequest.packageNames', quote: 'Entries that are not found are ignored.' },
  /** AMAPI tells a factory-image system app apart from an installed one (Device.applicationReports). */
  systemApp: { at: 'ApplicationReport.applicationSource SYSTEM_APP_FACTORY_VERSION', quote: "This is a system app from the device's factory image." },
} as const satisfies Record<string, Fact>;

/** installType values that put an app on the work side (ApplicationPolicy.installType). */
export const INSTALLED_OR_OFFERED = new Set(['INSTALL_TYPE_UNSPECIFIED', 'PREINSTALLED', 'FORCE_INSTALLED', 'AVAILABLE', 'REQUIRED_FOR_SETUP', 'KIOSK', 'CUSTOM']);
