import { amapiPolicy } from './android/amapi-policy.js';
import { iosRestrictionsProfile } from './apple/ios-restrictions-profile.js';
import { planSummary } from './summary/plan-summary.js';
import type { Target } from './target.js';

/** Every target, in the order their artifacts are listed. */
export const targets: readonly Target[] = [iosRestrictionsProfile, amapiPolicy, planSummary];
