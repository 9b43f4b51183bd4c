import type { FleetPlan, Plan } from '../../../plan/types.js';
import type { Artifact } from '../artifact.js';
import type { Target } from '../target.js';
import { renderText } from '../text.js';
import { configurationProfile } from './configuration-profile.js';

/**
 * iOS/iPadOS: a profile of its own with one com.apple.webcontent-filter payload, FilterType
 * BuiltIn, whose DenyListURLs (iOS 14.5+) lists every blocked domain, and the deprecated
 * BlacklistedURLs with the same list where the fleet holds devices before 14.5 and asked for
 * legacyKeys (mdm/profiles/com.apple.webcontent-filter.yaml). Apple's filter matches an entry as
 * the root of the URL, scheme included, and does not match subdomains, so each domain is written
 * as http:// and https://, and a registrable two-label domain (weiyun.com) also with its www. host,
 * where such a site's front page is (docs/web.md); the catalog means a domain and its subdomains. Only supervised fleets get it: the built-in filter
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

/** The deny-list entries for the domains: both schemes, since matching is by the URL's root; www. of a two-label domain too. */
export function denyListUrls(domains: readonly string[]): string[] {
  const hosts = domains.flatMap((d) => (d.split('.').length === 2 ? [d, `www.${d}`] : [d]));
  return [...new Set(hosts)].flatMap((h) => [`http://${h}`, `https://${h}`]);
}

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
