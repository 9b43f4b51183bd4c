import type { DiagnosticBag } from '../../common/diagnostics/diagnostic.js';
import { isObject, objectOr } from '../../common/json/object.js';
import type { JsonSource } from '../load/json-source.js';
import type { AndroidBase, AndroidSettings, BlockedApp, NotEnforced } from '../../plan/types.js';
import { fieldPath } from '../validate/base-policy.js';

/**
 * What a fleet's base policy does to blocking, checked whether or not the base passed its schema:
 * an admin sees every problem of a base in one round. Every read is defensive, because a field
 * may have the wrong type here (the schema's diagnostic says so already). Facts: the discovery
 * document, androidmanagement v1 rev 20260408, quoted where used; docs/android.md lists the codes.
 */

export interface BaseCheckInput {
  fleet: string;
  settings: AndroidSettings;
  blocked: readonly BlockedApp[];
  /** Apps an exception of the fleet lets through (their identifier is the package). */
  allowed: readonly NotEnforced[];
  source: JsonSource;
}

type Json = Record<string, unknown>;

/** The base as the plan records it, after its checks; undefined when the base is not a JSON object. */
export function checkBase(input: BaseCheckInput, bag: DiagnosticBag): AndroidBase | undefined {
  const policy = input.source.data;
  if (!isObject(policy)) return undefined;
  const personal = objectOr(policy['personalUsagePolicies']);
  const base: AndroidBase = {
    file: input.source.displayPath,
    policy,
    playStoreMode: policy['playStoreMode'] === 'BLACKLIST' ? 'BLACKLIST' : 'WHITELIST',
    personalPlayStoreMode: personal['personalPlayStoreMode'] === 'ALLOWLIST' ? 'ALLOWLIST' : 'BLOCKLIST',
  };
  const cope = input.settings.mode === 'company-owned-work-profile';
  checkRemoval(input, policy, bag);
  checkSideloading(input, policy, cope, bag);
  checkAllowlists(input, policy, base, cope, bag);
  checkVpnLockdown(input, policy, bag);
  checkConflicts(input, policy['applications'], ['applications'], 'on the work side', bag);
  checkBlocksAllowed(input, policy['applications'], ['applications'], bag);
  if (cope) {
    checkConflicts(input, personal['personalApplications'], ['personalUsagePolicies', 'personalApplications'], 'in the personal profile', bag);
    checkBlocksAllowed(input, personal['personalApplications'], ['personalUsagePolicies', 'personalApplications'], bag);
  }
  checkOwnershipMode(input, policy, bag);
  return base;
}

/** uninstallAppsDisabled keeps blocked apps installed; installAppsDisabled freezes availability. */
function checkRemoval({ fleet, source }: BaseCheckInput, policy: Json, bag: DiagnosticBag): void {
  if (policy['uninstallAppsDisabled'] === true) {
    bag.add(
      'ANDROID_BASE_UNINSTALL_DISABLED',
      `the base policy of fleet "${fleet}" sets uninstallAppsDisabled: true, which keeps apps from being uninstalled "even those removed using applications": blocked apps already on devices would stay; remove it or set it to false`,
      source.positionOf(['uninstallAppsDisabled']),
    );
  }
  // ApplicationPolicy: "Application availability on a given device cannot be changed using this
  // policy if installAppsDisabled is enabled." Users cannot install anything, so new installs are
  // blocked anyway; the BLOCKED entries may not remove what devices already have.
  if (policy['installAppsDisabled'] === true) {
    bag.add(
      'ANDROID_BASE_INSTALL_DISABLED',
      `the base policy of fleet "${fleet}" sets installAppsDisabled: true: users cannot install apps, but "application availability on a given device cannot be changed using this policy", so blocked apps already on devices may stay; set it to false to have them removed`,
      source.positionOf(['installAppsDisabled']),
    );
  }
}

function checkSideloading({ fleet, source }: BaseCheckInput, policy: Json, cope: boolean, bag: DiagnosticBag): void {
  const untrusted = objectOr(policy['advancedSecurityOverrides'])['untrustedAppsPolicy'];
  if (untrusted !== 'ALLOW_INSTALL_DEVICE_WIDE' && !(untrusted === 'ALLOW_INSTALL_IN_PERSONAL_PROFILE_ONLY' && cope)) return;
  const where = untrusted === 'ALLOW_INSTALL_DEVICE_WIDE' ? 'anywhere on the device' : 'in the personal profile';
  bag.add(
    'ANDROID_BASE_UNTRUSTED_APPS',
    `the base policy of fleet "${fleet}" sets advancedSecurityOverrides.untrustedAppsPolicy to ${untrusted}: users can sideload blocked apps ${where} from outside Google Play; DISALLOW_INSTALL closes that`,
    source.positionOf(['advancedSecurityOverrides', 'untrustedAppsPolicy']),
  );
}

function checkAllowlists({ fleet, source }: BaseCheckInput, policy: Json, base: AndroidBase, cope: boolean, bag: DiagnosticBag): void {
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
}

/**
 * AlwaysOnVpnPackage.lockdownEnabled "Disallows networking when the VPN is not connected": with
 * the VPN app blocked (uninstalled), it never connects, and the devices lose the network.
 */
function checkVpnLockdown({ fleet, blocked, source }: BaseCheckInput, policy: Json, bag: DiagnosticBag): void {
  const vpn = objectOr(policy['alwaysOnVpnPackage']);
  const app = blocked.find((b) => b.identifier === vpn['packageName']);
  if (!app || vpn['lockdownEnabled'] !== true) return;
  bag.add(
    'ANDROID_BASE_VPN_BLOCKED',
    `the base policy of fleet "${fleet}" makes "${app.identifier}" (${app.app.name}) the always-on VPN with lockdownEnabled, which "disallows networking when the VPN is not connected"; the blocklist blocks it, so devices would lose the network: allow app "${app.app.id}" in fleet "${fleet}" with an exception, or change alwaysOnVpnPackage`,
    source.positionOf(['alwaysOnVpnPackage', 'packageName']),
  );
}

function checkConflicts({ fleet, blocked, source }: BaseCheckInput, list: unknown, at: string[], side: string, bag: DiagnosticBag): void {
  const blockedBy = new Map(blocked.map((b) => [b.identifier, b]));
  (Array.isArray(list) ? list : []).forEach((entry: unknown, i) => {
    if (!isObject(entry)) return;
    const app = typeof entry['packageName'] === 'string' ? blockedBy.get(entry['packageName']) : undefined;
    if (!app || entry['installType'] === 'BLOCKED') return;
    const installType = entry['installType'] === undefined ? 'no installType (AVAILABLE)' : `installType ${String(entry['installType'])}`;
    bag.add(
      'ANDROID_BASE_CONFLICT',
      `the base policy of fleet "${fleet}" gives "${app.identifier}" (${app.app.name}) ${installType} at ${fieldPath([...at, i])}, but the blocklist blocks it ${side}: remove the entry from the base policy, or allow app "${app.app.id}" in fleet "${fleet}" with an exception`,
      source.positionOf(entry['installType'] === undefined ? [...at, i] : [...at, i, 'installType']),
    );
  });
}

/**
 * The base's own BLOCKED entries are kept as they are, so a base that blocks an app an exception
 * lets through keeps it blocked on the devices: the exception would be ignored. A base exported
 * from the live policy after an earlier compile holds that compile's BLOCKED entries, which is how
 * an admin meets this after adding an exception.
 */
function checkBlocksAllowed({ fleet, allowed, source }: BaseCheckInput, list: unknown, at: string[], bag: DiagnosticBag): void {
  const allowedBy = new Map(allowed.filter((n) => n.identifier !== undefined).map((n) => [n.identifier!, n]));
  (Array.isArray(list) ? list : []).forEach((entry: unknown, i) => {
    if (!isObject(entry) || entry['installType'] !== 'BLOCKED') return;
    const app = typeof entry['packageName'] === 'string' ? allowedBy.get(entry['packageName']) : undefined;
    if (!app) return;
    const where = app.exception ? ` (${app.exception.at.file}:${app.exception.at.line}:${app.exception.at.col})` : '';
    bag.add(
      'ANDROID_BASE_BLOCKS_ALLOWED',
      `the base policy of fleet "${fleet}" blocks "${app.identifier}" (${app.app.name}) at ${fieldPath([...at, i])}, but an exception${where} allows app "${app.app.id}" in fleet "${fleet}": the base's entry is kept, so devices would keep it blocked. Remove the entry from the base policy (an earlier compile may have put it there), or drop the exception`,
      source.positionOf([...at, i, 'installType']),
    );
  });
}

type Mode = AndroidSettings['mode'];

/**
 * Policy fields the discovery document scopes to some ownership modes, with the words that say
 * so (test/android/base-policy-schema.test.ts checks each quote is in the field's description). A
 * base written for another kind of fleet sets them to no effect.
 */
export const MODE_BOUND_FIELDS: readonly { field: string; fitsOnly: readonly Mode[]; quote: string }[] = [
  { field: 'personalUsagePolicies', fitsOnly: ['company-owned-work-profile'], quote: 'Policies managing personal usage on a company-owned device.' },
  { field: 'adjustVolumeDisabled', fitsOnly: ['fully-managed'], quote: 'The setting has effect only on fully managed devices.' },
  { field: 'microphoneAccess', fitsOnly: ['fully-managed'], quote: 'This applies only on fully managed devices.' },
  { field: 'networkResetDisabled', fitsOnly: ['fully-managed'], quote: 'This applies only on fully managed devices.' },
  { field: 'unmuteMicrophoneDisabled', fitsOnly: ['fully-managed'], quote: 'This is available only on fully managed devices.' },
  { field: 'usbFileTransferDisabled', fitsOnly: ['fully-managed', 'company-owned-work-profile'], quote: 'This is supported only on company-owned devices.' },
  { field: 'autoDateAndTimeZone', fitsOnly: ['fully-managed', 'company-owned-work-profile'], quote: 'on a company-owned device' },
];

const MODE_WORDS: Record<Mode, string> = {
  'fully-managed': 'fully managed',
  'company-owned-work-profile': 'company-owned work-profile',
  'personally-owned-work-profile': 'personally owned work-profile',
};

function checkOwnershipMode({ fleet, settings, source }: BaseCheckInput, policy: Json, bag: DiagnosticBag): void {
  for (const { field, fitsOnly, quote } of MODE_BOUND_FIELDS) {
    if (!(field in policy) || fitsOnly.includes(settings.mode)) continue;
    const fits = fitsOnly.length === 1 ? `${MODE_WORDS[fitsOnly[0]!]} devices` : fitsOnly.every((m) => m !== 'personally-owned-work-profile') ? 'company-owned devices' : fitsOnly.map((m) => MODE_WORDS[m]).join(' or ');
    bag.add(
      'ANDROID_BASE_MODE_MISMATCH',
      `the base policy of fleet "${fleet}" sets ${field}, which applies to ${fits} only ("${quote}"), but the fleet is ${MODE_WORDS[settings.mode]}: the field does nothing there; was the base written for another fleet?`,
      source.keyPositionOf([], field),
    );
  }
}
