import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

/** The installed package's root (dist/ and src/ both sit one level below it). */
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Policies and the catalog shipped with the tool; `builtin:` includes resolve here. */
export const builtinPoliciesDir = resolve(packageRoot, 'policies');

export const defaultPolicyPath = resolve(builtinPoliciesDir, 'clean-network.yaml');
