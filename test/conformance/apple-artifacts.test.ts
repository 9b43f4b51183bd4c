// Every Apple artifact the compiler writes — profiles, commands, declarations — compiled from the
// golden fleet matrix, the shipped policies and the examples, checked against Apple's schemas in
// ../shared/conformance/apple (and Santa's documented rule format) for the OS range and enrollment
// of the fleet it is written for.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, type Artifact, type FleetPlan } from '../../src/index.js';
import { checkCommand, checkDeclaration, checkProfile, parsePlistXml, type AppleCheckOptions, type Problem } from './apple-schema.js';
import { conformanceDir, warnIfSkipped } from './locate.js';
import { isPlainObject } from './problem.js';
import { checkSantaPayload } from './santa-rules.js';

warnIfSkipped();

const repo = join(import.meta.dirname, '..', '..');
const yamlIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.yaml')).map((n) => join(dir, n)) : []);
const subdirPolicies = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).map((n) => join(dir, n, 'policy.yaml')).filter((p) => existsSync(p)) : [];

const policies = [
  ...subdirPolicies(join(repo, 'test', 'golden', 'apple-fleets')),
  ...yamlIn(join(repo, 'policies')),
  ...subdirPolicies(join(repo, 'examples')),
];

const thirdParty = { 'com.northpolesec.santa': checkSantaPayload, 'com.google.santa': checkSantaPayload };
const later = (a: string, b: string) => (Number.parseFloat(a) >= Number.parseFloat(b) ? a : b);

/** How each artifact is checked: the OS it targets, from the fleet's minVersion up. */
function optionsFor(artifact: Artifact, fleet: FleetPlan): AppleCheckOptions {
  if (artifact.platform === 'macos') {
    const macos = fleet.macos!.settings;
    const version = artifact.kind === 'apple-declaration' ? later(macos.minVersion, '27.0') : macos.minVersion;
    return { os: 'macOS', osVersion: version, supervised: macos.supervised, thirdParty };
  }
  const ios = fleet.ios!;
  // The profile serves devices from iOS 15 (blockedAppBundleIDs) below 27; declarations 27 and later.
  const version = artifact.kind === 'apple-declaration' ? later(ios.settings.minVersion, '27.0') : later(ios.settings.minVersion, '15.0');
  return { os: 'iOS', osVersion: version, supervised: ios.settings.supervised, allowDeprecated: ios.enforcement.legacyKey ? ['blacklistedAppBundleIDs'] : [] };
}

/** The problems the compiler knowingly accepts for this fleet, and says so in a diagnostic. */
function expected(problems: Problem[], fleet: FleetPlan, platform: string): Problem[] {
  const unsupervised = platform === 'ios' ? fleet.ios?.settings.supervised === false : fleet.macos?.settings.supervised === false;
  return problems.filter((p) => !(unsupervised && p.code === 'requires-supervision'));
}

function checkArtifact(artifact: Artifact, fleet: FleetPlan): Problem[] {
  const opts = optionsFor(artifact, fleet);
  const text = Buffer.from(artifact.bytes).toString('utf8');
  switch (artifact.kind) {
    case 'apple-profile':
      return checkProfile(parsePlistXml(text), opts);
    case 'apple-declaration':
      return checkDeclaration(JSON.parse(text), opts);
    case 'apple-command': {
      const command = parsePlistXml(text);
      const problems = checkCommand(command, opts);
      // An InstallProfile carries a profile: check the profile inside too.
      const payload = isPlainObject(command) && isPlainObject(command['Command']) ? command['Command']['Payload'] : undefined;
      if (payload instanceof Uint8Array) problems.push(...checkProfile(parsePlistXml(Buffer.from(payload).toString('utf8')), opts).map((p) => ({ ...p, path: `Command.Payload/${p.path}` })));
      return problems;
    }
    default:
      throw new Error(`no conformance check for ${artifact.kind}`);
  }
}

describe.skipIf(!conformanceDir)('Apple artifacts conform to the official schemas', () => {
  it('has policies to compile', () => {
    expect(policies.length).toBeGreaterThanOrEqual(7);
  });

  for (const policy of policies) {
    it(policy.slice(repo.length + 1), async () => {
      const result = await compile(policy, { today: '2026-06-01' });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const apple = result.artifacts.filter((a) => a.platform === 'ios' || a.platform === 'macos');
      for (const artifact of apple) {
        const fleet = result.plan!.fleets.find((f) => f.id === artifact.fleet)!;
        expect(expected(checkArtifact(artifact, fleet), fleet, artifact.platform!), artifact.path).toEqual([]);
      }
    });
  }

  it('checks a legacy fleet at its oldest version: only blockedAppBundleIDs is unknown there', async () => {
    const result = await compile(join(repo, 'test', 'golden', 'apple-fleets', 'ios-12-legacy', 'policy.yaml'));
    const profile = result.artifacts.find((a) => a.path.endsWith('restrictions.mobileconfig'))!;
    const problems = checkProfile(parsePlistXml(Buffer.from(profile.bytes).toString('utf8')), { os: 'iOS', osVersion: '12.0' });
    expect(problems.map((p) => [p.code, p.path])).toEqual([['unsupported-on-os', 'PayloadContent[0].blockedAppBundleIDs']]);
  });
});

describe.skipIf(!conformanceDir)('Santa rule checker', () => {
  const rule = (r: Record<string, unknown>) => checkSantaPayload({ PayloadType: 'com.northpolesec.santa', StaticRules: [r] }, 'P').map((p) => [p.code, p.path]);
  const block = { identifier: 'ABCDE12345', policy: 'BLOCKLIST', rule_type: 'TEAMID' };

  it('passes documented rules', () => {
    expect(rule(block)).toEqual([]);
    expect(rule({ ...block, identifier: 'ABCDE12345:com.example.app', rule_type: 'SIGNINGID', custom_msg: 'm', custom_url: 'https://e.x', comment: 'c' })).toEqual([]);
  });

  it('reports bad formats, unknown fields and values, missing fields', () => {
    expect(rule({ ...block, identifier: 'ABCDE1234' })).toEqual([['format', 'P.StaticRules[0].identifier']]);
    expect(rule({ ...block, identifier: 'com.example.app', rule_type: 'SIGNINGID' })).toEqual([['format', 'P.StaticRules[0].identifier']]);
    expect(rule({ ...block, message: 'x' })).toEqual([['unknown-key', 'P.StaticRules[0].message']]);
    expect(rule({ ...block, policy: 'DENY' })).toEqual([['not-in-rangelist', 'P.StaticRules[0].policy']]);
    const { policy: _p, ...noPolicy } = block;
    expect(rule(noPolicy)).toEqual([['missing-required', 'P.StaticRules[0].policy']]);
    expect(checkSantaPayload({ PayloadType: 'com.northpolesec.santa', ClientMode: 1 }, 'P').map((p) => p.code)).toEqual(['unknown-key', 'missing-required']);
  });
});
