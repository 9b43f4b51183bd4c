import { byCodeUnit } from '../../common/compare.js';
import type { AllowRule, BlockedTeam, BlockRule, Identifier, Provenance, TeamNotEnforced } from '../../plan/types.js';
import type { CatalogIndex } from '../../plan/catalog-index.js';

export interface TeamsInput {
  rules: readonly BlockRule[];
  /** The exceptions in force in the fleet. */
  exceptions: readonly AllowRule[];
  index: CatalogIndex;
  includeLow: boolean;
  /** Collects the low-confidence Team IDs held back, for LOW_CONFIDENCE_EXCLUDED. */
  lowConfidence: Set<Identifier>;
}

/**
 * Team IDs of publishers blocked whole, each with the apps an exception lets through that it may
 * sign (macos-plan.ts decides per artifact what that means). A Team ID is held back, and listed
 * with why, when its evidence is low-confidence or an allowed app it may sign has no macOS bundle
 * ID to name in an allow rule.
 */
export function blockedTeams({ rules, exceptions, index, includeLow, lowConfidence }: TeamsInput): { teams: BlockedTeam[]; teamsNotEnforced: TeamNotEnforced[] } {
  const teams = new Map<string, BlockedTeam>();
  const held = new Map<string, TeamNotEnforced>();
  for (const rule of rules.filter((r) => r.kind === 'publisher')) {
    for (const publisher of index.publishersUnder(rule.id)) {
      // An exception for the publisher (or one above it) lets all its apps through, those the
      // catalog does not list too: none of its Team IDs is blocked.
      if (exceptions.some((e) => index.exceptionCoversPublisher(e, publisher.id))) continue;
      // The publisher's apps an exception lets through: a Team ID rule would match them too.
      const excepted = index.appsUnder(publisher.id).filter((app) => app.featureOf === undefined && exceptions.some((e) => index.exceptionMatches(e, app)));
      for (const team of publisher.teamIds) {
        const signs = excepted.filter((app) => app.macos.teamId === undefined || app.macos.teamId.value === team.value);
        // An allowed app without a macOS bundle ID cannot be named by an allow rule: no artifact may block its team whole.
        const unnamed = signs.some((app) => app.macos.bundleId === undefined);
        const p: Provenance = { rule: 'publisher', ruleId: rule.id, via: index.chain(rule.id, publisher.id)!, references: rule.references, at: rule.at };
        if (rule.reason !== undefined) p.reason = rule.reason;
        const base = { teamId: team.value, publisher: { id: publisher.id, name: publisher.name }, confidence: team.confidence, sources: team.sources };
        const lowHeld = team.confidence === 'low' && !includeLow;
        if (lowHeld) lowConfidence.add(team);
        if (unnamed || lowHeld) {
          const why = lowHeld ? 'low-confidence' : 'allowed';
          const entry = held.get(team.value) ?? { ...base, why, because: [], ...(why === 'allowed' && { allows: signs.map((a) => index.summary(a)) }) };
          entry.because.push(p);
          held.set(team.value, entry);
          continue;
        }
        const allows = signs.map((app) => ({ app: index.summary(app), identifier: app.macos.bundleId!.value, ...(app.macos.teamId && { teamId: app.macos.teamId.value }) }));
        const entry = teams.get(team.value) ?? { ...base, because: [], allows };
        entry.because.push(p);
        teams.set(team.value, entry);
      }
    }
  }
  const byTeam = (a: { teamId: string }, b: { teamId: string }) => byCodeUnit(a.teamId, b.teamId);
  return { teams: [...teams.values()].sort(byTeam), teamsNotEnforced: [...held.values()].sort(byTeam) };
}
