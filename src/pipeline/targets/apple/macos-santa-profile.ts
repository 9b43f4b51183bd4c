import type { BlockedApp, BlockedTeam, FleetPlan, MacosPlan, Plan, Provenance, SantaPayloadType } from '../../../plan/types.js';
import type { Artifact } from '../artifact.js';
import type { Target } from '../target.js';
import { renderText } from '../text.js';
import { configurationProfile, sortedKeys, type PlistDict } from './configuration-profile.js';

/**
 * macOS: a Santa configuration profile whose StaticRules block each blocked publisher by Team ID
 * and each blocked app no Team ID rule covers by signing ID (`TEAMID:signing-id`). Rule fields and
 * formats from northpolesec/santa docs/docs/features/binary-authorization.md ("Rule Dictionary
 * Format"); BLOCKLIST applies in Monitor mode too, so no Lockdown is needed
 * (../shared/platform/peers.md §1.7).
 */
export const macosSantaProfile: Target = {
  id: 'macos-santa-profile',
  build(plan) {
    return plan.fleets.flatMap((fleet) => {
      const santa = fleet.macos?.enforcement.santa;
      return fleet.macos && santa ? [profileFor(plan, fleet, fleet.macos, santa)] : [];
    });
  },
};

function profileFor(plan: Plan, fleet: FleetPlan, macos: MacosPlan, payloadType: SantaPayloadType): Artifact {
  const rules = [
    ...macos.teams.map((t) => rule('TEAMID', t.teamId, teamSubject(t), t.because)),
    // An app without a Team ID cannot get a SIGNINGID rule (macos.enforcement.santaUncovered).
    ...macos.appRules.flatMap((b) => (b.teamId !== undefined ? [rule('SIGNINGID', `${b.teamId}:${b.identifier}`, appSubject(b), b.because)] : [])),
  ];
  return configurationProfile({
    plan,
    fleet,
    platform: 'macos',
    text: macos.settings.profile,
    name: 'santa',
    identifier: `${plan.policy.id}.${fleet.id}.macos.santa`,
    displayNameTemplate: 'apple/santa-display-name',
    payloads: [
      {
        suffix: 'rules',
        payload: {
          PayloadDisplayName: renderText('apple/santa-payload-name', { policy: plan.policy, fleet: { id: fleet.id } }),
          PayloadType: payloadType,
          StaticRules: rules,
        },
      },
    ],
  });
}

const teamSubject = (t: BlockedTeam) => ({ id: t.publisher.id, name: t.publisher.name });
const appSubject = (b: BlockedApp) => ({ id: b.app.id, name: b.app.name });

function rule(type: 'TEAMID' | 'SIGNINGID', identifier: string, subject: { id: string; name: string }, because: readonly Provenance[]): PlistDict {
  const reasons = [...new Set(because.flatMap((p) => (p.reason !== undefined ? [p.reason] : [])))];
  const message = renderText('apple/santa-message', { reasons });
  const comment = renderText('apple/santa-comment', { ...subject, rules: [...new Set(because.map((p) => `${p.rule} rule ${p.ruleId}`))] });
  return sortedKeys({
    comment,
    ...(message !== '' && { custom_msg: message }),
    identifier,
    policy: 'BLOCKLIST',
    rule_type: type,
  });
}
