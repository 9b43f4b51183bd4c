import type { DiagnosticBag, SourcePosition } from '../../common/diagnostics/diagnostic.js';
import type { LoadedBase } from '../load/base-policies.js';
import type { AbsentApp, AndroidPlan, AndroidScope, AndroidSettings, BlockedApp, BlockedDomain, NotEnforced } from '../../plan/types.js';
import { CHROME_ANDROID_PACKAGE } from '../../common/chrome/url-lists.js';
import { checkChromeBase } from './android-chrome.js';
import { checkBase } from './android-base.js';

/** Policy.applications: "This can have at most 3,000 elements." (discovery document, rev 20260408) */
export const MAX_APPLICATIONS = 3000;

const SCOPES: Record<AndroidSettings['mode'], AndroidScope> = {
  'fully-managed': 'device',
  'company-owned-work-profile': 'work-and-personal-profiles',
  'personally-owned-work-profile': 'work-profile-only',
};

interface AppEntry {
  packageName?: unknown;
  installType?: unknown;
}

export interface AndroidFleetInput {
  fleet: string;
  settings: AndroidSettings;
  blocked: BlockedApp[];
  notEnforced: NotEnforced[];
  /** The apps an exception of the fleet allows, each with its package as identifier. */
  allowedPackages: readonly NotEnforced[];
  absent: AbsentApp[];
  /** Web domains the fleet blocks: Chrome's URLBlocklist. */
  webDomains: readonly BlockedDomain[];
  base?: LoadedBase;
  previouslyBlocked?: string[];
  /** Where the fleet's android settings are in the policy, for diagnostics about the fleet. */
  at: SourcePosition;
}

/**
 * The Android part of a fleet's plan, and every check that must hold before anything is written:
 * the ownership mode's reach, the 3,000-entry cap counted over the merged list, and what the base
 * policy does to blocking (uninstallAppsDisabled, sideloading, apps it installs, allowlist mode).
 */
export function resolveAndroid(input: AndroidFleetInput, bag: DiagnosticBag): AndroidPlan {
  const { fleet, settings, blocked } = input;
  // The base in force may come from the caller rather than the YAML: the plan names the one used.
  const { basePolicy: _named, ...rest } = settings;
  const used = input.base ? { ...rest, ...(input.base.absPath !== undefined && { basePolicy: input.base.absPath }) } : settings;
  const plan: AndroidPlan = { settings: used, scope: SCOPES[settings.mode], blocked, notEnforced: input.notEnforced, absent: input.absent };
  if (input.webDomains.length) plan.webDomains = input.webDomains.map((d) => d.domain);
  if (input.previouslyBlocked) plan.previouslyBlocked = [...new Set(input.previouslyBlocked)].sort();
  if (plan.scope === 'work-profile-only') {
    bag.add(
      'ANDROID_PERSONAL_PROFILE_UNMANAGED',
      `fleet "${fleet}" is personally owned: apps are blocked in its work profile only; AMAPI cannot block apps in the personal profile of a personally owned device, so users can still install them there`,
      input.at,
    );
  }
  const base = input.base && checkBase({ fleet, settings, blocked, allowed: input.allowedPackages, source: input.base.source }, bag);
  if (base) plan.base = base;
  if (input.base && plan.webDomains) checkChromeBase({ fleet, domains: input.webDomains, source: input.base.source }, bag);

  const ours = new Set(blocked.map((b) => b.identifier));
  const baseOnly = base ? appEntries(base.policy['applications']).filter((e) => typeof e.packageName !== 'string' || !ours.has(e.packageName)).length : 0;
  // Chrome's entry carries the blocked domains: one more entry unless the base has it already.
  const chrome = plan.webDomains && !appEntries(base?.policy['applications']).some((e) => e.packageName === CHROME_ANDROID_PACKAGE) ? 1 : 0;
  const total = blocked.length + baseOnly + chrome;
  if (total > MAX_APPLICATIONS) {
    const parts = base ? ` (${blocked.length} blocked + ${baseOnly} from the base policy)` : '';
    bag.add('ANDROID_APPLICATIONS_LIMIT', `fleet "${fleet}" would have ${total} entries in applications${parts}; AMAPI accepts at most ${MAX_APPLICATIONS}`, input.at);
  }
  return plan;
}

function appEntries(list: unknown): AppEntry[] {
  return Array.isArray(list) ? (list as unknown[]).filter((e): e is AppEntry => e !== null && typeof e === 'object') : [];
}
