import type { DiagnosticBag } from '../../../common/diagnostics/diagnostic.js';
import type { AllowRule } from '../../../plan/types.js';

/** EXCEPTION_UNUSED: an exception in force that let nothing through in any fleet. */
export function checkUnusedExceptions(allow: readonly AllowRule[], used: ReadonlySet<AllowRule>, expired: ReadonlySet<AllowRule>, bag: DiagnosticBag): void {
  for (const rule of allow) {
    if (!used.has(rule) && !expired.has(rule)) bag.add('EXCEPTION_UNUSED', `exception for ${rule.kind} "${rule.id}" matches nothing the policy blocks`, rule.at);
  }
}
