/**
 * Fields that Google's own example policies use and the Android Management API does not have:
 * an admin who copied the example meets "no field", and needs the field that does the job now.
 * test/android/base-policy-schema.test.ts checks against the discovery document (revision
 * 20260408) that each old name is absent there and each replacement is present, so a table entry
 * that stops being true fails the build.
 */
export interface RemovedField {
  /** The discovery document's schema that lacks the field, as the diagnostic names it. */
  owner: string;
  field: string;
  /** The schema and field that replace it, for the test that checks them against the document. */
  replacement: { owner: string; field: string; value?: string };
  advice: string;
  /** Where Google's example uses the old name. */
  source: string;
}

export const REMOVED_FIELDS: readonly RemovedField[] = [
  {
    owner: 'Policy',
    field: 'parentProfilePasswordRequirements',
    replacement: { owner: 'PasswordRequirements', field: 'passwordScope', value: 'SCOPE_DEVICE' },
    advice:
      'the API no longer has it: put the device-wide requirements in passwordPolicies, as an entry with "passwordScope": "SCOPE_DEVICE" ("The password requirements are only applied to the device")',
    source: 'https://developers.google.com/android/management/policies/work-profile (Example policies: Work profile devices, "Applies to the whole device")',
  },
  {
    owner: 'PersonalUsagePolicies',
    field: 'personalApplicationPolicy',
    replacement: { owner: 'PersonalUsagePolicies', field: 'personalApplications' },
    advice: 'the API calls this list personalApplications (each entry a PersonalApplicationPolicy)',
    source: 'https://developers.google.com/android/management/policies/work-profile (Example policies: Work profile devices, company-owned example)',
  },
];

/** What replaces `owner.field`, when Google's examples are known to use that name. */
export function replacementOf(owner: string, field: string): string | undefined {
  return REMOVED_FIELDS.find((r) => r.owner === owner && r.field === field)?.advice;
}
