import type { DiagnosticBag } from '../../../common/diagnostics/diagnostic.js';
import type { Identifier } from '../../../plan/types.js';

/** LOW_CONFIDENCE_EXCLUDED: identifiers held back for low-confidence evidence, each reported once. */
export function reportLowConfidence(held: ReadonlySet<Identifier>, bag: DiagnosticBag): void {
  for (const id of held) {
    bag.add('LOW_CONFIDENCE_EXCLUDED', `identifier "${id.value}" has low-confidence evidence and is not blocked (set options.includeLowConfidence: true to block it)`, id.at);
  }
}
