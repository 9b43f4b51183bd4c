import type { DiagnosticBag } from '../../../common/diagnostics/diagnostic.js';
import type { LoadedBase } from '../../load/base-policies.js';
import type { SourceFile } from '../../load/source-file.js';
import type { FleetSettings } from '../fleets.js';

/** ANDROID_BASE_FLEET: a base policy given for a fleet that has no android settings. */
export function checkAndroidBaseFleets(bases: ReadonlyMap<string, LoadedBase> | undefined, fleets: readonly FleetSettings[], root: SourceFile, bag: DiagnosticBag): void {
  for (const id of bases?.keys() ?? []) {
    if (fleets.some((f) => f.id === id && f.android)) continue;
    const android = fleets.filter((f) => f.android).map((f) => f.id);
    bag.add('ANDROID_BASE_FLEET', `a base policy is given for fleet "${id}", which has no android settings (Android fleets: ${android.join(', ') || 'none'})`, { file: root.displayPath });
  }
}
