import type { BlockedApp, BlockedTeam, FleetPlan, MacosPlan, Plan, Provenance, SantaPayloadType } from '../../../plan/types.js';
import type { Artifact } from '../artifact.js';
import type { Target } from '../target.js';
import { renderText } from '../text.js';
import { configurationProfile, sortedKeys, type PlistDict } from './configuration-profile.js';
import { byCodeUnit } from '../../../common/compare.js';

/**
 * macOS: a Santa configuration profile whose StaticRules block each blocked publisher by Team ID
 * and each blocked app no Team ID rule covers by signing ID (`TEAMID:signing-id`), and allow by
 * signing ID each app an exception lets through from a blocked team: Santa applies the most
 * specific matching rule (CDHASH > BINARY > SIGNINGID > CERTIFICATE > TEAMID), so the team stays
 * blocked and the app runs (northpolesec/santa docs/docs/features/binary-authorization.md, "Rule
 * Types" and "Rule Layering"). Rule fields and formats: the same page, "Rule Dictionary Format";
 * BLOCKLIST applies in Monitor mode too, so no Lockdown is needed (../shared/platform/peers.md
 * §1.7). PayloadScope System, as Santa's own example profile: santad reads the system domain.
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
    ...macos.teams.map((t) => rule('TEAMID', 'BLOCKLIST', t.teamId, teamSubject(t), t.because)),
    // An app without a Team ID cannot get a SIGNINGID rule (macos.enforcement.santaUncovered).
    ...macos.appRules.flatMap((b) => (b.teamId !== undefined ? [rule('SIGNINGID', 'BLOCKLIST', `${b.teamId}:${b.identifier}`, appSubject(b), b.because)] : [])),
    ...allowRules(macos.teams),
  ];
  return configurationProfile({
    plan,
    fleet,
    platform: 'macos',
    text: macos.settings.profile,
    name: 'santa',
    identifier: `${plan.policy.id}.${fleet.id}.macos.santa`,
    displayNameTemplate: 'apple/santa-display-name',
    scope: 'System',
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

/** One SIGNINGID allow rule per allowed app and blocked team that may sign it, once each. */
function allowRules(teams: readonly BlockedTeam[]): PlistDict[] {
  const seen = new Map<string, PlistDict>();
  for (const t of teams) {
    for (const a of t.allows) {
      const id = `${a.teamId ?? t.teamId}:${a.identifier}`;
      if (!seen.has(id)) seen.set(id, rule('SIGNINGID', 'ALLOWLIST', id, { id: a.app.id, name: a.app.name }, []));
    }
  }
  return [...seen.entries()].sort(([a], [b]) => byCodeUnit(a, b)).map(([, r]) => r);
}

const teamSubject = (t: BlockedTeam) => ({ id: t.publisher.id, name: t.publisher.name });
const appSubject = (b: BlockedApp) => ({ id: b.app.id, name: b.app.name });

function rule(type: 'TEAMID' | 'SIGNINGID', policy: 'BLOCKLIST' | 'ALLOWLIST', identifier: string, subject: { id: string; name: string }, because: readonly Provenance[]): PlistDict {
  // Santa shows custom_msg in its block dialog as HTML (issue #13): a reason's own < and & are escaped.
  const reasons = [...new Set(because.flatMap((p) => (p.reason !== undefined ? [escapeHtml(p.reason)] : [])))];
  const message = renderText('apple/santa-message', { reasons });
  const comment = renderText(policy === 'ALLOWLIST' ? 'apple/santa-allow-comment' : 'apple/santa-comment', { ...subject, rules: [...new Set(because.map((p) => `${p.rule} rule ${p.ruleId}`))] });
  return sortedKeys({
    comment,
    ...(message !== '' && { custom_msg: message }),
    identifier,
    policy,
    rule_type: type,
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
