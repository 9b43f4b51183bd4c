import type { FleetPlan, Plan } from '../../../plan/types.js';
import type { Artifact } from '../artifact.js';
import type { Target } from '../target.js';
import { renderText } from '../text.js';
import { configurationProfile } from './configuration-profile.js';

/**
 * macOS fleets that declare `chrome`: a profile with one com.google.Chrome payload whose
 * URLBlocklist lists every blocked domain. Chrome on a Mac reads its policies from a profile's
 * com.google.Chrome payload, as Google's own example profile sets them (PayloadScope System,
 * https://github.com/google/ChromeBrowserEnterprise/blob/main/mobile/ChromeBrowserCloudManagement.mobileconfig); a bare host
 * blocks the host and its subdomains (https://chromium.org/administrators/url-blocklist-filter-format).
 * Apple's built-in filter is no alternative: on macOS FilterType takes only Plugin and DenyListURLs
 * is n/a (mdm/profiles/com.apple.webcontent-filter.yaml). PayloadScope System: a device policy.
 */
export const macosChromeProfile: Target = {
  id: 'macos-chrome-profile',
  build(plan) {
    return plan.fleets.flatMap((fleet) => (fleet.web?.macos?.chromeProfile ? [profileFor(plan, fleet)] : []));
  },
};

function profileFor(plan: Plan, fleet: FleetPlan): Artifact {
  return configurationProfile({
    plan,
    fleet,
    platform: 'macos',
    text: fleet.macos?.settings.profile,
    name: 'chrome',
    identifier: `${plan.policy.id}.${fleet.id}.macos.chrome`,
    displayNameTemplate: 'apple/chrome-display-name',
    scope: 'System',
    payloads: [
      {
        suffix: 'policies',
        payload: {
          PayloadDisplayName: renderText('apple/chrome-payload-name', { policy: plan.policy, fleet: { id: fleet.id } }),
          PayloadType: 'com.google.Chrome',
          URLBlocklist: fleet.web!.blocked.map((d) => d.domain),
        },
      },
    ],
  });
}
