import type { DiagnosticBag } from '../../../common/diagnostics/diagnostic.js';
import type { FleetPlan } from '../../../plan/types.js';
import type { SourceFile } from '../../load/source-file.js';

/**
 * iosGeneralDeviceConfiguration.appsVisibilityList and compliantAppsList: "This collection can
 * contain a maximum of 10000 elements." (Microsoft Graph v1.0,
 * https://learn.microsoft.com/en-us/graph/api/resources/intune-deviceconfig-iosgeneraldeviceconfiguration,
 * and @microsoft/microsoft-graph-types microsoft-graph.d.ts). Both lists hold every blocked bundle ID.
 */
export const MAX_INTUNE_APP_LIST = 10000;

/** INTUNE_APP_LIST_LIMIT: an Intune fleet blocks more iOS apps than one Graph app list holds. */
export function checkIntuneAppListLimit(fleet: FleetPlan, root: SourceFile, bag: DiagnosticBag): void {
  const count = fleet.intune && fleet.ios ? fleet.ios.blocked.length : 0;
  if (count <= MAX_INTUNE_APP_LIST) return;
  bag.add(
    'INTUNE_APP_LIST_LIMIT',
    `fleet "${fleet.id}" blocks ${count} iOS apps; Intune's appsVisibilityList and compliantAppsList hold at most ${MAX_INTUNE_APP_LIST} entries each`,
    root.keyPositionOf(['fleets', fleet.id], 'intune'),
  );
}
