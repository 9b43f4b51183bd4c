import type { BlockedApp, FleetPlan, Plan } from '../../../plan/types.js';
import type { Artifact } from '../artifact.js';
import type { Target } from '../target.js';
import { customConfiguration } from './custom-configuration.js';
import { graphArtifact, graphBody } from './graph-body.js';

/**
 * Microsoft Graph request bodies for Intune, one file per body under `<fleet>/intune/`, for fleets
 * with `intune: true` (docs/intune.md has every source):
 *
 * - iOS/iPadOS: an iosGeneralDeviceConfiguration whose hidden-apps list (appsVisibilityList,
 *   appsVisibilityListType appsNotInListCompliant: "all apps are compliant except apps on the
 *   list") holds every blocked bundle ID, the list the restrictions profile's blockedAppBundleIDs
 *   holds (supervised devices only), and whose restricted-apps list (compliantAppsList,
 *   compliantAppListType appsNotInListCompliant: Intune's "Prohibited apps") holds the same apps,
 *   so Intune reports devices that have one.
 * - Profiles Intune's device-restrictions templates cannot express, carried unchanged as custom
 *   configurations: the Santa profile and the Chrome profile (macOSCustomConfiguration), the web
 *   content filter (iosCustomConfiguration). They are the other targets' artifacts (`reads`), not
 *   rebuilt here, so the two cannot drift apart, and they exist exactly when those files do.
 *
 * Android gets no body: what Intune can block there needs ids of the tenant (docs/intune.md).
 */
export const intuneGraph: Target = {
  id: 'intune-graph',
  reads: ['ios-web-content-filter', 'macos-santa-profile', 'macos-chrome-profile'],
  build(plan, _bag, earlier = []) {
    return plan.fleets.flatMap((fleet) => (fleet.intune ? bodiesFor(plan, fleet, earlier) : []));
  },
};

/** The profiles carried as custom configurations: the file they carry, the body's name, its kind. */
const CARRIED = [
  { file: 'ios/web-content-filter.mobileconfig', name: 'ios-web-content-filter', kind: 'intune-ios-web-content-filter', platform: 'ios', label: 'iOS/iPadOS web content filter' },
  { file: 'macos/santa.mobileconfig', name: 'macos-santa', kind: 'intune-macos-custom-configuration', platform: 'macos', label: 'macOS Santa profile' },
  { file: 'macos/chrome.mobileconfig', name: 'macos-chrome', kind: 'intune-macos-chrome', platform: 'macos', label: 'macOS Chrome profile' },
] as const;

function bodiesFor(plan: Plan, fleet: FleetPlan, earlier: readonly Artifact[]): Artifact[] {
  const carried = CARRIED.flatMap((c) => {
    const profile = earlier.find((a) => a.kind === 'apple-profile' && a.fleet === fleet.id && a.path === `${fleet.id}/${c.file}`);
    return profile ? [customConfiguration(plan, fleet, profile, c)] : [];
  });
  return [...(fleet.ios ? [iosRestrictions(plan, fleet, fleet.ios.blocked)] : []), ...carried];
}

function iosRestrictions(plan: Plan, fleet: FleetPlan, blocked: readonly BlockedApp[]): Artifact {
  const list = blocked.map(appListItem);
  const body = graphBody(plan, fleet, 'iosGeneralDeviceConfiguration', 'iOS/iPadOS device restrictions', {
    appsVisibilityList: list,
    appsVisibilityListType: 'appsNotInListCompliant',
    compliantAppListType: 'appsNotInListCompliant',
    compliantAppsList: list,
  });
  return graphArtifact(fleet, 'ios-device-restrictions', 'intune-ios-device-restrictions', 'ios', body);
}

/**
 * appleAppListItem (Graph v1.0, derived from appListItem): name, publisher, appId (the bundle ID)
 * and appStoreUrl, written only when the catalog knows the App Store ID. The URL is Apple's
 * standard app link (developer.apple.com/library/archive/qa/qa1633) without storefront and name
 * slug, which the store resolves by the ID alone; Intune reads it as information only.
 */
function appListItem(b: BlockedApp): Record<string, string> {
  return {
    '@odata.type': '#microsoft.graph.appleAppListItem',
    name: b.app.name,
    ...(b.app.publisher && { publisher: b.app.publisher.name }),
    appId: b.identifier,
    ...(b.appStoreId !== undefined && { appStoreUrl: `https://apps.apple.com/app/id${b.appStoreId}` }),
  };
}
