import { DiagnosticBag, sortDiagnostics, type Diagnostic } from '../common/diagnostics/diagnostic.js';
import { nodeHost, type Host } from '../common/host.js';
import type { Plan } from '../plan/types.js';
import type { BasePolicyInput } from './load/base-policies.js';
import { load, type LoadOptions, type LoadResult } from './load/load.js';
import type { PreviousInput } from '../output-folder/previous.js';
import type { SourceFile } from './load/source-file.js';
import { resolvePlan } from './resolve/plan.js';
import { validateBasePolicies } from './validate/base-policy.js';
import { validateSchemas } from './validate/schema.js';
import { checkText } from './validate/text.js';

export interface ResolvePolicyOptions {
  /** The file system to read from (default: Node's). */
  host?: Host;
  /** Today's date, YYYY-MM-DD, for exceptions' `until`. The library never reads the clock. */
  today?: string;
  /** Diagnostics show file names relative to this folder (default: the working directory). */
  displayBase?: string;
  /**
   * Mixed into every CommandUUID. Without it a CommandUUID is a function of the fleet, the command
   * and what it carries; a pipeline that re-sends a command passes a new salt (e.g. its run id).
   */
  commandUuidSalt?: string;
  /**
   * Base AMAPI policies by fleet id, overriding the fleets' basePolicy: a path (relative to the
   * working directory) or the parsed Policy object.
   */
  basePolicies?: Readonly<Record<string, BasePolicyInput>>;
  /** An earlier output folder, or what it blocked per fleet, for removePolicyApplications bodies. */
  previous?: PreviousInput;
  /**
   * Raises the cap on values (about one per YAML key or list item) that a policy and its includes
   * may hold together, 200,000 by default: a catalog of 100,000 apps with sources needs about 4
   * million. Memory grows with it (about 400 bytes per value while parsing).
   */
  maxValues?: number;
  /** Told as each stage starts, so a caller can show progress; the library itself prints nothing. */
  onProgress?: (stage: ResolveStage) => void;
  /** Files already parsed, by real path (catalog commands read several policies sharing includes). */
  parsed?: Map<string, SourceFile>;
}

/** The stages a question about a policy needs; compile adds targets, sign, verify and report. */
export type ResolveStage = 'load' | 'validate' | 'resolve';

export interface ResolvedPolicy {
  /** Absent when the policy could not be read or validated; present with errors from resolve. */
  plan?: Plan;
  diagnostics: Diagnostic[];
  /** True when no diagnostic is an error. */
  ok: boolean;
}

/** What the stages up to resolve hand on to the rest of compile: what was read, and the plan. */
export interface Resolution {
  loaded: LoadResult;
  plan?: Plan;
}

/**
 * The one way to resolve a policy: load → validate → resolve, and nothing after. It builds no
 * artifact and never reads signing material, so a question about a policy (explain, the catalog
 * commands) answers without the signing key. compile runs the same stages (resolveStages).
 */
export async function resolvePolicy(entry: string, options: ResolvePolicyOptions = {}): Promise<ResolvedPolicy> {
  const bag = new DiagnosticBag();
  const { plan } = await resolveStages(entry, options, bag, options.onProgress);
  return { ...(plan && { plan }), diagnostics: sortDiagnostics(bag.items), ok: !bag.hasErrors };
}

/**
 * load → validate → resolve into `bag`; stops when loading or the policy's own validation fails
 * (a base policy's schema errors do not stop resolve, see validateAndResolve).
 * `signing`: compile's alone, so load also reads the signing PEM files (see LoadOptions.signing).
 */
export async function resolveStages(
  entry: string,
  options: ResolvePolicyOptions,
  bag: DiagnosticBag,
  progress: (stage: ResolveStage) => void = () => {},
  signing?: LoadOptions['signing'],
): Promise<Resolution> {
  progress('load');
  const loaded = await load(entry, { ...loadOptions(options), ...(signing && { signing }) }, bag);
  const plan = await validateAndResolve(loaded, options, bag, progress);
  // Unreadable signing files are reported after the policy's own problems, which they must not hide.
  bag.items.push(...(loaded.signingProblems ?? []));
  return { loaded, ...(plan && { plan }) };
}

/** validate → resolve; undefined when loading or validating failed. */
async function validateAndResolve(loaded: LoadResult, options: ResolvePolicyOptions, bag: DiagnosticBag, progress: (stage: ResolveStage) => void): Promise<Plan | undefined> {
  if (bag.hasErrors || loaded.files.length === 0) return undefined;
  progress('validate');
  validateSchemas(loaded.files, bag);
  checkText(loaded.files, bag);
  const policyValid = !bag.hasErrors;
  validateBasePolicies(loaded.bases, bag);
  // A base's own schema errors do not stop resolve: its checks against the blocklist (conflicts,
  // uninstallAppsDisabled, sideloading, ...) still run, so an admin sees every problem of a base at
  // once. Nothing is built while any error stands.
  if (!policyValid) return undefined;

  progress('resolve');
  const resolveOptions = {
    ...(options.today !== undefined && { today: options.today }),
    ...(options.commandUuidSalt !== undefined && { commandUuidSalt: options.commandUuidSalt }),
    bases: loaded.bases,
    ...(loaded.previous && { previous: loaded.previous }),
  };
  return resolvePlan(loaded.files, resolveOptions, bag);
}

function loadOptions(options: ResolvePolicyOptions) {
  return {
    host: options.host ?? nodeHost,
    ...(options.displayBase !== undefined && { displayBase: options.displayBase }),
    ...(options.basePolicies !== undefined && { basePolicies: options.basePolicies }),
    ...(options.previous !== undefined && { previous: options.previous }),
    ...(options.maxValues !== undefined && { maxValues: options.maxValues }),
    ...(options.parsed !== undefined && { parsed: options.parsed }),
  };
}
