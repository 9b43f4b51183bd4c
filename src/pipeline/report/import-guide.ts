/** What a file is and where an admin hands it over, by artifact kind. */
export interface ImportGuide {
  what: string;
  where: string;
}

/**
 * One entry per artifact kind the targets write. A target that adds a kind adds its entry here
 * (a test fails until it does). Importer facts: ../shared/platform/peers.md §1.8 (NanoMDM,
 * KMFDDM), ../shared/platform/android.md §5 (AMAPI methods).
 */
export const IMPORT_GUIDES: Readonly<Record<string, ImportGuide>> = {
  'apple-profile': {
    what: 'Configuration profile (unsigned)',
    where:
      'Upload it to the MDM as a custom configuration profile (Fleet signs it itself), or send its InstallProfile command from commands/. Jamf rewrites unsigned uploads: give it the signed copy where one is written.',
  },
  'apple-profile-signed': {
    what: 'Configuration profile, signed (DER CMS)',
    where: 'For importers that keep a profile as given, such as Jamf Pro (upload it in the web interface). The InstallProfile command carries these bytes when signing is on.',
  },
  'apple-command': {
    what: 'MDM command plist (InstallProfile or RemoveApplication)',
    where:
      'NanoMDM: PUT it as the body of /v1/enqueue/<enrollment id>; MicroMDM: POST /v1/commands/<udid>. A server refuses a CommandUUID it has queued before: re-send with a fresh one (compile --command-uuid-salt, or rewrite it).',
  },
  'apple-declaration': {
    what: 'DDM declaration (JSON)',
    where: 'KMFDDM: PUT /v1/declarations with the file, then PUT /v1/set-declarations/<set>?declaration=<its Identifier>; the activation goes with its configuration.',
  },
  'amapi-policy': {
    what: 'Android Management API Policy (the whole policy)',
    where:
      'Where this file is the whole policy (no base, or a base exported from the server): the body of enterprises.policies.patch, PATCH https://androidmanagement.googleapis.com/v1/enterprises/{enterpriseId}/policies/{policyId}, which replaces every field. A pipeline that shares the policy sends the request bodies beside it instead.',
  },
  'amapi-policy-overlay': {
    what: 'Android Management API Policy: the base policy with the blocklist laid onto it',
    where:
      'The whole policy: every field of the base as given, with the blocked apps and the store mode laid on (docs/android.md, "Overlay"). The body of enterprises.policies.patch, PATCH https://androidmanagement.googleapis.com/v1/enterprises/{enterpriseId}/policies/{policyId}, which replaces every field: export the base from the server just before compiling, or a change made there since is lost. A pipeline that shares the policy sends the request bodies beside it instead.',
  },
  'amapi-modify-policy-applications': {
    what: 'enterprises.policies.modifyPolicyApplications body',
    where:
      'First: POST …/enterprises/{enterpriseId}/policies/{policyId}:modifyPolicyApplications. Adds or replaces one BLOCKED entry per app; other entries and fields stay as they are. Without a base policy this is the body to send: it changes no store mode and replaces no list of a policy the compiler has not seen (personal-profile apps then need a base, or policy.json sent whole).',
  },
  'amapi-policy-patch': {
    what: 'enterprises.policies.patch request: {updateMask, body}',
    where:
      'Second: PATCH …/enterprises/{enterpriseId}/policies/{policyId}?updateMask=<its updateMask> with its body: only the fields the blocklist owns. Written only for a fleet with a base policy, whose modes and personal entries it was computed from.',
  },
  'amapi-remove-policy-applications': {
    what: 'enterprises.policies.removePolicyApplications body',
    where: 'Last: POST …/enterprises/{enterpriseId}/policies/{policyId}:removePolicyApplications. Drops the entries of apps an earlier compile blocked and this one does not.',
  },
  'intune-ios-device-restrictions': {
    what: 'Microsoft Graph request body: Intune iOS/iPadOS device restrictions (iosGeneralDeviceConfiguration)',
    where:
      'Create: POST https://graph.microsoft.com/v1.0/deviceManagement/deviceConfigurations with the file (permission DeviceManagementConfiguration.ReadWrite.All). PowerShell (Microsoft.Graph module): Connect-MgGraph -Scopes DeviceManagementConfiguration.ReadWrite.All; New-MgDeviceManagementDeviceConfiguration -BodyParameter (Get-Content -Raw <file> | ConvertFrom-Json -AsHashtable). curl: curl -X POST -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" --data-binary @<file> https://graph.microsoft.com/v1.0/deviceManagement/deviceConfigurations. Assign it to groups: POST …/deviceConfigurations/{id}/assign with {"assignments":[{"target":{"@odata.type":"#microsoft.graph.groupAssignmentTarget","groupId":"<Entra group id>"}}]} (restricted-apps reporting needs user groups). Update: PATCH …/deviceConfigurations/{id} with the file, which replaces both app lists whole: changes made to them in Intune are lost. The hidden-apps list blocks on supervised devices only, as blockedAppBundleIDs does (docs/intune.md).',
  },
  'intune-macos-custom-configuration': {
    what: 'Microsoft Graph request body: Intune macOS custom configuration (macOSCustomConfiguration) carrying the Santa profile',
    where:
      'Create: POST https://graph.microsoft.com/v1.0/deviceManagement/deviceConfigurations with the file, as for the iOS body (New-MgDeviceManagementDeviceConfiguration -BodyParameter …, or curl --data-binary @<file>); assign it with POST …/deviceConfigurations/{id}/assign to device or user groups. Update: PATCH …/deviceConfigurations/{id} with the file replaces the payload whole. Its payload is the unsigned santa.mobileconfig, byte for byte; Santa itself must be installed on the Macs.',
  },
  'intune-ios-web-content-filter': {
    what: 'Microsoft Graph request body: Intune iOS/iPadOS custom configuration (iosCustomConfiguration) carrying the web content filter profile',
    where:
      'Create: POST https://graph.microsoft.com/v1.0/deviceManagement/deviceConfigurations with the file, as for the iOS device restrictions body; assign it with POST …/deviceConfigurations/{id}/assign. Update: PATCH …/deviceConfigurations/{id} with the file replaces the payload whole. Its payload is the unsigned web-content-filter.mobileconfig, byte for byte; the built-in filter installs on supervised devices only (docs/web.md).',
  },
  'intune-macos-chrome': {
    what: 'Microsoft Graph request body: Intune macOS custom configuration (macOSCustomConfiguration) carrying the Chrome profile',
    where:
      'Create: POST https://graph.microsoft.com/v1.0/deviceManagement/deviceConfigurations with the file, as for the iOS body; assign it with POST …/deviceConfigurations/{id}/assign to device or user groups. Update: PATCH …/deviceConfigurations/{id} with the file replaces the payload whole. Its payload is the unsigned chrome.mobileconfig, byte for byte; Google Chrome itself must be installed on the Macs.',
  },
  'plan-summary': {
    what: 'What is blocked, per fleet and platform (machine-readable)',
    where: 'Not imported. The plan command compares the next compile with it; pipelines may read it.',
  },
};

/** Files beside the artifacts that are not imported: the manifest and the report itself. */
export const NOT_IMPORTED_KINDS: readonly string[] = ['manifest', 'report-html', 'report-md'];

export function importGuide(kind: string): ImportGuide {
  // A kind without an entry is a defect the test over every kind the compiler writes finds; the
  // report still names the file rather than failing the compile.
  return IMPORT_GUIDES[kind] ?? { what: `${kind} file`, where: 'See the documentation of the target that writes this kind.' };
}
