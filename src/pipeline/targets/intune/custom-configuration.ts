import type { FleetPlan, Plan } from '../../../plan/types.js';
import type { Artifact, ArtifactKind } from '../artifact.js';
import { graphArtifact, graphBody } from './graph-body.js';

/** What a custom configuration carries: the profile's file (relative to the fleet) and the body's name, kind, platform and label. */
export interface CarriedProfile {
  file: string;
  name: string;
  kind: ArtifactKind;
  platform: 'ios' | 'macos';
  label: string;
}

/** The Graph v1.0 type of a custom configuration, per platform; both have the same three fields. */
const ODATA_TYPE = { ios: 'iosCustomConfiguration', macos: 'macOSCustomConfiguration' } as const;

/**
 * A custom configuration carrying a profile of another target, byte for byte (Graph v1.0
 * iosCustomConfiguration / macOSCustomConfiguration: payload, Edm.Binary, which Graph's JSON
 * carries as base64; payloadFileName; payloadName, "Name that is displayed to the user", the
 * profile's PayloadDisplayName). The unsigned profile: a signed copy differs on every compile.
 */
export function customConfiguration(plan: Plan, fleet: FleetPlan, profile: Artifact, carried: CarriedProfile): Artifact {
  const data = profile.data as { PayloadDisplayName?: unknown } | undefined;
  const fileName = carried.file.slice(carried.file.lastIndexOf('/') + 1);
  const body = graphBody(plan, fleet, ODATA_TYPE[carried.platform], carried.label, {
    payload: Buffer.from(profile.bytes).toString('base64'),
    payloadFileName: fileName,
    payloadName: typeof data?.PayloadDisplayName === 'string' ? data.PayloadDisplayName : fileName,
  });
  return graphArtifact(fleet, carried.name, carried.kind, carried.platform, body);
}
