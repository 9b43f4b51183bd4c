import { amapiModifyPolicyApplications } from './android/amapi-modify-policy-applications.js';
import { amapiPolicyPatch } from './android/amapi-policy-patch.js';
import { amapiPolicy } from './android/amapi-policy.js';
import { amapiRemovePolicyApplications } from './android/amapi-remove-policy-applications.js';
import { ddmAppSettings } from './apple/ddm-app-settings.js';
import { iosRestrictionsProfile } from './apple/ios-restrictions-profile.js';
import { iosWebContentFilter } from './apple/ios-web-content-filter.js';
import { macosChromeProfile } from './apple/macos-chrome-profile.js';
import { macosSantaProfile } from './apple/macos-santa-profile.js';
import { removeApplicationCommands } from './apple/remove-application-commands.js';
import { intuneGraph } from './intune/intune-graph.js';
import { planSummary } from './summary/plan-summary.js';
import type { Target } from './target.js';

/** Every target, in the order their artifacts are listed. */
export const targets: readonly Target[] = [
  iosRestrictionsProfile,
  iosWebContentFilter,
  ddmAppSettings,
  removeApplicationCommands,
  macosSantaProfile,
  macosChromeProfile,
  amapiPolicy,
  amapiPolicyPatch,
  amapiModifyPolicyApplications,
  amapiRemovePolicyApplications,
  intuneGraph,
  planSummary,
];
