import { reportManufacturerRules } from './manufacturers.js';
import type { DiagnosticBag } from '../../common/diagnostics/diagnostic.js';
import type { PolicyDoc } from '../../plan/document.js';
import type { Plan } from '../../plan/types.js';
import type { LoadedBase } from '../load/base-policies.js';
import type { LoadedFile } from '../load/load.js';
import { buildCatalog } from './catalog.js';
import { checkAndroidBaseFleets } from './checks/android-base-fleet.js';
import { checkEmptyBlocklist } from './checks/empty-blocklist.js';
import { expiredExceptions } from './checks/exception-expired.js';
import { checkUnusedExceptions } from './checks/exception-unused.js';
import { reportLowConfidence } from './checks/low-confidence-excluded.js';
import { checkUnknownFleets } from './checks/unknown-fleet.js';
import { resolveFleet } from './fleet-plan.js';
import { normalizeFleets } from './fleets.js';
import { collectRules } from './rules.js';
import { PolicyResolution } from './shared-resolution.js';

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
 * platform, the sorted list of blocked identifiers with why each is blocked. The steps in order:
 * the catalog, the rules, the fleets, the checks of the rules, each fleet's plan, then the checks
 * that need every fleet resolved. Each check sits in checks/, beside the diagnostic it emits.
 */
export function resolvePlan(files: readonly LoadedFile[], options: ResolveOptions, bag: DiagnosticBag): Plan | undefined {
  const root = files.find((f) => f.role === 'root')?.source;
  if (!root) return undefined;
  const policy = root.data as PolicyDoc;
  const catalog = buildCatalog(files, bag);
  const rules = collectRules(files, catalog, bag);
  const fleets = normalizeFleets(policy, root, bag);
  checkEmptyBlocklist(files, rules, root, bag);
  checkUnknownFleets(policy, rules, bag);
  const expired = expiredExceptions(rules.allow, options.today, bag);

  const includeLow = policy.options?.includeLowConfidence ?? false;
  const blockWebDomains = policy.options?.blockWebDomains ?? false;
  const resolution = new PolicyResolution(catalog, rules, expired, includeLow, blockWebDomains);
  const fleetPlans = fleets.map((fleet) => resolveFleet(fleet, resolution, root, options, bag));

  checkAndroidBaseFleets(options.bases, fleets, root, bag);
  resolution.missing.report(bag);
  reportLowConfidence(resolution.lowConfidence, bag);
  checkUnusedExceptions(rules.allow, resolution.used, expired, bag);
  reportManufacturerRules(rules.manufacturers ?? [], bag);
  return {
    policy: {
      id: policy.id,
      name: policy.name,
      ...(policy.organization !== undefined && { organization: policy.organization }),
      ...(policy.description !== undefined && { description: policy.description }),
      file: root.displayPath,
    },
    options: { includeLowConfidence: includeLow, ...(blockWebDomains && { blockWebDomains: true as const }), ...(options.commandUuidSalt !== undefined && { commandUuidSalt: options.commandUuidSalt }) },
    apple: policy.apple?.profile ? { profile: policy.apple.profile } : {},
    fleets: fleetPlans,
    catalog,
    rules,
  };
}
