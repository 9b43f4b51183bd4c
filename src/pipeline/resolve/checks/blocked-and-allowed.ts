import type { DiagnosticBag } from '../../../common/diagnostics/diagnostic.js';
import { describeProvenance } from '../../../plan/provenance.js';
import type { AllowRule, App, Provenance } from '../../../plan/types.js';

/** BLOCKED_AND_ALLOWED: a rule blocks an app and an exception in the same fleet lets it through. */
export function reportBlockedAndAllowed(app: App, because: readonly Provenance[], rule: AllowRule, fleet: string, bag: DiagnosticBag): void {
  bag.add(
    'BLOCKED_AND_ALLOWED',
    `"${app.id}" is blocked (${describeProvenance(because[0]!)}) and allowed by this exception in fleet "${fleet}": the exception wins`,
    rule.at,
  );
}
