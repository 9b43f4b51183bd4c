import type { AndroidPlan, FleetPlan } from '../../../plan/types.js';
import type { Artifact } from '../artifact.js';
import type { Target } from '../target.js';
import { androidJson } from './json-artifact.js';
import { blocksPersonalProfile, ownsPlayStoreMode, personalUsagePolicies, workApplications } from './overlay.js';

/**
 * A complete AMAPI Policy per Android fleet, for policies.patch without an updateMask (or the
 * console). Without a base: the blocked apps, playStoreMode BLACKLIST (left unset it would mean
 * WHITELIST, which uninstalls every app the policy does not list) and, on company-owned devices,
 * the personal profile's blocklist. With a base: the base with only those fields changed.
 */
export const amapiPolicy: Target = {
  id: 'amapi-policy',
  build(plan) {
    return plan.fleets.flatMap((fleet) => (fleet.android ? [policyFor(fleet, fleet.android)] : []));
  },
};

function policyFor(fleet: FleetPlan, android: AndroidPlan): Artifact {
  // A policy with a base carries fields the compiler does not own: verify checks ours strictly.
  return android.base ? androidJson(fleet.id, 'policy.json', 'amapi-policy-overlay', overlay(android)) : androidJson(fleet.id, 'policy.json', 'amapi-policy', fresh(android));
}

function fresh(android: AndroidPlan): Record<string, unknown> {
  return {
    ...(android.settings.policyName !== undefined && { name: android.settings.policyName }),
    applications: workApplications(android),
    playStoreMode: 'BLACKLIST',
    ...(blocksPersonalProfile(android) && { personalUsagePolicies: personalUsagePolicies(android) }),
  };
}

/**
 * Every field of the base in its order, unchanged except those blocking needs. `version` is left
 * out: the server sets it ("a read-only field", discovery document), a GET copies it in.
 */
function overlay(android: AndroidPlan): Record<string, unknown> {
  const { version: _serverSet, ...policy } = android.base!.policy;
  if (android.settings.policyName !== undefined) policy['name'] = android.settings.policyName;
  const applications = workApplications(android);
  if (applications.length > 0 || 'applications' in policy) policy['applications'] = applications;
  if (ownsPlayStoreMode(android)) policy['playStoreMode'] = 'BLACKLIST';
  if (blocksPersonalProfile(android)) policy['personalUsagePolicies'] = personalUsagePolicies(android);
  return policy;
}
