import type { FleetPlan, IosPlan, Plan } from '../../../plan/types.js';
import type { Artifact } from '../artifact.js';
import type { Target } from '../target.js';
import { renderText } from '../text.js';
import { configurationProfile } from './configuration-profile.js';

/**
 * iOS/iPadOS before 27: a Configuration profile with one com.apple.applicationaccess payload whose
 * blockedAppBundleIDs lists every blocked bundle ID (iOS 15+, supervised devices only). Fleets with
 * devices before iOS 15 that ask for legacyKeys also get the deprecated blacklistedAppBundleIDs
 * with the same list. No allow-list key is ever written: Apple's block and allow lists exclude
 * each other (com.apple.applicationaccess.yaml; ProfileManifests pfm_exclude).
 */
export const iosRestrictionsProfile: Target = {
  id: 'ios-restrictions-profile',
  build(plan) {
    return plan.fleets.flatMap((fleet) => (fleet.ios?.enforcement.restrictionsProfile ? [profileFor(plan, fleet, fleet.ios)] : []));
  },
};

function profileFor(plan: Plan, fleet: FleetPlan, ios: IosPlan): Artifact {
  const bundleIds = ios.blocked.map((b) => b.identifier);
  return configurationProfile({
    plan,
    fleet,
    platform: 'ios',
    text: ios.settings.profile,
    name: 'restrictions',
    identifier: `${plan.policy.id}.${fleet.id}.ios`,
    displayNameTemplate: 'apple/restrictions-display-name',
    payloads: [
      {
        suffix: 'restrictions',
        payload: {
          PayloadDisplayName: renderText('apple/restrictions-payload-name', { policy: plan.policy, fleet: { id: fleet.id } }),
          PayloadType: 'com.apple.applicationaccess',
          ...(ios.enforcement.legacyKey && { blacklistedAppBundleIDs: bundleIds }),
          blockedAppBundleIDs: bundleIds,
        },
      },
    ],
  });
}
