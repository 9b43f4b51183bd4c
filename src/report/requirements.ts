import { compareVersions } from '../resolve/fleets.js';
import type { AndroidPlan, IosSettings, MacosSettings, Platform } from '../plan/types.js';

/*
 * What a platform's artifacts need to take effect, in the admin's words. Facts and their sources:
 * iOS keys ../shared/platform/apple.md §1 (com.apple.applicationaccess.yaml: blockedAppBundleIDs
 * iOS 15.0, supervised, user enrollment forbidden; deprecated 27.0 in newer data), removal §5
 * (application.remove.yaml), macOS §3 (no bundle-ID deny list; app.settings DeniedBinaries 27.0);
 * Android ../shared/platform/android.md §1–3 (installType BLOCKED, playStoreMode,
 * personalUsagePolicies on company-owned devices only, uninstallAppsDisabled).
 */

const IOS_BLOCK_KEY_SINCE = '15.0';
const APP_SETTINGS_SINCE = '27.0';
const REMOVE_UNMANAGED_SINCE = '26.0';

/** A platform's plan as far as its needs go; `label` names a source file as the report does. */
export type NeedsInput = { settings: IosSettings | MacosSettings } | Pick<AndroidPlan, 'settings' | 'base'>;

export function requirements(platform: Platform, plan: NeedsInput, label: (file: string) => string): string[] {
  if (platform === 'ios') return iosNeeds(plan.settings as IosSettings);
  if (platform === 'macos') return macosNeeds(plan.settings as MacosSettings);
  return androidNeeds(plan as Pick<AndroidPlan, 'settings' | 'base'>, label);
}

function iosNeeds(s: IosSettings): string[] {
  const out = [
    s.supervised
      ? 'Supervised iPhones and iPads only: blockedAppBundleIDs blocks apps on supervised devices.'
      : 'This fleet is marked unsupervised: the restrictions profile installs but blocks nothing; only the removal of apps the MDM manages is left.',
    'Not for User Enrollment (personally owned devices): Apple forbids these keys there.',
    `Devices run iOS/iPadOS ${s.minVersion} or later (the fleet's minVersion).`,
  ];
  if (compareVersions(s.minVersion, IOS_BLOCK_KEY_SINCE) < 0) {
    out.push(
      s.legacyKeys
        ? `Devices before iOS ${IOS_BLOCK_KEY_SINCE} get the deprecated blacklistedAppBundleIDs (legacyKeys: true).`
        : `Devices before iOS ${IOS_BLOCK_KEY_SINCE} ignore blockedAppBundleIDs; set legacyKeys: true to also write the deprecated blacklistedAppBundleIDs.`,
    );
  }
  out.push(`From iOS ${APP_SETTINGS_SINCE} (pre-release) Apple deprecates the profile keys in favour of the DDM declaration com.apple.configuration.app.settings (DeniedApps, supervised).`);
  out.push(
    s.removeApps
      ? `RemoveApplication commands remove blocked apps the MDM manages, and on supervised devices from iOS ${REMOVE_UNMANAGED_SINCE} also apps the user installed; they fail for apps managed by DDM.`
      : 'Blocked apps already installed stay installed (removeApps: false): the profile hides them and stops them launching.',
  );
  return out;
}

function macosNeeds(s: MacosSettings): string[] {
  const out = [
    'No configuration-profile key blocks apps by bundle ID on macOS (blockedAppBundleIDs is iOS only).',
    `Macs run macOS ${s.minVersion} or later (the fleet's minVersion).`,
  ];
  if (s.santa) {
    out.push(`Santa must be installed on the Macs: the profile (payload type ${s.santa.payloadType}) gives it static rules; a TEAMID rule blocks every app of a publisher.`);
  }
  if (compareVersions(s.minVersion, APP_SETTINGS_SINCE) >= 0) {
    out.push(
      `macOS ${APP_SETTINGS_SINCE} (pre-release): the DDM declaration com.apple.configuration.app.settings (DeniedBinaries, by Team ID) blocks publishers on ${s.supervised ? 'supervised Macs' : 'supervised Macs only, and this fleet is marked unsupervised'}.`,
    );
  } else if (!s.santa) {
    out.push(`With neither Santa nor macOS ${APP_SETTINGS_SINCE}, nothing blocks apps on these Macs: set santa, or raise minVersion to ${APP_SETTINGS_SINCE}.`);
  }
  return out;
}

function androidNeeds({ settings: s, base }: Pick<AndroidPlan, 'settings' | 'base'>, label: (file: string) => string): string[] {
  const mode = {
    'fully-managed':
      'Fully managed devices: each blocked app is listed with installType BLOCKED and playStoreMode BLACKLIST; a blocked app installed under an earlier policy is uninstalled.',
    'company-owned-work-profile':
      'Company-owned devices with a work profile: the work profile as on a fully managed device, and the personal profile through personalUsagePolicies (personalPlayStoreMode BLOCKLIST, personalApplications BLOCKED).',
    'personally-owned-work-profile':
      'Personally owned devices with a work profile: only the work profile can be controlled; apps in the personal profile cannot be blocked.',
  }[s.mode];
  const out = [mode, 'The policy must not set uninstallAppsDisabled: true, which stops the removal of blocked apps.', 'AMAPI accepts at most 3,000 entries in applications.'];
  if (base) {
    out.push(`Laid onto the existing policy ${label(base.file)}: its other fields are kept as they are.`);
    if (base.playStoreMode === 'WHITELIST') {
      out.push('The base policy is an allowlist (playStoreMode WHITELIST) and stays one: every app it does not list is uninstalled already; the BLOCKED entries keep the block if the mode ever changes.');
    }
    if (s.mode === 'company-owned-work-profile' && base.personalPlayStoreMode === 'ALLOWLIST') {
      out.push('The base keeps the personal profile an allowlist (personalPlayStoreMode ALLOWLIST): only the apps it lists as AVAILABLE can be installed there.');
    }
  }
  if (s.policyName !== undefined) out.push(`Policy resource name: ${s.policyName}.`);
  return out;
}
