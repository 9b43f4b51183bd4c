import type { DiagnosticBag, SourcePosition } from '../../common/diagnostics/diagnostic.js';
import type { AbsentApp, AppleCaveat, BlockedApp, BlockedTeam, Catalog, EnforcementGap, MacosEnforcement, MacosPlan, MacosSettings, NotEnforced, TeamNotEnforced } from '../../plan/types.js';
import { APPLE_VERSIONS, appsNeedingOwnRule, below, checkRange, majorOf, reaches } from './apple-enforcement.js';

export interface MacosInput {
  fleet: string;
  settings: MacosSettings;
  blocked: BlockedApp[];
  notEnforced: NotEnforced[];
  absent: AbsentApp[];
  /** Team IDs of blocked publishers, with the apps exceptions let through that each may sign. */
  teams: readonly BlockedTeam[];
  teamsNotEnforced: readonly TeamNotEnforced[];
  catalog: Catalog;
  at: SourcePosition;
}

/**
 * A Mac fleet's plan: which Team IDs each artifact blocks whole, which apps need rules of their
 * own, and where the fleet's Macs cannot block (gaps). Santa keeps a team's TEAMID block when an
 * exception allows one of its apps (a SIGNINGID allow rule wins, Santa's precedence); DDM's
 * DeniedBinaries has no allow that beats a deny, so such a team is denied app by app there.
 */
export function macosPlan(input: MacosInput, bag: DiagnosticBag): MacosPlan {
  const { fleet, settings: s, blocked, catalog, at } = input;
  checkRange(fleet, 'macos', s, at, bag);
  const santa = s.santa ? s.santa.payloadType : false;
  const declarations = s.supervised && reaches(s.maxVersion, APPLE_VERSIONS.appSettings);
  const partial = input.teams.filter((t) => t.allows.length > 0);
  const whole = input.teams.filter((t) => t.allows.length === 0);
  const teams = santa ? [...input.teams] : whole;
  const ids = (list: readonly BlockedTeam[]) => new Set(list.map((t) => t.teamId));
  const appRules = appsNeedingOwnRule(blocked, ids(teams), catalog);
  const ddmAppRules = appsNeedingOwnRule(blocked, ids(whole), catalog);
  const teamsNotEnforced = [...input.teamsNotEnforced];
  if (!santa) {
    for (const t of partial) {
      const { allows, ...rest } = t;
      teamsNotEnforced.push({ ...rest, why: 'allowed', allows: allows.map((a) => a.app) });
    }
    teamsNotEnforced.sort((a, b) => (a.teamId < b.teamId ? -1 : a.teamId > b.teamId ? 1 : 0));
  }
  for (const t of teamsNotEnforced.filter((t) => t.why === 'allowed')) {
    const apps = (t.allows ?? []).map((a) => a.id).join(', ');
    bag.add(
      'TEAM_NOT_ENFORCED',
      `fleet "${fleet}": Team ID ${t.teamId} (${t.publisher.id}) also signs ${apps}, which an exception allows; ${santa ? 'that app has no macOS bundle ID for a Santa allow rule, so' : 'without Santa'} the team's other known apps are blocked one by one and its apps the catalog does not list are not blocked`,
      t.because[0]?.at ?? at,
    );
  }
  const enforcement = macosEnforcement(input, { santa, declarations, appRules, teamsNotEnforced, teams }, bag);
  return { settings: s, blocked, teams, teamsNotEnforced, appRules, ddmAppRules, notEnforced: input.notEnforced, absent: input.absent, enforcement };
}

interface Decided {
  santa: false | MacosEnforcement['santa'];
  declarations: boolean;
  appRules: BlockedApp[];
  teamsNotEnforced: TeamNotEnforced[];
  teams: BlockedTeam[];
}

function macosEnforcement(input: MacosInput, d: Decided, bag: DiagnosticBag): MacosEnforcement {
  const { fleet, settings: s, blocked, catalog, at } = input;
  const on27 = reaches(s.maxVersion, APPLE_VERSIONS.appSettings);
  const before27 = below(s.minVersion, APPLE_VERSIONS.appSettings);
  const last26 = majorOf(APPLE_VERSIONS.appSettings) - 1;
  const caveats: AppleCaveat[] = [];
  if (!d.santa && before27) {
    caveats.push('macos-before-27-not-blocked');
    bag.add(
      'MACOS_BEFORE_27_NOT_BLOCKED',
      `fleet "${fleet}" holds Macs from macOS ${s.minVersion} and has no Santa: before macOS 27 nothing this compiler writes blocks apps on them (set santa: true)`,
      at,
    );
  }
  if (!s.supervised && on27) {
    caveats.push('unsupervised-no-declarations');
    bag.add('MACOS_UNSUPERVISED_NO_DECLARATIONS', `fleet "${fleet}" is unsupervised: app.settings is for supervised Macs only, so no declaration is written`, at);
  }
  const santaUncovered = d.santa ? d.appRules.filter((b) => b.teamId === undefined) : [];
  if (santaUncovered.length) caveats.push('santa-apps-without-team-id');
  for (const b of santaUncovered) {
    const where = catalog.apps.get(b.app.id)?.macos.bundleId?.at ?? at;
    bag.add('SANTA_APP_WITHOUT_TEAM_ID', `"${b.app.id}" (${b.identifier}) has no macOS Team ID and no publisher Team ID rule covers it: the Santa profile of fleet "${fleet}" cannot block it`, where);
  }

  const apps = blocked.map((b) => b.app.id);
  const allTeams = [...d.teams.map((t) => t.teamId), ...d.teamsNotEnforced.filter((t) => t.why === 'allowed').map((t) => t.teamId)].sort();
  const gaps: EnforcementGap[] = [];
  const gap = (g: EnforcementGap) => {
    if (g.teams && g.teams.length === 0) delete g.teams;
    if (g.apps.length || g.teams) gaps.push(g);
  };
  if (!d.santa) {
    gap({ why: 'no-santa-before-27', toMajor: last26, apps, teams: allTeams });
    if (!s.supervised) gap({ why: 'unsupervised', fromMajor: last26 + 1, apps, teams: allTeams });
  }
  const heldTeams = d.teamsNotEnforced.filter((t) => t.why === 'allowed').map((t) => t.teamId);
  if (d.santa) {
    gap({ why: 'no-team-id', ...(d.declarations && { toMajor: last26 }), apps: santaUncovered.map((b) => b.app.id) });
    gap({ why: 'team-has-allowed-app', apps: [], teams: heldTeams });
  } else if (s.supervised) {
    gap({ why: 'team-has-allowed-app', fromMajor: last26 + 1, apps: [], teams: heldTeams });
  }
  return {
    gaps,
    santa: d.santa,
    declarations: d.declarations,
    removeApplication: s.removeApps,
    santaUncovered: santaUncovered.map((b) => b.identifier),
    caveats,
  };
}
