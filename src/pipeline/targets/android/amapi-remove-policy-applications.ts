import type { AndroidPlan } from '../../../plan/types.js';
import type { Target } from '../target.js';
import { androidJson } from './json-artifact.js';
import { blockedPackages } from './overlay.js';

/**
 * With --previous, per Android fleet, the body of enterprises.policies.removePolicyApplications:
 * the apps the earlier compile blocked that this one does not (an exception now allows them, or a
 * rule went away). An app the base policy lists is the base's entry now and is never removed.
 * The method requires at least one name, so when nothing is to be removed there is no body.
 */
export const amapiRemovePolicyApplications: Target = {
  id: 'amapi-remove-policy-applications',
  build(plan) {
    return plan.fleets.flatMap((fleet) => {
      const packageNames = fleet.android ? noLongerBlocked(fleet.android) : [];
      if (packageNames.length === 0) return [];
      return [androidJson(fleet.id, 'remove-policy-applications.json', 'amapi-remove-policy-applications', { packageNames })];
    });
  },
};

function noLongerBlocked(android: AndroidPlan): string[] {
  const keep = new Set(blockedPackages(android));
  const base = android.base?.policy['applications'];
  if (Array.isArray(base)) for (const e of base as { packageName?: unknown }[]) if (typeof e.packageName === 'string') keep.add(e.packageName);
  return (android.previouslyBlocked ?? []).filter((p) => !keep.has(p));
}
