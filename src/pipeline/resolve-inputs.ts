import { DiagnosticBag, type Diagnostic } from '../common/diagnostics/diagnostic.js';
import { nodeHost } from '../common/host.js';
import type { Catalog, Plan } from '../plan/types.js';
import { load, type LoadedFile } from './load/load.js';
import type { SourceFile } from './load/source-file.js';
import { buildCatalog } from './resolve/catalog.js';
import { collectRules } from './resolve/rules.js';
import { resolveStages, type ResolvePolicyOptions } from './resolve-policy.js';
import { validateSchemas } from './validate/schema.js';
import { checkText } from './validate/text.js';

/** Several policies and catalog files, each policy resolved, the loose catalog files read as one catalog. */
export interface ResolvedInputs {
  /** Every input policy that resolved, in input order (its resolve errors are in `diagnostics`). */
  plans: Plan[];
  /** The catalog files no input policy includes, read together; absent when there are none. */
  fragments?: { from: string[]; catalog: Catalog };
  /**
   * Problems reading, validating and resolving the inputs: every load and schema diagnostic, and the
   * errors of resolution (its warnings about enforcement are what `validate` and `compile` report).
   * Several policies including one catalog report its problems alike: callers keep each once.
   */
  diagnostics: Diagnostic[];
}

/**
 * resolvePolicy for a set of inputs (the catalog commands): a file with a top-level `id` is a
 * policy and goes through the same stages as compile; catalog files that no input policy
 * includes are validated as fragments and built into one catalog. Each file is parsed once.
 */
export async function resolveInputs(paths: readonly string[], options: Omit<ResolvePolicyOptions, 'parsed'>): Promise<ResolvedInputs> {
  const parsed = new Map<string, SourceFile>();
  const bag = new DiagnosticBag();
  const loads: { path: string; files: LoadedFile[] }[] = [];
  for (const path of paths) {
    const { files } = await load(path, { host: options.host ?? nodeHost, parsed, ...displayAndLimits(options) }, bag);
    if (files.length) loads.push({ path, files });
  }
  const diagnostics = [...bag.items];
  const isPolicy = (files: LoadedFile[]) => typeof (files[0]!.source.data as { id?: unknown }).id === 'string';
  const plans: Plan[] = [];
  for (const { path } of loads.filter(({ files }) => isPolicy(files))) {
    const resolved = await resolveQuietly(path, { ...options, parsed });
    diagnostics.push(...resolved.diagnostics);
    if (resolved.plan) plans.push(resolved.plan);
  }
  const covered = new Set(loads.filter(({ files }) => isPolicy(files)).flatMap(({ files }) => files.map((f) => f.source.absPath)));
  const loose = uniqueFiles(loads.filter(({ files }) => !isPolicy(files) && !covered.has(files[0]!.source.absPath)).flatMap(({ files }) => files));
  const fragments = loose.length ? catalogOfFragments(loose, diagnostics) : undefined;
  return { plans, ...(fragments && { fragments }), diagnostics };
}

/** Resolves one policy keeping the diagnostics of load and validate, and only the errors of resolve. */
async function resolveQuietly(path: string, options: ResolvePolicyOptions): Promise<{ plan?: Plan; diagnostics: Diagnostic[] }> {
  const bag = new DiagnosticBag();
  let resolveFrom = Infinity;
  const { plan } = await resolveStages(path, options, bag, (stage) => {
    if (stage === 'resolve') resolveFrom = bag.items.length;
  });
  return { ...(plan && { plan }), diagnostics: bag.items.filter((d, i) => i < resolveFrom || d.severity === 'error') };
}

/** Catalog files read on their own: validated as fragments, their rules checked, one catalog built. */
function catalogOfFragments(files: LoadedFile[], diagnostics: Diagnostic[]): ResolvedInputs['fragments'] {
  const bag = new DiagnosticBag();
  validateSchemas(files, bag);
  checkText(files, bag);
  let fragments: ResolvedInputs['fragments'];
  if (!bag.hasErrors) {
    const catalog = buildCatalog(files, bag);
    collectRules(files, catalog, bag);
    fragments = { from: files.map((f) => f.source.displayPath), catalog };
  }
  diagnostics.push(...bag.items);
  return fragments;
}

/** Catalog files read on their own are fragments, whichever of them was named first. */
function uniqueFiles(files: readonly LoadedFile[]): LoadedFile[] {
  const seen = new Set<string>();
  return files.flatMap((f) => {
    if (seen.has(f.source.absPath)) return [];
    seen.add(f.source.absPath);
    return [{ source: f.source, role: 'include' as const }];
  });
}

function displayAndLimits(options: ResolvePolicyOptions) {
  return {
    ...(options.displayBase !== undefined && { displayBase: options.displayBase }),
    ...(options.maxValues !== undefined && { maxValues: options.maxValues }),
  };
}
