import { byCodeUnit } from '../../common/compare.js';
import type { AbsentApp, AllowRule, App, AppSummary, BlockedApp, BlockedTeam, BlockRule, Catalog, Identifier, NotEnforced, Platform, Provenance, Rules, TeamNotEnforced } from '../../plan/types.js';
import { CatalogIndex } from '../../plan/catalog-index.js';
import { MissingIdentifiers } from './checks/no-identifier-for-platform.js';
import { expand } from './expand.js';
import { blockedTeams } from './teams.js';
import { resolveWeb, type WebResolution } from './web.js';

/** Blocked apps of one platform under one set of rules. */
export interface PlatformResolution {
  blocked: BlockedApp[];
  /** Apps without an identifier for the platform, or with only low-confidence evidence. */
  notEnforced: NotEnforced[];
  /** Apps that have no build for the platform: not gaps, so neither warned about nor notEnforced. */
  absent: AbsentApp[];
  missing: { app: App; at: Provenance['at'] }[];
}

/** What the fleets of one policy share while they are resolved, and what the checks gather on the way. */
export class PolicyResolution {
  readonly index: CatalogIndex;
  /** Exceptions that let something through in some fleet (EXCEPTION_UNUSED reports the others). */
  readonly used = new Set<AllowRule>();
  readonly missing = new MissingIdentifiers();
  readonly lowConfidence = new Set<Identifier>();
  private readonly summaries = new Map<App, AppSummary>();
  private readonly shared = new Map<string, SharedResolution>();

  constructor(
    readonly catalog: Catalog,
    readonly rules: Rules,
    readonly expired: ReadonlySet<AllowRule>,
    readonly includeLow: boolean,
    /** options.blockWebDomains: the default of each rule's webDomains. */
    readonly blockWebDomains = false,
  ) {
    this.index = new CatalogIndex(catalog);
  }

  summaryOf(app: App): AppSummary {
    return this.summaries.get(app) ?? this.summaries.set(app, this.index.summary(app)).get(app)!;
  }

  /**
   * The fleet's rules and their resolution. Fleets under the same rules share one resolution (20
   * fleets of one policy usually differ only in settings); what differs per fleet (its exceptions,
   * diagnostics naming it) the caller adds per fleet.
   */
  forFleet(fleet: string): { allowRules: AllowRule[]; resolution: SharedResolution } {
    const inFleet = (r: { fleets?: string[] }) => !r.fleets || r.fleets.includes(fleet);
    const key = `${this.rules.block.map(inFleet).join()}|${this.rules.allow.map(inFleet).join()}`;
    const allowRules = this.rules.allow.filter(inFleet);
    let resolution = this.shared.get(key);
    if (!resolution) this.shared.set(key, (resolution = new SharedResolution(this, this.rules.block.filter(inFleet), allowRules)));
    return { allowRules, resolution };
  }
}

/** What every fleet under the same block and allow rules has in common. */
export class SharedResolution {
  /** Blocked apps an exception lets through, with the exception. */
  readonly hits: { app: App; because: Provenance[]; rule: AllowRule }[] = [];
  private readonly blocked = new Map<string, Provenance[]>();
  private readonly active: AllowRule[];
  private readonly platforms = new Map<Platform, PlatformResolution>();
  private teamsFound?: { teams: BlockedTeam[]; teamsNotEnforced: TeamNotEnforced[] };
  private webFound?: { web: WebResolution | undefined };

  constructor(
    private readonly policy: PolicyResolution,
    private readonly blockRules: readonly BlockRule[],
    allowRules: readonly AllowRule[],
  ) {
    this.active = allowRules.filter((r) => !policy.expired.has(r));
    for (const [appId, because] of expand(blockRules, policy.index)) {
      const app = policy.catalog.apps.get(appId)!;
      const rule = this.active.find((r) => policy.index.exceptionMatches(r, app));
      if (rule) this.hits.push({ app, because, rule });
      else this.blocked.set(appId, because);
    }
  }

  /** The blocked apps as `identify` names them on the platform, sorted by identifier. */
  platform(p: Platform, identify: (app: App) => Identifier | undefined): PlatformResolution {
    const found = this.platforms.get(p);
    if (found) return found;
    const { catalog, includeLow, lowConfidence } = this.policy;
    const out: BlockedApp[] = [];
    const notEnforced: NotEnforced[] = [];
    const absent: AbsentApp[] = [];
    const missing: PlatformResolution['missing'] = [];
    for (const [appId, because] of this.blocked) {
      const app = catalog.apps.get(appId)!;
      const id = identify(app);
      const summary = this.policy.summaryOf(app);
      const absence = app.absent[p];
      if (!id && absence) {
        absent.push({ app: summary, confidence: absence.confidence, sources: absence.sources, ...(absence.note !== undefined && { note: absence.note }), because });
      } else if (!id) {
        notEnforced.push({ app: summary, why: 'no-identifier', because });
        missing.push({ app, at: because[0]!.at });
      } else if (id.confidence === 'low' && !includeLow) {
        notEnforced.push({ app: summary, why: 'low-confidence', identifier: id.value, because });
        lowConfidence.add(id);
      } else {
        out.push(blockedApp(app, id, summary, p, because));
      }
    }
    out.sort((a, b) => byCodeUnit(a.identifier, b.identifier) || byCodeUnit(a.app.id, b.app.id));
    const resolution = { blocked: mergeSameIdentifier(out), notEnforced, absent, missing };
    this.platforms.set(p, resolution);
    return resolution;
  }

  /** macOS: the Team IDs of publishers blocked whole. */
  teams(): { teams: BlockedTeam[]; teamsNotEnforced: TeamNotEnforced[] } {
    const { index, includeLow, lowConfidence } = this.policy;
    return (this.teamsFound ??= blockedTeams({ rules: this.blockRules, exceptions: this.active, index, includeLow, lowConfidence }));
  }

  /** The web domains the rules block (undefined: no rule blocks web domains). */
  web(): WebResolution | undefined {
    const { index, includeLow, lowConfidence, blockWebDomains } = this.policy;
    this.webFound ??= { web: resolveWeb({ rules: this.blockRules, exceptions: this.active, index, includeLow, byDefault: blockWebDomains, lowConfidence }) };
    return this.webFound.web;
  }
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
