import type { AndroidPlan } from '../../../plan/types.js';
import type { Target } from '../target.js';
import { androidJson } from './json-artifact.js';
import { blocksPersonalProfile, ownsPersonalPlayStoreMode, ownsPlayStoreMode, personalApplications } from './overlay.js';

/**
 * Per Android fleet, an enterprises.policies.patch request for a pipeline that edits only what
 * the blocklist owns: `{updateMask, body}`, the mask to send as the updateMask query parameter
 * and the body as the request body. The mask names exactly the owned fields, so the rest of the
 * policy stays as it is on the server. `applications` is not among them: a patch would replace
 * the whole list, so its entries go through modifyPolicyApplications instead. Only a fleet with a
 * base gets a patch: the base says which modes the server has and which personal entries to
 * carry. A base that leaves the compiler no field to own gives no patch either: an empty mask
 * would mean "every field".
 */
export const amapiPolicyPatch: Target = {
  id: 'amapi-policy-patch',
  build(plan) {
    return plan.fleets.flatMap((fleet) => {
      const patch = fleet.android && patchFor(fleet.android);
      return patch ? [androidJson(fleet.id, 'policy-patch.json', 'amapi-policy-patch', patch)] : [];
    });
  },
};

function patchFor(android: AndroidPlan): { updateMask: string; body: Record<string, unknown> } | undefined {
  // Without a base the server's policy is unknown: setting a store mode could turn its allowlist
  // into a blocklist (every Play app available), and the personal list would replace entries
  // nobody has seen. The modifyPolicyApplications body, our entries only, is what stays safe.
  if (!android.base) return undefined;
  const mask: string[] = [];
  const body: Record<string, unknown> = {};
  if (ownsPlayStoreMode(android)) {
    mask.push('playStoreMode');
    body['playStoreMode'] = 'BLACKLIST';
  }
  if (blocksPersonalProfile(android)) {
    // Nested paths keep the personal profile's other settings (camera, Bluetooth, ...) untouched.
    const personal: Record<string, unknown> = {};
    if (ownsPersonalPlayStoreMode(android)) {
      mask.push('personalUsagePolicies.personalPlayStoreMode');
      personal['personalPlayStoreMode'] = 'BLOCKLIST';
    }
    // No method edits personal entries one by one, so the list is owned whole, the base's entries
    // carried in it.
    mask.push('personalUsagePolicies.personalApplications');
    personal['personalApplications'] = personalApplications(android);
    body['personalUsagePolicies'] = personal;
  }
  return mask.length ? { updateMask: mask.sort().join(','), body } : undefined;
}
