import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative, resolve } from 'node:path';
import type { Ajv, Options, ValidateFunction } from 'ajv';
import { packageRoot } from '../../common/paths.js';
import { uniqueItemsKeyword } from './unique-items.js';

// ajv, ajv-formats and the generated validators are CommonJS: required when first needed, so a
// compile that finds the generated code never loads ajv's compiler at all.
const require = createRequire(import.meta.url);

/**
 * The schema families: the input formats (blocklist, catalog), the output schemas verify checks
 * artifacts against, and the AMAPI Policy a fleet's Android base policy must be. The build (scripts/build-validators.mjs) turns each into standalone
 * validation code in dist/, so a compile does not compile schemas; the generated file carries a
 * digest of the schema files it came from, and a stale or missing one falls back to compiling.
 */
export type Family = 'input' | 'output' | 'base-policy';

const OPTIONS: Record<Family, Options> = {
  // verbose: error reports quote the failing schema (descriptions, known keys).
  input: { allErrors: true, strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true, verbose: true },
  output: { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true },
  'base-policy': { allErrors: true, strict: true, allowUnionTypes: true, verbose: true },
};

const schemasDir = resolve(packageRoot, 'schemas');

/** The schema files of a family, by the name its validator is exported under. */
export function schemaFiles(family: Family): Map<string, string> {
  if (family === 'input') return new Map([['catalog', resolve(schemasDir, 'catalog.schema.json')], ['blocklist', resolve(schemasDir, 'blocklist.schema.json')]]);
  if (family === 'base-policy') return new Map([['policy', resolve(schemasDir, 'amapi-base-policy.schema.json')]]);
  const dir = resolve(schemasDir, 'output');
  return new Map(
    readdirSync(dir)
      .filter((f) => f.endsWith('.schema.json'))
      .sort()
      .map((f) => [f.slice(0, -'.schema.json'.length), resolve(dir, f)]),
  );
}

export function generatedPath(family: Family): string {
  return resolve(packageRoot, 'dist', 'pipeline', 'validate', `${family}-validators.generated.cjs`);
}

const digests = new Map<Family, string>();

/** A digest of the family's schema files and options: what validation results depend on. */
export function schemaDigest(family: Family): string {
  let found = digests.get(family);
  if (found === undefined) {
    const files = schemaFiles(family);
    found = stampedDigest(recordedStamp(family), files) ?? digest(family, files);
    digests.set(family, found);
  }
  return found;
}

/**
 * Where the build records, per family, the digest it computed and each schema file's size and
 * modification time then: while they are unchanged the files are not read and hashed again (a
 * few milliseconds of every start, issue #8). Any change, or a copy that did not keep the times,
 * falls back to hashing the contents.
 */
export const STAMPS_PATH = resolve(packageRoot, 'dist', 'pipeline', 'validate', 'schema-stamps.json');

export interface FamilyStamp {
  digest: string;
  /** By path relative to the package root: size and modification time when the digest was made. */
  files: Record<string, [size: number, mtimeMs: number]>;
}
type Stamps = Partial<Record<Family, FamilyStamp>>;
let stamps: Stamps | undefined;

function recordedStamp(family: Family): FamilyStamp | undefined {
  try {
    stamps ??= JSON.parse(readFileSync(STAMPS_PATH, 'utf8')) as Stamps;
  } catch {
    stamps = {};
  }
  return stamps[family];
}

/** The recorded digest, if every schema file still has the size and time it had when recorded. */
export function stampedDigest(recorded: FamilyStamp | undefined, files: Map<string, string>, stat = (f: string) => statSync(f, { throwIfNoEntry: false })): string | undefined {
  if (!recorded || Object.keys(recorded.files).length !== files.size) return undefined;
  for (const file of files.values()) {
    const stamp = recorded.files[relative(packageRoot, file)];
    const now = stat(file);
    if (!stamp || !now || now.size !== stamp[0] || now.mtimeMs !== stamp[1]) return undefined;
  }
  return recorded.digest;
}

/** What the build writes to STAMPS_PATH: each family's digest and its files' sizes and times. */
export function schemaStamps(): string {
  const families: Family[] = ['input', 'output', 'base-policy'];
  return JSON.stringify(Object.fromEntries(families.map((family) => [family, familyStamp(family)]))) + '\n';
}

export function familyStamp(family: Family): FamilyStamp {
  const files = schemaFiles(family);
  const stat = (file: string): [number, number] => {
    const s = statSync(file);
    return [s.size, s.mtimeMs];
  };
  // Times first, then the contents: a file edited in between gets a stamp that no longer matches.
  const times = Object.fromEntries([...files.values()].map((f) => [relative(packageRoot, f), stat(f)]));
  return { digest: digest(family, files), files: times };
}


function digest(family: Family, files: Map<string, string>): string {
  const hash = createHash('sha256').update(JSON.stringify(OPTIONS[family]));
  for (const [name, file] of files) hash.update(`\0${name}\0`).update(readFileSync(file));
  return hash.digest('hex');
}

/** Validators by name: input `root` and `fragment`; output one per artifact kind; base-policy `policy`. */
export type Validators = ReadonlyMap<string, ValidateFunction>;

const loaded = new Map<Family, Validators>();

export function validators(family: Family): Validators {
  let found = loaded.get(family);
  if (!found) {
    const files = schemaFiles(family);
    found = prebuilt(family, schemaDigest(family)) ?? compileValidators(family, files);
    loaded.set(family, found);
  }
  return found;
}

/** The build's validators, when they were generated from the schema files as they are now. */
export function prebuilt(family: Family, expected = digest(family, schemaFiles(family))): Validators | undefined {
  const file = generatedPath(family);
  if (!existsSync(file)) return undefined;
  const mod = require(file) as Record<string, ValidateFunction | string>;
  if (mod['digest'] !== expected) return undefined;
  return new Map(Object.entries(mod).filter((e): e is [string, ValidateFunction] => typeof e[1] === 'function'));
}

/** Compiles the family's schemas here and now (without a build, or with a stale one). */
export function compileValidators(family: Family, files = schemaFiles(family)): Validators {
  const { ajv, refs } = compileFamily(family, files, {});
  return new Map(Object.entries(refs).map(([name, ref]) => [name, ajv.getSchema(ref)!]));
}

function compileFamily(family: Family, files: Map<string, string>, extra: Options): { ajv: Ajv; refs: Record<string, string> } {
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
  const ajv = new AjvClass({ ...OPTIONS[family], ...extra });
  ajv.removeKeyword('uniqueItems').addKeyword(uniqueItemsKeyword());
  const schemas = new Map([...files].map(([name, file]) => [name, JSON.parse(readFileSync(file, 'utf8')) as { $id?: string }]));
  if (family === 'input') {
    (require('ajv-formats') as (a: Ajv) => void)(ajv);
    for (const schema of schemas.values()) ajv.addSchema(schema);
    const id = schemas.get('blocklist')!.$id!;
    return { ajv, refs: { root: id, fragment: `${id}#/definitions/fragment` } };
  }
  const refs: Record<string, string> = {};
  for (const [kind, schema] of schemas) {
    const key = `urn:mdm-blocklist:${family}:${kind}`;
    ajv.addSchema(schema, schema.$id === undefined ? key : undefined);
    refs[kind] = schema.$id ?? key;
  }
  return { ajv, refs };
}

/** The standalone CommonJS module the build writes for a family (see scripts/build-validators.mjs). */
export function standaloneSource(family: Family): string {
  const files = schemaFiles(family);
  const { _ } = require('ajv/dist/compile/codegen') as typeof import('ajv/dist/compile/codegen/index.js');
  const formats = family === 'input' ? { formats: _`require("ajv-formats/dist/formats").fullFormats` } : {};
  const { ajv, refs } = compileFamily(family, files, { code: { source: true, ...formats } });
  const standalone = (require('ajv/dist/standalone') as { default: (ajv: Ajv, refs: Record<string, string>) => string }).default;
  return `${standalone(ajv, refs)}\nexports.digest = ${JSON.stringify(digest(family, files))};\n`;
}
