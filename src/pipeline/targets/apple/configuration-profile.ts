import { byCodeUnit } from '../../../common/compare.js';
import type { FleetPlan, Plan, ProfileText } from '../../../plan/types.js';
import type { Artifact } from '../artifact.js';
import { plistBytes } from '../encode.js';
import { stableUuid } from '../ids.js';
import { renderText } from '../text.js';

export type PlistDict = Record<string, unknown>;

export interface ProfileSpec {
  plan: Plan;
  fleet: FleetPlan;
  platform: 'ios' | 'macos';
  /** The fleet's own profile text for this platform, over apple.profile, over the policy's. */
  text: ProfileText | undefined;
  /** The file: `<fleet>/<platform>/<name>.mobileconfig`. */
  name: string;
  /** The profile's PayloadIdentifier: what an MDM matches to replace an installed profile. */
  identifier: string;
  /** Template for PayloadDisplayName when the YAML gives none. */
  displayNameTemplate: string;
  /** macOS PayloadScope (TopLevel.yaml): System for settings a daemon reads. */
  scope?: 'System' | 'User';
  /** Payloads without PayloadIdentifier/PayloadUUID/PayloadVersion: this adds them. */
  payloads: { suffix: string; payload: PlistDict }[];
}

/**
 * A Configuration profile around a fleet's payloads (TopLevel.yaml, CommonPayloadKeys.yaml). The
 * optional top-level fields come from the YAML only; PayloadUUIDs are UUIDv5 of the identifiers,
 * so the profile keeps its identity from one compile to the next.
 */
export function configurationProfile(spec: ProfileSpec): Artifact {
  const { plan, fleet, platform } = spec;
  const text: ProfileText = { ...plan.apple.profile, ...spec.text };
  const profileId = spec.identifier;
  const context = { policy: plan.policy, fleet: { id: fleet.id, description: fleet.description } };
  const description = text.description ?? plan.policy.description;
  const organization = text.organization ?? plan.policy.organization;

  const content = spec.payloads.map(({ suffix, payload }) => {
    const id = `${profileId}.${suffix}`;
    return sortedKeys({ ...payload, PayloadIdentifier: id, PayloadUUID: stableUuid(id), PayloadVersion: 1 });
  });
  const profile: PlistDict = {
    ...(text.consentText && { ConsentText: sortedKeys(text.consentText) }),
    PayloadContent: content,
    ...(description !== undefined && { PayloadDescription: renderText('apple/profile-description', { ...context, description }) }),
    PayloadDisplayName: text.displayName ?? renderText(spec.displayNameTemplate, context),
    PayloadIdentifier: profileId,
    ...(organization !== undefined && { PayloadOrganization: organization }),
    // PayloadRemovalDisallowed is supervised-only on iOS (TopLevel.yaml): never on a fleet that declares none.
    ...(text.removalDisallowed !== undefined && !(platform === 'ios' && fleet.ios?.settings.supervised === false) && { PayloadRemovalDisallowed: text.removalDisallowed }),
    ...(spec.scope !== undefined && { PayloadScope: spec.scope }),
    PayloadType: 'Configuration',
    PayloadUUID: stableUuid(profileId),
    PayloadVersion: 1,
  };
  return {
    path: `${fleet.id}/${platform}/${spec.name}.mobileconfig`,
    bytes: plistBytes(profile as never),
    kind: 'apple-profile',
    fleet: fleet.id,
    platform,
    data: profile,
  };
}

/** Keys in code-point order, as plutil writes them, so diffs line up with Apple's own files. */
export function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => byCodeUnit(a, b)));
}
