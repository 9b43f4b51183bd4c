import type { DiagnosticBag } from '../../../common/diagnostics/diagnostic.js';
import type { AllowRule } from '../../../plan/types.js';

/** EXCEPTION_EXPIRED: exceptions whose `until` is before today; they are not applied. */
export function expiredExceptions(allow: readonly AllowRule[], today: string | undefined, bag: DiagnosticBag): Set<AllowRule> {
  const expired = new Set<AllowRule>();
  if (today === undefined) return expired; // the library never reads the clock: no date, nothing expires
  for (const rule of allow) {
    if (rule.until === undefined || rule.until >= today) continue;
    expired.add(rule);
    bag.add('EXCEPTION_EXPIRED', `exception for ${rule.kind} "${rule.id}" expired on ${rule.until} and is not applied`, rule.at);
  }
  return expired;
}
