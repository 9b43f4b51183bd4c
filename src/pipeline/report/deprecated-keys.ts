import type { Platform } from '../../plan/types.js';
import type { Artifact } from '../targets/artifact.js';

/** A key (or one value of a key) an official schema marks deprecated. */
interface DeprecatedKey {
  key: string;
  /** Only this value of the key is deprecated. */
  value?: string;
  platforms: readonly Platform[];
  /**
   * Where the key must sit for the entry to apply, as a path with `*` for array indexes
   * (`applications/*`); undefined matches the key at any depth. AMAPI reuses field names
   * (cameraDisabled is current inside personalUsagePolicies), so its entries are anchored.
   */
  under?: string;
  since: string;
  instead: string;
  source: string;
}

const APPLE_RESTRICTIONS = 'apple/device-management mdm/profiles/com.apple.applicationaccess.yaml (release branch, iOS 18.1; ../shared/platform/apple.md §1)';
const AMAPI = 'Android Management API discovery document, androidmanagement v1 rev 20260408 (../shared/platform/android.md §6)';

/**
 * Policy fields AMAPI marks `deprecated: true`, with the replacement where the field's own
 * description names one; otherwise the reader is sent to the reference.
 */
const AMAPI_POLICY_FIELDS: Record<string, string> = {
  androidDevicePolicyTracks: 'see the Policy reference',
  autoTimeRequired: 'autoDateAndTimeZone',
  blockApplicationsEnabled: 'nothing: it has no effect; blocked apps are applications[] with installType BLOCKED',
  cameraDisabled: 'cameraAccess',
  complianceRules: 'policyEnforcementRules',
  debuggingFeaturesAllowed: 'advancedSecurityOverrides.developerSettings',
  ensureVerifyAppsEnabled: 'advancedSecurityOverrides.googlePlayProtectVerifyApps',
  installUnknownSourcesAllowed: 'advancedSecurityOverrides.untrustedAppsPolicy (the old field has no effect)',
  passwordRequirements: 'passwordPolicies',
  safeBootDisabled: 'advancedSecurityOverrides.developerSettings',
  statusBarDisabled: 'installType KIOSK or kioskCustomLauncherEnabled (kiosk devices)',
  tetheringConfigDisabled: 'deviceConnectivityManagement.tetheringSettings',
  unmuteMicrophoneDisabled: 'microphoneAccess',
  usbFileTransferDisabled: 'see the Policy reference',
  usbMassStorageEnabled: 'see the Policy reference',
  wifiConfigDisabled: 'deviceConnectivityManagement.configureWifi',
  wifiConfigsLockdownEnabled: 'see the Policy reference',
};

export const DEPRECATED_KEYS: readonly DeprecatedKey[] = [
  { key: 'blacklistedAppBundleIDs', platforms: ['ios'], since: 'iOS 15.0', instead: 'blockedAppBundleIDs', source: APPLE_RESTRICTIONS },
  { key: 'whitelistedAppBundleIDs', platforms: ['ios'], since: 'iOS 15.0', instead: 'allowListedAppBundleIDs', source: APPLE_RESTRICTIONS },
  ...Object.entries(AMAPI_POLICY_FIELDS).map(([key, instead]) => ({ key, platforms: ['android'] as const, under: '', since: 'AMAPI (as of discovery rev 20260408)', instead, source: AMAPI })),
  { key: 'lockTaskAllowed', platforms: ['android'], under: 'applications/*', since: 'AMAPI (as of discovery rev 20260408)', instead: 'installType KIOSK or kioskCustomLauncherEnabled', source: AMAPI },
  { key: 'extensionConfig', platforms: ['android'], under: 'applications/*', since: 'AMAPI (as of discovery rev 20260408)', instead: 'see the ApplicationPolicy reference', source: AMAPI },
  { key: 'installType', value: 'KIOSK', platforms: ['android'], under: 'applications/*', since: 'AMAPI (as of discovery rev 20260408)', instead: 'kioskCustomLauncherEnabled or an app with the KIOSK role', source: AMAPI },
  { key: 'personalPlayStoreMode', value: 'BLACKLIST', platforms: ['android'], under: 'personalUsagePolicies', since: 'AMAPI (as of discovery rev 20260408)', instead: 'BLOCKLIST', source: AMAPI },
];

export interface DeprecatedUse {
  key: string;
  value?: string;
  /** Where in the artifact, `/`-separated. */
  path: string;
  artifact: Artifact;
  since: string;
  instead: string;
  source: string;
}

/** The entries by platform and key: the walk below meets every key of every artifact. */
const BY_PLATFORM_AND_KEY = new Map<Platform, Map<string, DeprecatedKey[]>>();
for (const d of DEPRECATED_KEYS) {
  for (const platform of d.platforms) {
    const byKey = BY_PLATFORM_AND_KEY.get(platform) ?? new Map<string, DeprecatedKey[]>();
    byKey.set(d.key, [...(byKey.get(d.key) ?? []), d]);
    BY_PLATFORM_AND_KEY.set(platform, byKey);
  }
}

/** Every deprecated key the artifacts carry, whichever target wrote them. */
export function findDeprecatedKeys(artifacts: readonly Artifact[]): DeprecatedUse[] {
  const uses: DeprecatedUse[] = [];
  for (const artifact of artifacts) {
    if (artifact.platform === undefined || artifact.data === undefined) continue;
    const byKey = BY_PLATFORM_AND_KEY.get(artifact.platform);
    if (!byKey) continue;
    walk(artifact.data, [], (key, value, parent) => {
      for (const d of byKey.get(key) ?? []) {
        if (d.value !== undefined && d.value !== value) continue;
        if (d.under !== undefined && parent.map((p) => (typeof p === 'number' ? '*' : p)).join('/') !== d.under) continue;
        uses.push({
          key,
          ...(d.value !== undefined && { value: d.value }),
          path: [...parent, key].join('/'),
          artifact,
          since: d.since,
          instead: d.instead,
          source: d.source,
        });
      }
    });
  }
  return uses;
}

/** Visits every key below `value`; `path` is where the walk is, valid during the visit only. */
function walk(value: unknown, path: (string | number)[], visit: (key: string, value: unknown, parent: readonly (string | number)[]) => void): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walk(value[i], path, visit);
      path.pop();
    }
  } else if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    for (const k of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[k];
      visit(k, v, path);
      path.push(k);
      walk(v, path, visit);
      path.pop();
    }
  }
}
