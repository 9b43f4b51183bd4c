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
 * Team IDs of publishers blocked whole. A Team ID is held back, and listed with why, when its
 * evidence is low-confidence or an exception in the fleet covers one of the publisher's apps.
 */
export function blockedTeams({ rules, exceptions, index, includeLow, lowConfidence }: TeamsInput): { teams: BlockedTeam[]; teamsNotEnforced: TeamNotEnforced[] } {
  const teams = new Map<string, BlockedTeam>();
  const held = new Map<string, TeamNotEnforced>();
  for (const rule of rules.filter((r) => r.kind === 'publisher')) {
    for (const publisher of index.publishersUnder(rule.id)) {
      // A Team ID rule would also block the app an exception lets through.
      const excepted = index.appsUnder(publisher.id).some((app) => exceptions.some((e) => index.exceptionMatches(e, app)));
      for (const team of publisher.teamIds) {
        const p: Provenance = { rule: 'publisher', ruleId: rule.id, via: index.chain(rule.id, publisher.id)!, references: rule.references, at: rule.at };
        if (rule.reason !== undefined) p.reason = rule.reason;
        const base = { teamId: team.value, publisher: { id: publisher.id, name: publisher.name }, confidence: team.confidence, sources: team.sources };
        const lowHeld = team.confidence === 'low' && !includeLow;
        if (lowHeld) lowConfidence.add(team);
        if (excepted || lowHeld) {
          const entry = held.get(team.value) ?? { ...base, why: excepted ? 'allowed' : 'low-confidence', because: [] };
          entry.because.push(p);
          held.set(team.value, entry);
          continue;
        }
        const entry = teams.get(team.value) ?? { ...base, because: [] };
        entry.because.push(p);
        teams.set(team.value, entry);
      }
    }
  }
  const byTeam = (a: { teamId: string }, b: { teamId: string }) => byCodeUnit(a.teamId, b.teamId);
  return { teams: [...teams.values()].sort(byTeam), teamsNotEnforced: [...held.values()].sort(byTeam) };
}
