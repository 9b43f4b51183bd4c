import type { DiagnosticBag, SourcePosition } from '../../common/diagnostics/diagnostic.js';
import type { AppleCaveat, BlockedApp, BlockedTeam, Catalog, IosEnforcement, IosSettings, MacosEnforcement, MacosSettings } from '../../plan/types.js';
import { APPLE_VERSIONS } from '../../plan/apple-versions.js';
import { compareVersions } from './fleets.js';

export { APPLE_VERSIONS };

const below = (v: string, than: string) => compareVersions(v, than) < 0;
/** The fleet may hold devices on `version` or later: no maxVersion, or one at or above it. */
const reaches = (max: string | undefined, version: string) => max === undefined || compareVersions(max, version) >= 0;

function checkRange(fleet: string, platform: string, s: { minVersion: string; maxVersion?: string }, at: SourcePosition, bag: DiagnosticBag): void {
  if (s.maxVersion !== undefined && below(s.maxVersion, s.minVersion)) {
    bag.add('FLEET_VERSION_RANGE', `fleet "${fleet}": ${platform} maxVersion ${s.maxVersion} is lower than minVersion ${s.minVersion}`, at);
  }
}

/** Which iOS artifacts a fleet gets, by the OS versions and enrollment it holds, and what they cannot do. */
export function iosEnforcement(fleet: string, s: IosSettings, at: SourcePosition, bag: DiagnosticBag): IosEnforcement {
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
      `fleet "${fleet}" is unsupervised: blocking by bundle ID needs supervised devices, so the profile installs but blocks nothing${on27 ? ' and no app.settings declaration is written' : ''}; ${s.removeApps ? 'RemoveApplication still removes managed apps' : 'nothing acts on these devices (removeApps is off)'}`,
      at,
    );
  }
  const legacyKey = s.legacyKeys && before15;
  if (legacyKey) {
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

  return {
    restrictionsProfile: before27,
    legacyKey,
    declarations: s.supervised && on27,
    removeApplication: s.removeApps,
    caveats,
  };
}

/**
 * Blocked Mac apps that no Team ID rule already covers, so each needs a rule of its own. An app
 * without its own Team ID is taken to be signed by its publisher's team.
 */
export function appsNeedingOwnRule(blocked: readonly BlockedApp[], teams: readonly BlockedTeam[]): BlockedApp[] {
  const teamIds = new Set(teams.map((t) => t.teamId));
  const publishers = new Set(teams.map((t) => t.publisher.id));
  return blocked.filter((b) => (b.teamId !== undefined ? !teamIds.has(b.teamId) : b.app.publisher === undefined || !publishers.has(b.app.publisher.id)));
}

/** Which macOS artifacts a fleet gets and which blocked apps Santa cannot name. */
export function macosEnforcement(
  fleet: string,
  s: MacosSettings,
  appRules: readonly BlockedApp[],
  catalog: Catalog,
  at: SourcePosition,
  bag: DiagnosticBag,
): MacosEnforcement {
  checkRange(fleet, 'macos', s, at, bag);
  const on27 = reaches(s.maxVersion, APPLE_VERSIONS.appSettings);
  const caveats: AppleCaveat[] = [];
  if (!s.santa && below(s.minVersion, APPLE_VERSIONS.appSettings)) {
    caveats.push('macos-before-27-not-blocked');
    bag.add(
      'MACOS_BEFORE_27_NOT_BLOCKED',
      `fleet "${fleet}" holds Macs from macOS ${s.minVersion} and has no Santa: before macOS 27 nothing this compiler writes blocks apps on them (set santa: true)`,
      at,
    );
  }
  if (!s.supervised && on27) {
    caveats.push('unsupervised-no-declarations');
    bag.add('MACOS_UNSUPERVISED_NO_DECLARATIONS', `fleet "${fleet}" is unsupervised: app.settings is for supervised Macs only, so no declaration is written`, at);
  }
  const santaUncovered = s.santa ? appRules.filter((b) => b.teamId === undefined) : [];
  if (santaUncovered.length) caveats.push('santa-apps-without-team-id');
  for (const b of santaUncovered) {
    const where = catalog.apps.get(b.app.id)?.macos.bundleId?.at ?? at;
    bag.add('SANTA_APP_WITHOUT_TEAM_ID', `"${b.app.id}" (${b.identifier}) has no macOS Team ID and no publisher Team ID rule covers it: the Santa profile of fleet "${fleet}" cannot block it`, where);
  }
  return {
    santa: s.santa ? s.santa.payloadType : false,
    declarations: s.supervised && on27,
    santaUncovered: santaUncovered.map((b) => b.identifier),
    caveats,
  };
}
