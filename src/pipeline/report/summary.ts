import type { Platform } from '../../plan/types.js';
import type { NotEnforcedGroup } from './app-views.js';
import type { FileGroupView } from './files.js';

/*
 * The summary an admin reads first: per fleet and platform, how much is blocked, what is not
 * enforced and why, and which files to import (each linked to where the import guide says how).
 */

export interface SummaryRow {
  fleet: string;
  platform: string;
  anchor: string;
  blocked: number;
  /** Publishers blocked whole by Team ID: a number on macOS, "—" where no Team ID rule exists. */
  teams: string;
  notEnforced: number;
  /** "28: no bundle ID in the catalog" */
  notEnforcedWhy: string[];
  imports: { label: string; guideAnchor: string }[];
}

interface PlatformLike {
  platform: Platform;
  label: string;
  anchor: string;
  blocked: readonly unknown[];
  teams: readonly unknown[];
  notEnforced: readonly NotEnforcedGroup[];
  notEnforcedCount: number;
  files: readonly FileGroupView[];
}

export function summaryRows(fleets: readonly { id: string; platforms: readonly PlatformLike[] }[]): SummaryRow[] {
  return fleets.flatMap((fleet) =>
    fleet.platforms.map((p) => ({
      fleet: fleet.id,
      platform: p.label,
      anchor: p.anchor,
      blocked: p.blocked.length,
      teams: p.platform === 'macos' ? String(p.teams.length) : '—',
      notEnforced: p.notEnforcedCount,
      notEnforcedWhy: p.notEnforced.map((g) => `${g.apps.length}: ${g.why.charAt(0).toLowerCase()}${g.why.slice(1)}`),
      imports: p.files.map((f) => ({ label: f.short, guideAnchor: f.guideAnchor })),
    })),
  );
}
