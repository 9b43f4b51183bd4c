import type { FleetPlan, IosPlan, Plan, ProfileText } from '../../plan/types.js';
import type { Artifact } from '../artifact.js';
import { plistBytes } from '../encode.js';
import { stableUuid } from '../ids.js';
import type { Target } from '../target.js';

/**
 * iOS/iPadOS 15+: a Configuration profile with one com.apple.applicationaccess payload whose
 * blockedAppBundleIDs lists every blocked bundle ID (supervised devices only).
 */
export const iosRestrictionsProfile: Target = {
  id: 'ios-restrictions-profile',
  build(plan) {
    return plan.fleets.flatMap((fleet) => (fleet.ios ? [profileFor(plan, fleet, fleet.ios)] : []));
  },
};

function profileFor(plan: Plan, fleet: FleetPlan, ios: IosPlan): Artifact {
  const text: ProfileText = { ...plan.apple.profile, ...ios.settings.profile };
  const profileId = `${plan.policy.id}.${fleet.id}.ios`;
  const payloadId = `${profileId}.restrictions`;
  const payload = {
    PayloadDisplayName: 'Blocked apps',
    PayloadIdentifier: payloadId,
    PayloadType: 'com.apple.applicationaccess',
    PayloadUUID: stableUuid(payloadId),
    PayloadVersion: 1,
    blockedAppBundleIDs: ios.blocked.map((b) => b.identifier),
  };
  const profile: Record<string, unknown> = {
    PayloadContent: [payload],
    ...(text.description ?? plan.policy.description ? { PayloadDescription: text.description ?? plan.policy.description } : {}),
    PayloadDisplayName: text.displayName ?? `${plan.policy.name} (${fleet.id})`,
    PayloadIdentifier: profileId,
    ...(text.organization ?? plan.policy.organization ? { PayloadOrganization: text.organization ?? plan.policy.organization } : {}),
    ...(text.removalDisallowed !== undefined && { PayloadRemovalDisallowed: text.removalDisallowed }),
    PayloadType: 'Configuration',
    PayloadUUID: stableUuid(profileId),
    PayloadVersion: 1,
  };
  return {
    path: `${fleet.id}/ios/restrictions.mobileconfig`,
    bytes: plistBytes(profile as never),
    kind: 'apple-profile',
    fleet: fleet.id,
    platform: 'ios',
    data: profile,
  };
}
