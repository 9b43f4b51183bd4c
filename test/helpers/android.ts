import { amapiModifyPolicyApplications } from '../../src/pipeline/targets/android/amapi-modify-policy-applications.js';
import { amapiPolicyPatch } from '../../src/pipeline/targets/android/amapi-policy-patch.js';
import { amapiPolicy } from '../../src/pipeline/targets/android/amapi-policy.js';
import { amapiRemovePolicyApplications } from '../../src/pipeline/targets/android/amapi-remove-policy-applications.js';

/** The four Android targets, for tests that compile Android artifacts only. */
export const androidTargets = [amapiPolicy, amapiPolicyPatch, amapiModifyPolicyApplications, amapiRemovePolicyApplications];
