import type { DiagnosticBag } from '../../common/diagnostics/diagnostic.js';
import type { Plan } from '../../plan/types.js';
import type { Artifact } from './artifact.js';

/** One artifact family. Reads the plan only; never another target. */
export interface Target {
  id: string;
  build(plan: Plan, bag: DiagnosticBag): Artifact[];
}
