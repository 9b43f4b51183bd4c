/**
 * The resolve stage as the rest of the code may use it: the plan from loaded files, and the
 * checks a feature may run again over a catalog (catalog lint). Everything else in this folder is
 * the stage's own; features read the plan (src/plan/) instead.
 */
export { resolvePlan, type ResolveOptions } from './plan.js';
export { checkSameValueTwice } from './checks/duplicate-identifier.js';
