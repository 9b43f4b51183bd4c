import { PLAN_SUMMARY_PATH, summarize } from '../../../output-folder/plan-json.js';
import type { Artifact } from '../artifact.js';
import { jsonBytes } from '../encode.js';
import type { Target } from '../target.js';

/** plan.json, in the output folder's format (output-folder/plan-json.ts). */
export const planSummary: Target = {
  id: 'plan-summary',
  build(plan) {
    const summary = summarize(plan);
    return [{ path: PLAN_SUMMARY_PATH, bytes: jsonBytes(summary), kind: 'plan-summary', data: summary } satisfies Artifact];
  },
};
