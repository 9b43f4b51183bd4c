import type { Artifact, FleetPlan, Plan } from '../../src/index.js';
import { checkFieldMask, checkRequestBody, checkResource } from './amapi-schema.js';
import { checkCommand, checkDeclaration, checkProfile, parsePlistXml, type AppleCheckOptions } from './apple-schema.js';
import { checkGraphObject } from './graph-schema.js';
import { isPlainObject, type Problem } from './problem.js';
import { checkChromePayload } from './chrome-rules.js';
import { checkSantaPayload } from './santa-rules.js';

/** Artifacts that are not handed to a device-management system: nothing official to check. */
export const NOT_MDM_KINDS = new Set<string>(['manifest', 'plan-summary', 'report-html', 'report-md']);

type Checker = (artifact: Artifact, fleet: FleetPlan | undefined, plan: Plan) => Problem[];

const text = (a: Artifact) => new TextDecoder().decode(a.bytes);
const json = (a: Artifact): unknown => JSON.parse(text(a));
const AMAPI = 'androidmanagement.enterprises.policies';

const thirdParty = { 'com.northpolesec.santa': checkSantaPayload, 'com.google.santa': checkSantaPayload, 'com.google.Chrome': checkChromePayload };
const atLeast = (version: string, floor: string) => (Number.parseFloat(version) >= Number.parseFloat(floor) ? version : floor);

/**
 * The OS an Apple artifact is checked for: its fleet's, from the fleet's minVersion, but no lower
 * than the artifact serves (the restrictions profile blocks from iOS 15; declarations are 27+).
 * A legacy fleet may carry the deprecated key it asked for; an unsupervised fleet is checked as
 * supervised, because the compiler already warns that its profile blocks nothing there.
 */
function appleOptions(a: Artifact, fleet: FleetPlan | undefined): AppleCheckOptions {
  const declaration = a.kind === 'apple-declaration';
  if (a.platform === 'macos') {
    const min = fleet?.macos?.settings.minVersion;
    return { os: 'macOS', thirdParty, ...(min !== undefined && { osVersion: declaration ? atLeast(min, '27.0') : min }) };
  }
  const ios = fleet?.ios;
  const min = ios?.settings.minVersion;
  return {
    os: 'iOS',
    ...(min !== undefined && { osVersion: atLeast(min, declaration ? '27.0' : '15.0') }),
    ...((ios?.enforcement.legacyKey || fleet?.web?.ios?.legacyKey) && {
      allowDeprecated: [...(ios?.enforcement.legacyKey ? ['blacklistedAppBundleIDs'] : []), ...(fleet?.web?.ios?.legacyKey ? ['BlacklistedURLs'] : [])],
    }),
  };
}

/** A command plist, and for InstallProfile the profile it carries. */
function checkCommandArtifact(a: Artifact, fleet: FleetPlan | undefined): Problem[] {
  const opts = appleOptions(a, fleet);
  const command = parsePlistXml(text(a));
  const problems = checkCommand(command, opts);
  const payload = isPlainObject(command) && isPlainObject(command['Command']) ? command['Command']['Payload'] : undefined;
  if (payload instanceof Uint8Array && payload[0] === 0x3c /* '<': an unsigned profile; signed ones are DER */) {
    const inner = checkProfile(parsePlistXml(new TextDecoder().decode(payload)), appleOptions({ ...a, kind: 'apple-profile' }, fleet));
    problems.push(...inner.map((p) => ({ ...p, path: `Command.Payload → ${p.path}` })));
  }
  return problems;
}

/** A Graph custom configuration: the body against its Graph type, its payload as the Apple profile of its platform. */
function checkCustomConfiguration(a: Artifact, fleet: FleetPlan | undefined, iface: 'MacOSCustomConfiguration' | 'IosCustomConfiguration'): Problem[] {
  const body = json(a) as { payload?: string };
  const profile = checkProfile(parsePlistXml(Buffer.from(body.payload ?? '', 'base64').toString('utf8')), appleOptions({ ...a, kind: 'apple-profile' }, fleet));
  return [...checkGraphObject(body, iface), ...profile.map((p) => ({ ...p, path: `payload → ${p.path}` }))];
}

/**
 * How each artifact kind is checked against the official schemas. Every MDM artifact kind the
 * compiler emits needs an entry: the conformance test fails for a kind missing here.
 */
export const artifactCheckers: Record<string, Checker> = {
  'apple-profile': (a, fleet) => checkProfile(parsePlistXml(text(a)), appleOptions(a, fleet)),
  // The DER bytes are verified with openssl in test/pipeline/sign/signing.test.ts; this checks the profile they carry.
  'apple-profile-signed': (a, fleet) => checkProfile(a.data, appleOptions({ ...a, kind: 'apple-profile' }, fleet)),
  'apple-command': checkCommandArtifact,
  'apple-declaration': (a, fleet) => checkDeclaration(JSON.parse(text(a)), appleOptions(a, fleet)),
  // A full policy is sent as a patch body without a mask: a Policy either way.
  'amapi-policy': (a) => [...checkResource(json(a), 'Policy'), ...checkRequestBody(json(a), `${AMAPI}.patch`)],
  'amapi-policy-overlay': (a) => [...checkResource(json(a), 'Policy'), ...checkRequestBody(json(a), `${AMAPI}.patch`)],
  'amapi-policy-patch': (a) => {
    const { updateMask, body } = json(a) as { updateMask: string; body: unknown };
    return [...checkRequestBody(body, `${AMAPI}.patch`), ...checkFieldMask(updateMask, 'Policy')];
  },
  'amapi-modify-policy-applications': (a) => checkRequestBody(json(a), `${AMAPI}.modifyPolicyApplications`),
  'amapi-remove-policy-applications': (a) => checkRequestBody(json(a), `${AMAPI}.removePolicyApplications`),
  'intune-ios-device-restrictions': (a) => checkGraphObject(json(a), 'IosGeneralDeviceConfiguration'),
  // The payload of a custom configuration is a configuration profile: checked as the profile it is.
  'intune-macos-custom-configuration': (a, fleet) => checkCustomConfiguration(a, fleet, 'MacOSCustomConfiguration'),
  'intune-macos-chrome': (a, fleet) => checkCustomConfiguration(a, fleet, 'MacOSCustomConfiguration'),
  'intune-ios-web-content-filter': (a, fleet) => checkCustomConfiguration(a, fleet, 'IosCustomConfiguration'),
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
