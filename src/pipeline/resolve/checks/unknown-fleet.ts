import type { DiagnosticBag } from '../../../common/diagnostics/diagnostic.js';
import type { PolicyDoc } from '../../../plan/document.js';
import type { Rules } from '../../../plan/types.js';

/** UNKNOWN_FLEET: a rule or exception names a fleet the policy does not define. */
export function checkUnknownFleets(policy: PolicyDoc, rules: Rules, bag: DiagnosticBag): void {
  const declared = new Set(Object.keys(policy.fleets ?? {}));
  if (declared.size === 0) declared.add('default');
  for (const rule of [...rules.block, ...rules.allow]) {
    for (const f of rule.fleets ?? []) {
      if (!declared.has(f)) bag.add('UNKNOWN_FLEET', `fleet "${f}" is not defined under fleets: (defined: ${[...declared].join(', ')})`, rule.fleetsAt);
    }
  }
}
