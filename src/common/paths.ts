import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

/**
 * The installed package's root: the nearest folder above the running module that holds
 * package.json. Modules run from src/common, dist/common or a bundle chunk in dist/, so no
 * fixed number of levels fits them all.
 */
export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(resolve(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return resolve(start, '..');
  }
}

/** Policies and the catalog shipped with the tool; `builtin:` includes resolve here. */
export const builtinPoliciesDir = resolve(packageRoot, 'policies');

export const defaultPolicyPath = resolve(builtinPoliciesDir, 'clean-network.yaml');
