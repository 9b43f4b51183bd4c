import type { FleetPlan, Plan } from '../../../plan/types.js';
import { denyListUrls } from '../../../plan/web-deny-list.js';
import type { Artifact } from '../artifact.js';
import type { Target } from '../target.js';
import { renderText } from '../text.js';
import { configurationProfile } from './configuration-profile.js';

/**
 * iOS/iPadOS: a profile of its own with one com.apple.webcontent-filter payload, FilterType
 * BuiltIn, whose DenyListURLs (iOS 14.5+) lists every blocked domain, and the deprecated
 * BlacklistedURLs with the same list where the fleet holds devices before 14.5 and asked for
 * legacyKeys (mdm/profiles/com.apple.webcontent-filter.yaml); plan/web-deny-list.ts says how a
 * domain becomes entries. Only supervised fleets get it: the built-in filter
 * installs on supervised devices only, and a separate file keeps a refused install from taking the
 * app restrictions with it. Several filter payloads may coexist (`multiple: true`); Apple blocks a
 * URL any of their deny lists names.
 */
export const iosWebContentFilter: Target = {
  id: 'ios-web-content-filter',
  build(plan) {
    return plan.fleets.flatMap((fleet) => (fleet.web?.ios?.filterProfile ? [profileFor(plan, fleet)] : []));
  },
};

function profileFor(plan: Plan, fleet: FleetPlan): Artifact {
  const web = fleet.web!;
  const urls = denyListUrls(web.blocked.map((d) => d.domain));
  return configurationProfile({
    plan,
    fleet,
    platform: 'ios',
    text: fleet.ios?.settings.profile,
    name: 'web-content-filter',
    identifier: `${plan.policy.id}.${fleet.id}.ios.web`,
    displayNameTemplate: 'apple/web-filter-display-name',
    payloads: [
      {
        suffix: 'filter',
        payload: {
          PayloadDisplayName: renderText('apple/web-filter-payload-name', { policy: plan.policy, fleet: { id: fleet.id } }),
          PayloadType: 'com.apple.webcontent-filter',
          FilterType: 'BuiltIn',
          ...(web.ios!.legacyKey && { BlacklistedURLs: urls }),
          DenyListURLs: urls,
        },
      },
    ],
  });
}
