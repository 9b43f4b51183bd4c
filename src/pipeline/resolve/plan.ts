import { byCodeUnit } from '../../common/compare.js';
import type { DiagnosticBag } from '../../common/diagnostics/diagnostic.js';
import type { LoadedFile } from '../load/load.js';
import type { PolicyDoc } from '../../plan/document.js';
import type {
  AbsentApp,
  App,
  AppSummary,
  BlockedApp,
  BlockedTeam,
  Catalog,
  ExceptionInForce,
  FleetPlan,
  Identifier,
  NotEnforced,
  Plan,
  Platform,
  Provenance,
  TeamNotEnforced,
} from '../../plan/types.js';
import type { LoadedBase } from '../load/base-policies.js';
import { resolveAndroid } from './android.js';
import { appsNeedingOwnRule, iosEnforcement, macosEnforcement } from './apple-enforcement.js';
import { buildCatalog } from './catalog.js';
import { CatalogIndex } from './catalog-index.js';
import { normalizeFleets, type FleetSettings } from './fleets.js';
import { collectRules, type AllowRule, type BlockRule } from './rules.js';

export interface ResolveOptions {
  /** Today's date (YYYY-MM-DD) for exceptions' `until`; without it no exception expires. */
  today?: string;
  /** Mixed into every CommandUUID (see Plan.options). */
  commandUuidSalt?: string;
  /** Base policies the load stage read, by fleet id. */
  bases?: ReadonlyMap<string, LoadedBase>;
  /** What an earlier compile blocked on Android, by fleet id (--previous). */
  previous?: ReadonlyMap<string, readonly string[]>;
}

/**
 * Expands publishers to apps, applies fleets and exceptions, and produces the plan: per fleet and
 * platform, the sorted list of blocked identifiers with why each is blocked.
 */
export function resolvePlan(files: readonly LoadedFile[], options: ResolveOptions, bag: DiagnosticBag): Plan | undefined {
  const root = files.find((f) => f.role === 'root')?.source;
  if (!root) return undefined;
  const policy = root.data as PolicyDoc;
  const catalog = buildCatalog(files, bag);
  const rules = collectRules(files, catalog, bag);
  const fleets = normalizeFleets(policy, root, bag);
  const fleetIds = new Set(fleets.map((f) => f.id));
  const declaredFleets = new Set(Object.keys(policy.fleets ?? {}));
  if (declaredFleets.size === 0) declaredFleets.add('default');

  if (rules.block.length === 0 && !hasBlockRules(files)) {
    bag.add('EMPTY_BLOCKLIST', 'the policy blocks nothing: add block.apps or block.publishers (an empty blocklist would unblock every device)', root.positionOf([]));
  }
  for (const rule of [...rules.block, ...rules.allow]) {
    for (const f of rule.fleets ?? []) {
      if (!declaredFleets.has(f)) {
        bag.add('UNKNOWN_FLEET', `fleet "${f}" is not defined under fleets: (defined: ${[...declaredFleets].join(', ')})`, rule.fleetsAt);
      }
    }
  }

  const index = new CatalogIndex(catalog);
  const expired = new Set<AllowRule>();
  const used = new Set<AllowRule>();
  const missing = new Map<string, { app: App; platform: Platform; fleets: string[]; at: Provenance['at'] }>();
  const lowConfidence = new Set<Identifier>();
  const includeLow = policy.options?.includeLowConfidence ?? false;

  for (const rule of rules.allow) {
    if (rule.until !== undefined && options.today !== undefined && rule.until < options.today) {
      expired.add(rule);
      bag.add('EXCEPTION_EXPIRED', `exception for ${rule.kind} "${rule.id}" expired on ${rule.until} and is not applied`, rule.at);
    }
  }

  // Fleets under the same rules share one resolution (20 fleets of one policy usually differ only
  // in settings); what differs per fleet (its exceptions, diagnostics naming it) is added per fleet.
  const summaries = new Map<App, AppSummary>();
  const summaryOf = (app: App) => summaries.get(app) ?? summaries.set(app, index.summary(app)).get(app)!;
  const shared = new Map<string, SharedResolution>();
  const resolveShared = (blockRules: BlockRule[], allowRules: AllowRule[]): SharedResolution => {
    const active = allowRules.filter((r) => !expired.has(r));
    const blocked = new Map<string, Provenance[]>();
    const hits: SharedResolution['hits'] = [];
    for (const [appId, because] of expand(blockRules, index)) {
      const app = catalog.apps.get(appId)!;
      const rule = active.find((r) => index.exceptionMatches(r, app));
      if (rule) hits.push({ app, because, rule });
      else blocked.set(appId, because);
    }
    const platforms = new Map<Platform, PlatformResolution>();
    const platform = (p: Platform, identify: (app: App) => Identifier | undefined): PlatformResolution => {
      let found = platforms.get(p);
      if (found) return found;
      const out: BlockedApp[] = [];
      const notEnforced: NotEnforced[] = [];
      const absent: AbsentApp[] = [];
      const missingHere: PlatformResolution['missing'] = [];
      for (const [appId, because] of blocked) {
        const app = catalog.apps.get(appId)!;
        const id = identify(app);
        const summary = summaryOf(app);
        const absence = app.absent[p];
        if (!id && absence) {
          absent.push({ app: summary, confidence: absence.confidence, sources: absence.sources, ...(absence.note !== undefined && { note: absence.note }), because });
          continue;
        }
        if (!id) {
          notEnforced.push({ app: summary, why: 'no-identifier', because });
          missingHere.push({ app, at: because[0]!.at });
          continue;
        }
        if (id.confidence === 'low' && !includeLow) {
          notEnforced.push({ app: summary, why: 'low-confidence', identifier: id.value, because });
          lowConfidence.add(id);
          continue;
        }
        out.push(blockedApp(app, id, summary, p, because));
      }
      out.sort((a, b) => byCodeUnit(a.identifier, b.identifier) || byCodeUnit(a.app.id, b.app.id));
      found = { blocked: mergeSameIdentifier(out), notEnforced, absent, missing: missingHere };
      platforms.set(p, found);
      return found;
    };
    let teams: ReturnType<typeof blockedTeams> | undefined;
    return { hits, platform, teams: () => (teams ??= blockedTeams(blockRules, active, index, includeLow, lowConfidence)) };
  };

  const fleetPlans: FleetPlan[] = fleets
    .filter((f) => fleetIds.has(f.id))
    .map((fleet) => {
      const inFleet = <R extends { fleets?: string[] }>(r: R) => !r.fleets || r.fleets.includes(fleet.id);
      const blockRules = rules.block.filter(inFleet);
      const allowRules = rules.allow.filter(inFleet);
      const key = `${rules.block.map(inFleet).join()}|${rules.allow.map(inFleet).join()}`;
      const resolution = shared.get(key) ?? shared.set(key, resolveShared(blockRules, allowRules)).get(key)!;

      const exceptions = new Map<AllowRule, ExceptionInForce>();
      const expiredHere: ExceptionInForce[] = [];
      for (const rule of allowRules) {
        const ex = toException(rule);
        if (expired.has(rule)) expiredHere.push(ex);
        else exceptions.set(rule, ex);
      }
      const allowed: NotEnforced[] = [];
      for (const { app, because, rule } of resolution.hits) {
        const ex = exceptions.get(rule)!;
        ex.lets.push(app.id);
        used.add(rule);
        allowed.push({ app: summaryOf(app), why: 'allowed', because, exception: ex });
        bag.add(
          'BLOCKED_AND_ALLOWED',
          `"${app.id}" is blocked (${describeProvenance(because[0]!)}) and allowed by this exception in fleet "${fleet.id}": the exception wins`,
          rule.at,
        );
      }

      const plan: FleetPlan = {
        id: fleet.id,
        implicit: fleet.implicit,
        exceptions: [...exceptions.values()].map((e) => ({ ...e, lets: e.lets.sort() })),
        expiredExceptions: expiredHere,
      };
      if (fleet.description !== undefined) plan.description = fleet.description;
      const perPlatform = (platform: Platform, identify: (app: App) => Identifier | undefined) => {
        const r = resolution.platform(platform, identify);
        if (platform !== 'macos') for (const { app, at } of r.missing) noteMissing(missing, app, platform, fleet.id, at);
        // Each fleet gets its own lists (the entries are shared): allowed apps first, then the rest, by app id.
        const notEnforced = [...allowed.map((a) => ({ ...a })), ...r.notEnforced].sort((a, b) => byCodeUnit(a.app.id, b.app.id));
        return { blocked: [...r.blocked], notEnforced, absent: [...r.absent] };
      };
      const platformAt = (platform: Platform) => (fleet.implicit ? root.positionOf([]) : root.keyPositionOf(['fleets', fleet.id], platform));
      if (fleet.ios) {
        const enforcement = iosEnforcement(fleet.id, fleet.ios, platformAt('ios'), bag);
        plan.ios = { settings: fleet.ios, ...perPlatform('ios', (a) => a.ios.bundleId), enforcement };
      }
      if (fleet.macos) {
        const { blocked: apps, notEnforced, absent } = perPlatform('macos', (a) => a.macos.bundleId);
        const shared = resolution.teams();
        const teams = [...shared.teams];
        const teamsNotEnforced = [...shared.teamsNotEnforced];
        const appRules = appsNeedingOwnRule(apps, teams);
        const enforcement = macosEnforcement(fleet.id, fleet.macos, appRules, catalog, platformAt('macos'), bag);
        plan.macos = { settings: fleet.macos, blocked: apps, teams, teamsNotEnforced, appRules, notEnforced, absent, enforcement };
      }
      if (fleet.android) {
        const base = options.bases?.get(fleet.id);
        const previous = options.previous && [...(options.previous.get(fleet.id) ?? [])];
        const at = fleet.implicit ? root.positionOf([]) : root.positionOf(['fleets', fleet.id, 'android']);
        plan.android = resolveAndroid(
          { fleet: fleet.id, settings: fleet.android, ...perPlatform('android', (a) => a.android.package), at, ...(base && { base }), ...(previous && { previouslyBlocked: previous }) },
          bag,
        );
      }
      return plan;
    });

  for (const id of options.bases?.keys() ?? []) {
    if (!fleets.some((f) => f.id === id && f.android)) {
      const android = fleets.filter((f) => f.android).map((f) => f.id);
      bag.add('ANDROID_BASE_FLEET', `a base policy is given for fleet "${id}", which has no android settings (Android fleets: ${android.join(', ') || 'none'})`, { file: root.displayPath });
    }
  }
  for (const { app, platform, fleets: where, at } of missing.values()) {
    const label = platform === 'ios' ? 'iOS bundle ID' : 'Android package name';
    bag.add('NO_IDENTIFIER_FOR_PLATFORM', `"${app.id}" (${app.name}) has no ${label}: it cannot be blocked on ${platform} in fleet ${where.map((f) => `"${f}"`).join(', ')}`, at);
  }
  for (const id of lowConfidence) {
    bag.add('LOW_CONFIDENCE_EXCLUDED', `identifier "${id.value}" has low-confidence evidence and is not blocked (set options.includeLowConfidence: true to block it)`, id.at);
  }
  for (const rule of rules.allow) {
    if (!used.has(rule) && !expired.has(rule)) {
      bag.add('EXCEPTION_UNUSED', `exception for ${rule.kind} "${rule.id}" matches nothing the policy blocks`, rule.at);
    }
  }

  const plan: Plan = {
    policy: {
      id: policy.id,
      name: policy.name,
      ...(policy.organization !== undefined && { organization: policy.organization }),
      ...(policy.description !== undefined && { description: policy.description }),
      file: root.displayPath,
    },
    options: { includeLowConfidence: includeLow, ...(options.commandUuidSalt !== undefined && { commandUuidSalt: options.commandUuidSalt }) },
    apple: policy.apple?.profile ? { profile: policy.apple.profile } : {},
    fleets: fleetPlans,
    catalog,
    rules,
  };
  return plan;
}

interface PlatformResolution {
  blocked: BlockedApp[];
  /** Apps without an identifier for the platform, or with only low-confidence evidence. */
  notEnforced: NotEnforced[];
  /** Apps that have no build for the platform: not gaps, so neither warned about nor notEnforced. */
  absent: AbsentApp[];
  missing: { app: App; at: Provenance['at'] }[];
}

/** What every fleet under the same block and allow rules has in common. */
interface SharedResolution {
  /** Blocked apps an exception lets through, with the exception. */
  hits: { app: App; because: Provenance[]; rule: AllowRule }[];
  platform(platform: Platform, identify: (app: App) => Identifier | undefined): PlatformResolution;
  teams(): { teams: BlockedTeam[]; teamsNotEnforced: TeamNotEnforced[] };
}

function hasBlockRules(files: readonly LoadedFile[]): boolean {
  return files.some(({ source }) => {
    const block = (source.data as PolicyDoc).block;
    return (block?.apps?.length ?? 0) + (block?.publishers?.length ?? 0) > 0;
  });
}

/** Apps each block rule reaches, keyed by the app that is really blocked (a feature's host). */
function expand(rules: readonly BlockRule[], index: CatalogIndex): Map<string, Provenance[]> {
  const out = new Map<string, Provenance[]>();
  const add = (app: App, rule: BlockRule, via: string[]) => {
    const target = app.featureOf !== undefined ? index.catalog.apps.get(app.featureOf) : app;
    if (!target) return;
    const p: Provenance = { rule: rule.kind, ruleId: rule.id, via: app.featureOf !== undefined ? [...via, app.id] : via, references: rule.references, at: rule.at };
    if (rule.reason !== undefined) p.reason = rule.reason;
    const list = out.get(target.id) ?? [];
    list.push(p);
    out.set(target.id, list);
  };
  for (const rule of rules) {
    if (rule.kind === 'app') {
      add(index.catalog.apps.get(rule.id)!, rule, []);
    } else {
      for (const app of index.appsUnder(rule.id)) add(app, rule, index.chain(rule.id, app.publisher!)!);
    }
  }
  for (const list of out.values()) {
    list.sort((a, b) => byCodeUnit(a.rule, b.rule) || byCodeUnit(a.ruleId, b.ruleId) || byCodeUnit(a.via.join('/'), b.via.join('/')));
  }
  return new Map([...out.entries()].sort(([a], [b]) => byCodeUnit(a, b)));
}

/**
 * Team IDs of publishers blocked whole. A Team ID is held back, and listed with why, when its
 * evidence is low-confidence or an exception in the fleet covers one of the publisher's apps.
 */
function blockedTeams(
  rules: readonly BlockRule[],
  exceptions: readonly AllowRule[],
  index: CatalogIndex,
  includeLow: boolean,
  lowConfidence: Set<Identifier>,
): { teams: BlockedTeam[]; teamsNotEnforced: TeamNotEnforced[] } {
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

function blockedApp(app: App, id: Identifier, summary: AppSummary, platform: Platform, because: Provenance[]): BlockedApp {
  const apple = platform === 'ios' ? app.ios : platform === 'macos' ? app.macos : undefined;
  const entry: BlockedApp = { identifier: id.value, app: summary, confidence: id.confidence, sources: id.sources, because };
  const store = apple?.appStoreId?.value;
  const team = apple?.teamId?.value;
  if (store !== undefined) entry.appStoreId = store;
  if (team !== undefined) entry.teamId = team;
  return entry;
}

/**
 * featureOf already folds features into hosts; this keeps one entry per identifier regardless.
 * A merged entry gets a list of its own: `because` is shared with the app's entries on the other
 * platforms and in other fleets, which must not gain these reasons.
 */
function mergeSameIdentifier(list: BlockedApp[]): BlockedApp[] {
  const out: BlockedApp[] = [];
  for (const entry of list) {
    const last = out[out.length - 1];
    if (last && last.identifier === entry.identifier) out[out.length - 1] = { ...last, because: [...last.because, ...entry.because] };
    else out.push(entry);
  }
  return out;
}

function noteMissing(missing: Map<string, { app: App; platform: Platform; fleets: string[]; at: Provenance['at'] }>, app: App, platform: Platform, fleet: string, at: Provenance['at']) {
  const key = `${app.id}|${platform}`;
  const entry = missing.get(key) ?? { app, platform, fleets: [], at };
  entry.fleets.push(fleet);
  missing.set(key, entry);
}

function toException(rule: AllowRule): ExceptionInForce {
  const ex: ExceptionInForce = { kind: rule.kind, id: rule.id, references: rule.references, lets: [], at: rule.at };
  if (rule.until !== undefined) ex.until = rule.until;
  if (rule.reason !== undefined) ex.reason = rule.reason;
  return ex;
}

export function describeProvenance(p: Provenance): string {
  if (p.rule === 'app') return p.via.length ? `by app rule "${p.ruleId}" as its feature "${p.via.at(-1)}"` : `by app rule "${p.ruleId}"`;
  return `by publisher rule "${p.ruleId}"${p.via.length > 1 ? ` through ${p.via.slice(1).join(' → ')}` : ''}`;
}
