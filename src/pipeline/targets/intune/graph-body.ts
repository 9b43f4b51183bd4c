import type { FleetPlan, Plan, Platform } from '../../../plan/types.js';
import type { Artifact, ArtifactKind } from '../artifact.js';
import { jsonBytes } from '../encode.js';
import { renderText } from '../text.js';

/** A Graph request body: "@odata.type" first, then displayName and description, then the rest as given. */
export type GraphBody = { '@odata.type': string; displayName: string; description: string } & Record<string, unknown>;

/** The common head of a deviceConfiguration body (Graph v1.0 deviceConfiguration: displayName, description). */
export function graphBody(plan: Plan, fleet: FleetPlan, odataType: string, platformLabel: string, fields: Record<string, unknown>): GraphBody {
  const context = { policy: plan.policy, fleet: { id: fleet.id, description: fleet.description }, platform: platformLabel };
  return {
    '@odata.type': `#microsoft.graph.${odataType}`,
    displayName: renderText('intune/display-name', context),
    description: renderText('intune/description', context),
    ...fields,
  };
}

/** `<fleet>/intune/<name>.json`, laid out as every JSON file the compiler writes. */
export function graphArtifact(fleet: FleetPlan, name: string, kind: ArtifactKind, platform: Platform, body: GraphBody): Artifact {
  return { path: `${fleet.id}/intune/${name}.json`, bytes: jsonBytes(body), kind, fleet: fleet.id, platform, data: body };
}
