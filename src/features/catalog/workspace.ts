import { join, relative, resolve } from 'node:path';
import { DiagnosticBag, sortDiagnostics, type Diagnostic } from '../../common/diagnostics/diagnostic.js';
import { nodeHost, type Host } from '../../common/host.js';
import type { Catalog, Plan } from '../../plan/types.js';
import { resolveInputs } from '../../pipeline/resolve-inputs.js';

export interface OpenCatalogOptions {
  /** The file system to read from (default: Node's). */
  host?: Host;
  /** Diagnostics show file names relative to this folder (default: the working directory). */
  displayBase?: string;
  /** Today's date (YYYY-MM-DD) for exceptions' `until` in the policies read. */
  today?: string;
  /** The cap on values per policy and its includes (see CompileOptions.maxValues). */
  maxValues?: number;
}

/** A policy among the inputs, resolved, so `catalog show` can say whether and how it blocks an entry. */
export interface CatalogPolicy {
  /** The policy file as diagnostics show it. */
  file: string;
  id: string;
  name: string;
  /** The resolved policy; its rules (plan.rules) say how it names each entry. */
  plan: Plan;
}

/** A catalog as one policy, or the catalog files no input policy includes, see it. */
export interface CatalogGroup {
  kind: 'policy' | 'catalog files';
  /** What it was built from: a policy file, or the catalog files (as diagnostics show them). */
  from: string[];
  catalog: Catalog;
}

export interface CatalogWorkspace {
  /** Every app, publisher and reference the inputs define, merged by id (the first definition wins). */
  catalog: Catalog;
  groups: CatalogGroup[];
  policies: CatalogPolicy[];
  /**
   * Problems reading, validating and resolving the inputs: every load and schema diagnostic, and the
   * errors of resolution (its warnings about enforcement are what `validate` and `compile` report).
   */
  diagnostics: Diagnostic[];
}

/**
 * Reads policies and catalog files (a folder stands for every .yaml/.yml file under it). A file
 * with a top-level `id` is a policy and is resolved with its includes; catalog files that no input
 * policy includes are read together as one catalog.
 */
export async function openCatalog(inputs: readonly string[], options: OpenCatalogOptions = {}): Promise<CatalogWorkspace> {
  const host = options.host ?? nodeHost;
  const bag = new DiagnosticBag();
  const paths = await expandInputs(inputs, host, options.displayBase ?? process.cwd(), bag);
  const resolved = await resolveInputs(paths, { ...options, host });
  const groups: CatalogGroup[] = resolved.plans.map((plan) => ({ kind: 'policy', from: [plan.policy.file], catalog: plan.catalog }));
  if (resolved.fragments) groups.push({ kind: 'catalog files', ...resolved.fragments });
  const policies = resolved.plans.map((plan) => ({ file: plan.policy.file, id: plan.policy.id, name: plan.policy.name, plan }));
  const diagnostics = uniqueDiagnostics([...bag.items, ...resolved.diagnostics]);
  return { catalog: mergeCatalogs(groups.map((g) => g.catalog)), groups, policies, diagnostics };
}

function mergeCatalogs(catalogs: readonly Catalog[]): Catalog {
  const merged: Catalog = { apps: new Map(), publishers: new Map(), references: new Map(), manufacturers: new Map() };
  for (const c of catalogs) {
    for (const [id, app] of c.apps) if (!merged.apps.has(id)) merged.apps.set(id, app);
    for (const [id, p] of c.publishers) if (!merged.publishers.has(id)) merged.publishers.set(id, p);
    for (const [key, r] of c.references) if (!merged.references.has(key)) merged.references.set(key, r);
    for (const [id, m] of c.manufacturers) if (!merged.manufacturers.has(id)) merged.manufacturers.set(id, m);
  }
  return merged;
}

/** Several policies include the same catalog, so they report its problems alike: keep each once. */
export function uniqueDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out = diagnostics.filter((d) => {
    const key = `${d.file ?? ''}:${d.line ?? ''}:${d.col ?? ''}:${d.code}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return sortDiagnostics(out);
}

const YAML_FILE = /\.ya?ml$/i;

/** Files as named, folders as the YAML files under them (sorted, dot-entries skipped, each once). */
async function expandInputs(inputs: readonly string[], host: Host, displayBase: string, bag: DiagnosticBag): Promise<string[]> {
  const out: string[] = [];
  const seenDirs = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    const real = await host.realpath(dir);
    if (seenDirs.has(real)) return; // a link back up the tree
    seenDirs.add(real);
    if (!host.readDir) {
      bag.add('FILE_UNREADABLE', `${relative(displayBase, dir) || dir} is a folder, and this file system cannot list folders; name the files instead`);
      return;
    }
    for (const name of (await host.readDir(dir)).sort()) {
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      const stat = await host.stat(path).catch(() => undefined);
      if (stat?.kind === 'directory') await walk(path);
      else if (stat?.kind === 'file' && YAML_FILE.test(name)) out.push(path);
    }
  };
  for (const input of inputs) {
    const abs = resolve(input);
    const stat = await host.stat(abs).catch(() => undefined);
    if (!stat) bag.add('FILE_NOT_FOUND', `${relative(displayBase, abs) || abs} does not exist`);
    else if (stat.kind === 'directory') await walk(abs);
    else out.push(abs);
  }
  return [...new Set(out)];
}
