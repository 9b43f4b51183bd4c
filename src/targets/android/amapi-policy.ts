import type { AndroidPlan, FleetPlan, Plan } from '../../plan/types.js';
import type { Artifact } from '../artifact.js';
import { jsonBytes } from '../encode.js';
import type { Target } from '../target.js';

/** The API's cap on Policy.applications (discovery document, ApplicationPolicy). */
export const MAX_APPLICATIONS = 3000;

/**
 * An AMAPI Policy per fleet. playStoreMode is always written: left unset it means WHITELIST,
 * which uninstalls every app the policy does not list.
 */
export const amapiPolicy: Target = {
  id: 'amapi-policy',
  build(plan, bag) {
    return plan.fleets.flatMap((fleet) => {
      if (!fleet.android) return [];
      if (fleet.android.blocked.length > MAX_APPLICATIONS) {
        bag.add(
          'ANDROID_APPLICATIONS_LIMIT',
          `fleet "${fleet.id}" blocks ${fleet.android.blocked.length} Android apps; AMAPI accepts at most ${MAX_APPLICATIONS} entries in applications`,
          { file: plan.policy.file },
        );
        return [];
      }
      return [policyFor(plan, fleet, fleet.android)];
    });
  },
};

function policyFor(plan: Plan, fleet: FleetPlan, android: AndroidPlan): Artifact {
  const policy: Record<string, unknown> = {
    ...(android.settings.policyName !== undefined && { name: android.settings.policyName }),
    applications: android.blocked.map((b) => ({ packageName: b.identifier, installType: 'BLOCKED' })),
    playStoreMode: 'BLACKLIST',
  };
  return {
    path: `${fleet.id}/android/policy.json`,
    bytes: jsonBytes(policy),
    kind: 'amapi-policy',
    fleet: fleet.id,
    platform: 'android',
    data: policy,
  };
}
