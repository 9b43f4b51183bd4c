import type { DiagnosticBag, SourcePosition } from '../../common/diagnostics/diagnostic.js';
import type { AppleCaveat, BlockedApp, Catalog, EnforcementGap, IosEnforcement, IosSettings } from '../../plan/types.js';
import { APPLE_VERSIONS } from '../../plan/apple-versions.js';
import { majorOf } from '../../plan/device-classes.js';
import { compareVersions } from './fleets.js';

export { APPLE_VERSIONS };

export const below = (v: string, than: string) => compareVersions(v, than) < 0;
/** The fleet may hold devices on `version` or later: no maxVersion, or one at or above it. */
export const reaches = (max: string | undefined, version: string) => max === undefined || compareVersions(max, version) >= 0;

export function checkRange(fleet: string, platform: string, s: { minVersion: string; maxVersion?: string }, at: SourcePosition, bag: DiagnosticBag): void {
  if (s.maxVersion !== undefined && below(s.maxVersion, s.minVersion)) {
    bag.add('FLEET_VERSION_RANGE', `fleet "${fleet}": ${platform} maxVersion ${s.maxVersion} is lower than minVersion ${s.minVersion}`, at);
  }
}

export { majorOf };

/** Which iOS artifacts a fleet gets, by the OS versions and enrollment it holds, and what they cannot do. */
export function iosEnforcement(fleet: string, s: IosSettings, blocked: readonly BlockedApp[], at: SourcePosition, bag: DiagnosticBag): IosEnforcement {
  checkRange(fleet, 'ios', s, at, bag);
  const before27 = below(s.minVersion, APPLE_VERSIONS.appSettings);
  const on27 = reaches(s.maxVersion, APPLE_VERSIONS.appSettings);
  const before15 = below(s.minVersion, APPLE_VERSIONS.blockedKey);
  const caveats: AppleCaveat[] = [];

  if (!s.supervised) {
    if (before27) caveats.push('unsupervised-profile-does-not-block');
    if (on27) caveats.push('unsupervised-no-declarations');
    bag.add(
      'IOS_UNSUPERVISED_NO_BLOCKING',
      `fleet "${fleet}" is unsupervised: blocking by bundle ID needs supervised devices, so no restrictions profile${on27 ? ' or app.settings declaration' : ''} is written (it would block nothing); ${s.removeApps ? 'RemoveApplication still removes managed apps' : 'nothing acts on these devices (removeApps is off)'}`,
      at,
    );
  }
  // An unsupervised fleet gets no restrictions profile, so neither key matters there.
  const legacyKey = s.legacyKeys && before15 && s.supervised;
  if (!s.supervised) {
    // IOS_UNSUPERVISED_NO_BLOCKING above says it all.
  } else if (legacyKey) {
    caveats.push('legacy-key-deprecated');
    bag.add('IOS_LEGACY_KEY_DEPRECATED', `fleet "${fleet}" gets blacklistedAppBundleIDs for its devices before iOS 15 (minVersion ${s.minVersion}); Apple deprecated that key in iOS 15`, at);
  } else if (before15) {
    caveats.push('before-15-not-blocked');
    bag.add('IOS_BEFORE_15_NOT_BLOCKED', `fleet "${fleet}" holds devices from iOS ${s.minVersion}, which ignore blockedAppBundleIDs (iOS 15+); set legacyKeys: true to also write the deprecated blacklistedAppBundleIDs`, at);
  } else if (s.legacyKeys) {
    bag.add('IOS_LEGACY_KEYS_UNUSED', `fleet "${fleet}" sets legacyKeys but holds no device before iOS 15 (minVersion ${s.minVersion}): no deprecated key is written`, at);
  }
  if (before27 && on27 && s.supervised) caveats.push('profile-key-deprecated-on-27');
  if (s.removeApps && (!s.supervised || below(s.minVersion, APPLE_VERSIONS.removeUnmanaged))) caveats.push('remove-managed-apps-only');

  const apps = blocked.map((b) => b.app.id);
  const gaps: EnforcementGap[] = [];
  if (!s.supervised) gaps.push({ why: 'unsupervised', apps });
  else if (before15 && !legacyKey) gaps.push({ why: 'before-15', toMajor: majorOf(APPLE_VERSIONS.blockedKey) - 1, apps });
  return {
    gaps: apps.length ? gaps : [],
    // The profile's keys are supervised-only: on an unsupervised fleet it would do nothing.
    restrictionsProfile: before27 && s.supervised,
    legacyKey,
    declarations: s.supervised && on27,
    removeApplication: s.removeApps,
    caveats,
  };
}

/**
 * Blocked Mac apps that no Team ID in `teamIds` covers, so each needs a rule of its own. An app
 * without its own Team ID may be signed by any of its publisher's teams: it is covered only when
 * all of them are.
 */
export function appsNeedingOwnRule(blocked: readonly BlockedApp[], teamIds: ReadonlySet<string>, catalog: Catalog): BlockedApp[] {
  const covered = (b: BlockedApp) => {
    if (b.teamId !== undefined) return teamIds.has(b.teamId);
    const teams = b.app.publisher ? (catalog.publishers.get(b.app.publisher.id)?.teamIds ?? []) : [];
    return teams.length > 0 && teams.every((t) => teamIds.has(t.value));
  };
  return blocked.filter((b) => !covered(b));
}
