import type { Artifact, FleetPlan, Plan } from '../../src/index.js';
import { checkFieldMask, checkRequestBody, checkResource } from './amapi-schema.js';
import { checkProfile, parsePlistXml } from './apple-schema.js';
import type { Problem } from './problem.js';

/** Artifacts that are not handed to a device-management system: nothing official to check. */
export const NOT_MDM_KINDS = new Set<string>(['manifest']);

type Checker = (artifact: Artifact, fleet: FleetPlan | undefined, plan: Plan) => Problem[];

const text = (a: Artifact) => new TextDecoder().decode(a.bytes);
const json = (a: Artifact): unknown => JSON.parse(text(a));
const AMAPI = 'androidmanagement.enterprises.policies';

/**
 * How each artifact kind is checked against the official schemas. Every MDM artifact kind the
 * compiler emits needs an entry: the conformance test fails for a kind missing here.
 */
export const artifactCheckers: Record<string, Checker> = {
  'apple-profile': (a, fleet) => {
    const macos = a.platform === 'macos';
    const settings = macos ? fleet?.macos?.settings : fleet?.ios?.settings;
    return checkProfile(parsePlistXml(text(a)), {
      os: macos ? 'macOS' : 'iOS',
      ...(settings && { osVersion: settings.minVersion }),
    });
  },
  // A full policy is sent as a patch body without a mask: a Policy either way.
  'amapi-policy': (a) => [...checkResource(json(a), 'Policy'), ...checkRequestBody(json(a), `${AMAPI}.patch`)],
  'amapi-policy-overlay': (a) => [...checkResource(json(a), 'Policy'), ...checkRequestBody(json(a), `${AMAPI}.patch`)],
  'amapi-policy-patch': (a) => {
    const { updateMask, body } = json(a) as { updateMask: string; body: unknown };
    return [...checkRequestBody(body, `${AMAPI}.patch`), ...checkFieldMask(updateMask, 'Policy')];
  },
  'amapi-modify-policy-applications': (a) => checkRequestBody(json(a), `${AMAPI}.modifyPolicyApplications`),
  'amapi-remove-policy-applications': (a) => checkRequestBody(json(a), `${AMAPI}.removePolicyApplications`),
};

/** Problems of every artifact of a compile, as `path: code at where` lines. */
export function conformanceProblems(artifacts: readonly Artifact[], plan: Plan): string[] {
  const out: string[] = [];
  for (const a of artifacts) {
    if (NOT_MDM_KINDS.has(a.kind)) continue;
    const check = artifactCheckers[a.kind];
    if (!check) {
      out.push(`${a.path}: no conformance check for artifact kind "${a.kind}" (add one to test/conformance/artifact-checks.ts)`);
      continue;
    }
    const fleet = plan.fleets.find((f) => f.id === a.fleet);
    for (const p of check(a, fleet, plan)) out.push(`${a.path}: ${p.code} at ${p.path}: ${p.message}`);
  }
  return out;
}
