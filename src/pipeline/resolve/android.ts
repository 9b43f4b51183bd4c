import type { DiagnosticBag, SourcePosition } from '../../common/diagnostics/diagnostic.js';
import type { LoadedBase } from '../load/base-policies.js';
import type { AbsentApp, AndroidBase, AndroidPlan, AndroidScope, AndroidSettings, BlockedApp, NotEnforced } from '../../plan/types.js';
import { fieldPath } from '../validate/base-policy.js';

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
  absent: AbsentApp[];
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
  if (input.previouslyBlocked) plan.previouslyBlocked = [...new Set(input.previouslyBlocked)].sort();
  if (plan.scope === 'work-profile-only') {
    bag.add(
      'ANDROID_PERSONAL_PROFILE_UNMANAGED',
      `fleet "${fleet}" is personally owned: apps are blocked in its work profile only; AMAPI cannot block apps in the personal profile of a personally owned device, so users can still install them there`,
      input.at,
    );
  }
  const base = input.base && checkBase(input, bag);
  if (base) plan.base = base;

  const ours = new Set(blocked.map((b) => b.identifier));
  const baseOnly = base ? appEntries(base.policy['applications']).filter((e) => typeof e.packageName !== 'string' || !ours.has(e.packageName)).length : 0;
  const total = blocked.length + baseOnly;
  if (total > MAX_APPLICATIONS) {
    const parts = base ? ` (${blocked.length} blocked + ${baseOnly} from the base policy)` : '';
    bag.add('ANDROID_APPLICATIONS_LIMIT', `fleet "${fleet}" would have ${total} entries in applications${parts}; AMAPI accepts at most ${MAX_APPLICATIONS}`, input.at);
  }
  return plan;
}

function checkBase(input: AndroidFleetInput, bag: DiagnosticBag): AndroidBase {
  const { fleet, settings } = input;
  const { source } = input.base!;
  const policy = source.data as Record<string, unknown>;
  const personal = policy['personalUsagePolicies'] as { personalPlayStoreMode?: unknown; personalApplications?: unknown } | undefined;
  const base: AndroidBase = {
    file: source.displayPath,
    policy,
    playStoreMode: policy['playStoreMode'] === 'BLACKLIST' ? 'BLACKLIST' : 'WHITELIST',
    personalPlayStoreMode: personal?.personalPlayStoreMode === 'ALLOWLIST' ? 'ALLOWLIST' : 'BLOCKLIST',
  };
  const cope = settings.mode === 'company-owned-work-profile';

  if (policy['uninstallAppsDisabled'] === true) {
    bag.add(
      'ANDROID_BASE_UNINSTALL_DISABLED',
      `the base policy of fleet "${fleet}" sets uninstallAppsDisabled: true, which keeps apps from being uninstalled "even those removed using applications": blocked apps already on devices would stay; remove it or set it to false`,
      source.positionOf(['uninstallAppsDisabled']),
    );
  }
  const untrusted = (policy['advancedSecurityOverrides'] as { untrustedAppsPolicy?: unknown } | undefined)?.untrustedAppsPolicy;
  if (untrusted === 'ALLOW_INSTALL_DEVICE_WIDE' || (untrusted === 'ALLOW_INSTALL_IN_PERSONAL_PROFILE_ONLY' && cope)) {
    const where = untrusted === 'ALLOW_INSTALL_DEVICE_WIDE' ? 'anywhere on the device' : 'in the personal profile';
    bag.add(
      'ANDROID_BASE_UNTRUSTED_APPS',
      `the base policy of fleet "${fleet}" sets advancedSecurityOverrides.untrustedAppsPolicy to ${untrusted}: users can sideload blocked apps ${where} from outside Google Play; DISALLOW_INSTALL closes that`,
      source.positionOf(['advancedSecurityOverrides', 'untrustedAppsPolicy']),
    );
  }
  if (base.playStoreMode === 'WHITELIST') {
    const how = policy['playStoreMode'] === undefined ? 'leaves playStoreMode unset, which means WHITELIST' : `sets playStoreMode to ${String(policy['playStoreMode'])}`;
    bag.add(
      'ANDROID_BASE_ALLOWLIST',
      `the base policy of fleet "${fleet}" ${how}: only the apps it lists are available and any other app is uninstalled; it is kept, and the blocked apps are added as BLOCKED entries`,
      policy['playStoreMode'] === undefined ? source.positionOf([]) : source.positionOf(['playStoreMode']),
    );
  }
  if (cope && base.personalPlayStoreMode === 'ALLOWLIST') {
    bag.add(
      'ANDROID_BASE_ALLOWLIST',
      `the base policy of fleet "${fleet}" sets personalPlayStoreMode to ALLOWLIST: only the personal apps it lists as AVAILABLE can be installed; it is kept, and the blocked apps are added as BLOCKED entries`,
      source.positionOf(['personalUsagePolicies', 'personalPlayStoreMode']),
    );
  }

  const blockedBy = new Map(input.blocked.map((b) => [b.identifier, b]));
  const conflicts = (list: unknown, at: string[], side: string) =>
    appEntries(list).forEach((entry, i) => {
      const app = typeof entry.packageName === 'string' ? blockedBy.get(entry.packageName) : undefined;
      if (!app || entry.installType === 'BLOCKED') return;
      const installType = entry.installType === undefined ? 'no installType (AVAILABLE)' : `installType ${String(entry.installType)}`;
      bag.add(
        'ANDROID_BASE_CONFLICT',
        `the base policy of fleet "${fleet}" gives "${app.identifier}" (${app.app.name}) ${installType} at ${fieldPath([...at, i])}, but the blocklist blocks it ${side}: remove the entry from the base policy, or allow app "${app.app.id}" in fleet "${fleet}" with an exception`,
        source.positionOf(entry.installType === undefined ? [...at, i] : [...at, i, 'installType']),
      );
    });
  conflicts(policy['applications'], ['applications'], 'on the work side');
  if (cope) conflicts(personal?.personalApplications, ['personalUsagePolicies', 'personalApplications'], 'in the personal profile');
  return base;
}

function appEntries(list: unknown): AppEntry[] {
  return Array.isArray(list) ? (list as AppEntry[]) : [];
}
