import type { DiagnosticBag, SourcePosition } from '../../../common/diagnostics/diagnostic.js';
import type { FleetPlan } from '../../../plan/types.js';
import { APPLE_DENY_LIST_ADVISED_MAX, denyListUrls } from '../../../plan/web-deny-list.js';

/**
 * IOS_WEB_DENY_LIST_LONG: Apple's schema asks to keep DenyListURLs to about 500 URLs, and each
 * blocked domain takes two or four of them. A warning, not an error: Apple states no hard limit,
 * and the admin may rather split the domains across fleets or trim the web rules.
 */
export function checkWebDenyListLength(fleet: FleetPlan, at: SourcePosition, bag: DiagnosticBag): void {
  if (!fleet.web?.ios?.filterProfile) return;
  const count = denyListUrls(fleet.web.blocked.map((d) => d.domain)).length;
  if (count <= APPLE_DENY_LIST_ADVISED_MAX) return;
  bag.add(
    'IOS_WEB_DENY_LIST_LONG',
    `fleet "${fleet.id}" blocks ${fleet.web.blocked.length} web domains, which take ${count} DenyListURLs entries; Apple advises about ${APPLE_DENY_LIST_ADVISED_MAX} at most`,
    at,
  );
}
