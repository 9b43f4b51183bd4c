import type { Target } from '../target.js';
import { androidJson } from './json-artifact.js';
import { blockedEntry, blockedPackages, chromeEntry } from './overlay.js';

/**
 * Per Android fleet, the body of enterprises.policies.modifyPolicyApplications: one change per
 * blocked app. AMAPI updates the entry with that packageName or appends one, and leaves every
 * other entry and field of the policy alone, so a pipeline can keep the blocklist in a policy it
 * does not own. The method changes Policy.applications only, never the personal profile's list
 * (that goes through the patch body). At least one change is required, so a fleet that blocks
 * nothing gets no body. With a base and blocked web domains, one more change sets Chrome's managed
 * configuration (the base's with the domains added, updateMask managedConfiguration so the entry's
 * other fields stay); without a base the server's Chrome configuration is unknown and a change
 * would replace it, so the domains then reach devices through policy.json only (docs/web.md).
 */
export const amapiModifyPolicyApplications: Target = {
  id: 'amapi-modify-policy-applications',
  build(plan) {
    return plan.fleets.flatMap((fleet) => {
      const android = fleet.android;
      if (!android) return [];
      const chrome = android.base ? chromeEntry(android) : undefined;
      const changes = [
        ...blockedPackages(android).map((p) => ({ application: blockedEntry(p) })),
        ...(chrome ? [{ application: { packageName: chrome['packageName'], managedConfiguration: chrome['managedConfiguration'] }, updateMask: 'managedConfiguration' }] : []),
      ];
      if (changes.length === 0) return [];
      const body = { changes };
      return [androidJson(fleet.id, 'modify-policy-applications.json', 'amapi-modify-policy-applications', body)];
    });
  },
};
