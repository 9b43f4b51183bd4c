import { resolve } from 'node:path';
import { builtinPoliciesDir } from '../../common/paths.js';
import { openCatalog, type CatalogWorkspace } from '../../features/catalog/workspace.js';
import type { CliIO } from '../io.js';
import { printDiagnostics } from '../print.js';

/** What `--policy` adds to search and show: the policies (files or folders) whose catalog to read. */
export const policyOption = { policy: { type: 'string', short: 'p', multiple: true } } as const;

/**
 * Opens the catalog of the named policies, or of every shipped policy. Errors in them are printed
 * (the entries they do define still serve); with --json they travel in the JSON instead.
 */
export async function openForCli(policies: string[] | undefined, io: CliIO, options: { json: boolean; today: string; maxValues?: number }): Promise<CatalogWorkspace> {
  const inputs = policies?.length ? policies.map((p) => resolve(io.cwd, p)) : [builtinPoliciesDir];
  const workspace = await openCatalog(inputs, { displayBase: io.cwd, today: options.today, ...(options.maxValues !== undefined && { maxValues: options.maxValues }) });
  if (!options.json) printDiagnostics(workspace.diagnostics, io, { quiet: true, verbose: false });
  return workspace;
}

export function policiesHeading(policies: string[] | undefined): string {
  return policies?.length ? 'Policies' : 'Shipped policies';
}
