import { resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { loadBuiltModule } from '../../common/built-module.js';
import { packageRoot } from '../../common/paths.js';

// The generated validators are CommonJS modules the build wrote into dist/, so a compile never
// loads ajv's compiler.

/**
 * The schema families: the input formats (blocklist, catalog), the output schemas verify checks
 * artifacts against, and the AMAPI Policy a fleet's Android base policy must be. The build
 * (src/build/validators.ts) turns each family's schemas/ files into standalone validation code;
 * the library uses that code and never reads schemas/ itself. A schema edit takes effect with
 * `npm run build` (test/pipeline/validate/validators.test.ts fails while the build is older).
 */
export type Family = 'input' | 'output' | 'base-policy';

export const FAMILIES: readonly Family[] = ['input', 'output', 'base-policy'];

/** Validators by name: input `root` and `fragment`; output one per artifact kind; base-policy `policy`. */
export type Validators = ReadonlyMap<string, ValidateFunction>;

/** What a generated module exports: its validators, and the digest of what it was generated from. */
export type GeneratedValidators = Record<string, ValidateFunction | string>;

export function generatedPath(family: Family): string {
  return resolve(packageRoot, 'dist', 'pipeline', 'validate', `${family}-validators.generated.cjs`);
}

/**
 * The output family is written as one module per artifact kind, which its family module loads
 * when the kind's validator is first asked for: a compile loads the code of the kinds it writes
 * only (issue #12, cold start).
 */
export function kindPath(kind: string): string {
  return resolve(packageRoot, 'dist', 'pipeline', 'validate', kindFile(kind));
}

export function kindFile(kind: string): string {
  return `output-validators.${kind}.generated.cjs`;
}

const loaded = new Map<Family, Validators>();

export function validators(family: Family): Validators {
  let found = loaded.get(family);
  if (!found) {
    found = fromModule(loadGenerated(family));
    loaded.set(family, found);
  }
  return found;
}

/** One validator of a family, loading only what it needs; undefined for a name the family has not. */
export function validator(family: Family, name: string): ValidateFunction | undefined {
  const found = loaded.get(family)?.get(name);
  if (found) return found;
  const mod = loadGenerated(family);
  const value = Object.hasOwn(mod, name) ? mod[name] : undefined;
  return typeof value === 'function' ? value : undefined;
}

/** The build's module for a family; a missing one means the package was never built. */
export function loadGenerated(family: Family): GeneratedValidators {
  return loadBuiltModule<GeneratedValidators>(generatedPath(family));
}

function fromModule(mod: GeneratedValidators): Validators {
  return new Map(Object.entries(mod).filter((e): e is [string, ValidateFunction] => typeof e[1] === 'function'));
}
