import type { BlockedApp, FleetPlan, Plan } from '../../../plan/types.js';
import type { Artifact } from '../artifact.js';
import type { Target } from '../target.js';
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
 * - macOS: the Santa profile's bytes, unchanged, as a macOSCustomConfiguration. They are the
 *   Santa target's artifact (`reads`), not rebuilt here, so the two cannot drift apart.
 *
 * Android gets no body: what Intune can block there needs ids of the tenant (docs/intune.md).
 */
export const intuneGraph: Target = {
  id: 'intune-graph',
  reads: ['macos-santa-profile'],
  build(plan, _bag, earlier = []) {
    return plan.fleets.flatMap((fleet) => (fleet.intune ? bodiesFor(plan, fleet, earlier) : []));
  },
};

function bodiesFor(plan: Plan, fleet: FleetPlan, earlier: readonly Artifact[]): Artifact[] {
  const santa = earlier.find((a) => a.kind === 'apple-profile' && a.fleet === fleet.id && a.path === `${fleet.id}/macos/santa.mobileconfig`);
  return [...(fleet.ios ? [iosRestrictions(plan, fleet, fleet.ios.blocked)] : []), ...(santa ? [macosSanta(plan, fleet, santa)] : [])];
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

/** macOSCustomConfiguration: payload is Edm.Binary, which Graph's JSON carries as base64. */
function macosSanta(plan: Plan, fleet: FleetPlan, santa: Artifact): Artifact {
  const profile = santa.data as { PayloadDisplayName?: unknown } | undefined;
  const body = graphBody(plan, fleet, 'macOSCustomConfiguration', 'macOS Santa profile', {
    payload: Buffer.from(santa.bytes).toString('base64'),
    payloadFileName: 'santa.mobileconfig',
    payloadName: typeof profile?.PayloadDisplayName === 'string' ? profile.PayloadDisplayName : 'Santa',
  });
  return graphArtifact(fleet, 'macos-santa', 'intune-macos-custom-configuration', 'macos', body);
}
