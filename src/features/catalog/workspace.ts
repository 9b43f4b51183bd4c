import { join, relative, resolve } from 'node:path';
import { DiagnosticBag, sortDiagnostics, type Diagnostic } from '../../common/diagnostics/diagnostic.js';
import { nodeHost, type Host } from '../../common/host.js';
import { load, type LoadedFile } from '../../pipeline/load/load.js';
import type { Catalog, Plan } from '../../plan/types.js';
import { buildCatalog } from '../../pipeline/resolve/catalog.js';
import { resolvePlan } from '../../pipeline/resolve/plan.js';
import { collectRules, type BlockRule } from '../../pipeline/resolve/rules.js';
import { validateSchemas } from '../../pipeline/validate/schema.js';
import { checkText } from '../../pipeline/validate/text.js';

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
  plan: Plan;
  blockRules: BlockRule[];
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
  const loadOptions = {
    host,
    parsed: new Map(),
    ...(options.displayBase !== undefined && { displayBase: options.displayBase }),
    ...(options.maxValues !== undefined && { maxValues: options.maxValues }),
  };
  const diagnostics: Diagnostic[] = [];
  const bag = new DiagnosticBag();

  const loaded: LoadedFile[][] = [];
  for (const file of await expandInputs(inputs, host, options.displayBase ?? process.cwd(), bag)) {
    const { files } = await load(file, loadOptions, bag);
    if (files.length) loaded.push(files);
  }
  diagnostics.push(...bag.items);

  const isPolicy = (files: LoadedFile[]) => typeof (files[0]!.source.data as { id?: unknown }).id === 'string';
  const policyLoads = loaded.filter(isPolicy);
  const covered = new Set(policyLoads.flatMap((files) => files.map((f) => f.source.absPath)));
  const groups: CatalogGroup[] = [];
  const policies: CatalogPolicy[] = [];

  for (const files of policyLoads) {
    const checked = new DiagnosticBag();
    if (!validated(files, checked)) {
      diagnostics.push(...checked.items);
      continue;
    }
    const resolving = new DiagnosticBag();
    const plan = resolvePlan(files, options.today !== undefined ? { today: options.today } : {}, resolving);
    diagnostics.push(...checked.items, ...resolving.items.filter((d) => d.severity === 'error'));
    if (!plan) continue;
    groups.push({ kind: 'policy', from: [plan.policy.file], catalog: plan.catalog });
    // Rules were checked (and reported) by resolvePlan; read again only to list them.
    const blockRules = collectRules(files, plan.catalog, new DiagnosticBag()).block;
    policies.push({ file: plan.policy.file, id: plan.policy.id, name: plan.policy.name, plan, blockRules });
  }

  const catalogFiles = uniqueFiles(loaded.filter((files) => !isPolicy(files) && !covered.has(files[0]!.source.absPath)).flat());
  if (catalogFiles.length) {
    const checked = new DiagnosticBag();
    if (validated(catalogFiles, checked)) {
      const catalog = buildCatalog(catalogFiles, checked);
      collectRules(catalogFiles, catalog, checked);
      groups.push({ kind: 'catalog files', from: catalogFiles.map((f) => f.source.displayPath), catalog });
    }
    diagnostics.push(...checked.items);
  }

  return { catalog: mergeCatalogs(groups.map((g) => g.catalog)), groups, policies, diagnostics: uniqueDiagnostics(diagnostics) };
}

function validated(files: readonly LoadedFile[], bag: DiagnosticBag): boolean {
  validateSchemas(files, bag);
  checkText(files, bag);
  return !bag.hasErrors;
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

function mergeCatalogs(catalogs: readonly Catalog[]): Catalog {
  const merged: Catalog = { apps: new Map(), publishers: new Map(), references: new Map() };
  for (const c of catalogs) {
    for (const [id, app] of c.apps) if (!merged.apps.has(id)) merged.apps.set(id, app);
    for (const [id, p] of c.publishers) if (!merged.publishers.has(id)) merged.publishers.set(id, p);
    for (const [key, r] of c.references) if (!merged.references.has(key)) merged.references.set(key, r);
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
