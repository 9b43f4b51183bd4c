import { PLATFORM_LABELS } from '../../plan/labels.js';
import { planCoverage } from '../../plan/coverage.js';
import type { Plan } from '../../plan/types.js';

/**
 * The report's "Catalog coverage" section: per platform, how many blocked apps the catalog
 * identifies, which have no build there (not gaps), and how many are unknown (the gaps, listed
 * app by app in "Apps that cannot be enforced").
 */
export interface CoverageView {
  label: string;
  identified: number;
  unknown: number;
  absent: { name: string; app: string; confidence: string }[];
}

export function coverageViews(plan: Plan): CoverageView[] {
  return planCoverage(plan).map((p) => ({
    label: PLATFORM_LABELS[p.platform],
    identified: p.identified.length,
    unknown: p.unknown.length,
    absent: p.absent.map((a) => ({ name: a.app.name, app: a.app.id, confidence: a.confidence })),
  }));
}
