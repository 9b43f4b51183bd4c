import { APPLE_VERSIONS } from '../../plan/apple-versions.js';
import type { AndroidPlan, AppleCaveat, IosPlan, MacosPlan, Platform } from '../../plan/types.js';

/*
 * What a platform's artifacts need to take effect, in the admin's words. Which Apple artifacts a
 * fleet gets, and what they cannot do there, resolve has decided (plan.*.enforcement); this turns
 * that into sentences. Facts and their sources: ../shared/platform/apple.md §1, §3, §5
 * (com.apple.applicationaccess.yaml: blockedAppBundleIDs supervised, user enrollment forbidden;
 * app.settings 27.0 supervised; application.remove.yaml) and ../shared/platform/android.md §1–3
 * (installType BLOCKED, playStoreMode, personalUsagePolicies on company-owned devices only,
 * uninstallAppsDisabled, the 3,000-entry cap).
 */

/** A platform's plan as far as its needs go. */
export type NeedsInput = Pick<IosPlan, 'settings' | 'enforcement'> | Pick<MacosPlan, 'settings' | 'enforcement'> | Pick<AndroidPlan, 'settings' | 'base'>;

/** `label` names a source file as the report does. */
export function requirements(platform: Platform, plan: NeedsInput, label: (file: string) => string): string[] {
  if (platform === 'ios') return iosNeeds(plan as Pick<IosPlan, 'settings' | 'enforcement'>);
  if (platform === 'macos') return macosNeeds(plan as Pick<MacosPlan, 'settings' | 'enforcement'>);
  return androidNeeds(plan as Pick<AndroidPlan, 'settings' | 'base'>, label);
}

function major(version: string): number {
  return Number(version.split('.')[0]);
}

const IOS_15 = major(APPLE_VERSIONS.blockedKey);
const OS_27 = major(APPLE_VERSIONS.appSettings);
const IOS_26 = major(APPLE_VERSIONS.removeUnmanaged);

const CAVEATS: Record<AppleCaveat, string> = {
  'unsupervised-profile-does-not-block': 'This fleet is marked unsupervised: blocking by bundle ID needs supervision, so no restrictions profile is written (it would block nothing there); its apps are not enforced.',
  'unsupervised-no-declarations': 'No app.settings declaration is written: Apple allows it on supervised enrollments only.',
  'legacy-key-deprecated': `Devices before iOS ${IOS_15} get the deprecated blacklistedAppBundleIDs (legacyKeys: true).`,
  'before-15-not-blocked': `Devices before iOS ${IOS_15} ignore blockedAppBundleIDs; set legacyKeys: true to also write the deprecated blacklistedAppBundleIDs.`,
  'profile-key-deprecated-on-27': `blockedAppBundleIDs is deprecated from iOS ${OS_27} (pre-release): devices on ${OS_27} and later take the app.settings declaration, so the fleet gets both.`,
  'remove-managed-apps-only': `RemoveApplication removes only apps the MDM manages on these devices (unmanaged ones too only on supervised devices from iOS ${IOS_26}).`,
  'macos-before-27-not-blocked': `Nothing blocks apps on Macs before macOS ${OS_27} in this fleet: set santa, or raise minVersion to ${OS_27}.`,
  'santa-apps-without-team-id': 'Some blocked apps have no known Team ID and their publisher is not blocked whole, so no Santa rule can name them:',
};

function versions(os: string, s: { minVersion: string; maxVersion?: string }): string {
  return `Devices run ${os} ${s.minVersion}${s.maxVersion !== undefined ? ` to ${s.maxVersion}` : ' or later'} (the fleet's minVersion${s.maxVersion !== undefined ? ' and maxVersion' : ''}).`;
}

function iosNeeds({ settings: s, enforcement: e }: Pick<IosPlan, 'settings' | 'enforcement'>): string[] {
  const out = [
    versions('iOS/iPadOS', s),
    'Blocking by bundle ID works on supervised iPhones and iPads only, and not under User Enrollment (personally owned devices).',
  ];
  if (e.restrictionsProfile) out.push(`The restrictions profile (blockedAppBundleIDs) covers iOS/iPadOS ${IOS_15} to ${OS_27 - 1}.`);
  if (e.declarations) out.push(`The DDM declaration com.apple.configuration.app.settings (DeniedApps) with its activation covers iOS/iPadOS ${OS_27} and later (pre-release).`);
  if (e.removeApplication) out.push('One RemoveApplication command per blocked app removes it and its data where installed; it fails for apps managed by DDM.');
  else out.push('Blocked apps already installed stay installed (removeApps: false): the profile hides them and stops them launching.');
  out.push(...e.caveats.map((c) => CAVEATS[c]));
  return out;
}

function macosNeeds({ settings: s, enforcement: e }: Pick<MacosPlan, 'settings' | 'enforcement'>): string[] {
  const out = [versions('macOS', s), 'No configuration-profile key blocks apps by bundle ID on macOS (blockedAppBundleIDs is iOS only).'];
  if (e.santa) out.push(`Santa must be installed on the Macs: the profile (payload type ${e.santa}) gives it static rules; a TEAMID rule blocks every app of a publisher. No supervision is needed.`);
  if (e.declarations) out.push(`The DDM declaration com.apple.configuration.app.settings (DeniedBinaries, by Team ID and signing ID) blocks apps on supervised Macs from macOS ${OS_27} (pre-release).`);
  for (const c of e.caveats) out.push(c === 'santa-apps-without-team-id' ? `${CAVEATS[c]} ${e.santaUncovered.join(', ')}.` : CAVEATS[c]);
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
