import type { DiagnosticBag } from '../../common/diagnostics/diagnostic.js';
import type { Plan } from '../../plan/types.js';
import type { Artifact } from './artifact.js';

/**
 * One artifact family. Reads the plan, never another target's code. A target that carries an
 * earlier target's file unchanged (Intune's macOS custom configuration carries the Santa profile's
 * bytes) names that target in `reads` and gets the artifacts built before it: rebuilding them
 * from the plan would be a second copy of the other target that could drift from it.
 */
export interface Target {
  id: string;
  /** Ids of earlier targets whose artifacts `build` reads; compile runs them first even when not asked for. */
  reads?: readonly string[];
  build(plan: Plan, bag: DiagnosticBag, earlier?: readonly Artifact[]): Artifact[];
}

/**
 * The targets to run, in order: each asked-for target preceded by the targets it reads (from
 * `all`), each target once. A target that reads one not yet run would get nothing to read.
 */
export function withReadTargets(asked: readonly Target[], all: readonly Target[]): Target[] {
  const order: Target[] = [];
  const add = (target: Target) => {
    if (order.includes(target)) return;
    for (const id of target.reads ?? []) {
      const read = all.find((t) => t.id === id);
      if (read) add(read);
    }
    order.push(target);
  };
  asked.forEach(add);
  return order;
}
