import type { DiagnosticBag, SourcePosition } from '../../common/diagnostics/diagnostic.js';
import { PLATFORMS, type FleetPlan, type Platform } from '../../plan/types.js';

/**
 * FLEET_BLOCKS_NOTHING: a fleet's platform whose plan names no app and no Team ID (every rule
 * reached only low-confidence identifiers, apps without an identifier for the platform, or apps
 * an exception allows). Its artifacts would be valid and do nothing, so the admin is told.
 */
export function warnIfBlocksNothing(fleet: FleetPlan, at: (platform: Platform) => SourcePosition, bag: DiagnosticBag): void {
  // After an error (an unknown app, a malformed identifier) an empty list says nothing new.
  if (bag.hasErrors) return;
  for (const platform of PLATFORMS) {
    const p = fleet[platform];
    if (!p || p.blocked.length > 0 || ('teams' in p && p.teams.length > 0)) continue;
    // Every app it reaches has no build for the platform: nothing there to block.
    if (p.notEnforced.length === 0 && p.absent.length > 0) continue;
    const left = p.notEnforced.map((n) => `${n.app.id} (${n.why})`);
    bag.add(
      'FLEET_BLOCKS_NOTHING',
      `fleet "${fleet.id}" blocks nothing on ${platform}${left.length ? `: ${left.slice(0, 10).join(', ')}${left.length > 10 ? `, and ${left.length - 10} more` : ''}` : ''}`,
      at(platform),
    );
  }
}
