import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { _, Ajv, type Options } from 'ajv';
import { packageRoot } from '../common/paths.js';
import { FAMILIES, generatedPath, kindFile, kindPath, type Family, type Validators } from '../pipeline/validate/validators.js';
import { uri } from '../pipeline/validate/formats.cjs';
import { eagerFunctions } from './eager.js';
import { uniqueItemsKeyword } from './unique-items.js';

// ajv-formats and ajv's standalone generator are CommonJS entry points (the latter is ajv's
// documented way to generate code: https://ajv.js.org/standalone.html).
const require = createRequire(import.meta.url);

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

/** A digest of the family's schema files and options: what its generated code depends on. */
export function schemaDigest(family: Family, files = schemaFiles(family)): string {
  const hash = createHash('sha256').update(JSON.stringify(OPTIONS[family]));
  for (const [name, file] of files) hash.update(`\0${name}\0`).update(readFileSync(file));
  return hash.digest('hex');
}

/** Compiles the family's schemas here and now (the tests compare these with the generated code). */
export function compileValidators(family: Family): Validators {
  const { ajv, refs } = compileFamily(family, {});
  return new Map(Object.entries(refs).map(([name, ref]) => [name, ajv.getSchema(ref)!]));
}

function compileFamily(family: Family, extra: Options): { ajv: Ajv; refs: Record<string, string> } {
  const ajv = new Ajv({ ...OPTIONS[family], ...extra });
  ajv.removeKeyword('uniqueItems').addKeyword(uniqueItemsKeyword());
  const schemas = new Map([...schemaFiles(family)].map(([name, file]) => [name, JSON.parse(readFileSync(file, 'utf8')) as { $id?: string }]));
  if (family === 'input') {
    (require('ajv-formats') as (a: Ajv) => void)(ajv);
    // ajv-formats' `uri`, answering plain web addresses without its large pattern (formats.cts).
    ajv.addFormat('uri', uri);
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

/** How ajv's standalone code requires its string length function (ajv/dist/runtime/ucs2length.js sets it). */
const AJV_UCS2LENGTH = 'require("ajv/dist/runtime/ucs2length").default';

/**
 * Every module the build writes for a family, by path, its functions compiled eagerly (eager.ts):
 * input and base-policy one each; output a family module that loads one module per artifact kind
 * when its validator is first asked for (validators.ts), so a compile loads only the kinds it writes.
 */
export function standaloneSources(family: Family): Map<string, string> {
  // The generated code requires formats.cts beside it in dist/pipeline/validate/ (ajv's documented way for custom code).
  const formats = family === 'input' ? { formats: _`require("./formats.cjs").formats` } : {};
  const { ajv, refs } = compileFamily(family, { code: { source: true, ...formats } });
  const digest = `exports.digest = ${JSON.stringify(schemaDigest(family))};\n`;
  if (family !== 'output') return new Map([[generatedPath(family), eagerFunctions(`${standaloneCode(ajv, refs)}\n${digest}`, generatedPath(family))]]);
  const kinds = Object.keys(refs);
  const index = kinds.map((kind) => `Object.defineProperty(exports, ${JSON.stringify(kind)}, { enumerable: true, get: () => require(${JSON.stringify(`./${kindFile(kind)}`)})[${JSON.stringify(kind)}] });`);
  const out = new Map([[generatedPath(family), eagerFunctions(`"use strict";\n${index.join('\n')}\n${digest}`, generatedPath(family))]]);
  for (const kind of kinds) out.set(kindPath(kind), eagerFunctions(`${standaloneCode(ajv, { [kind]: refs[kind]! })}\n`, kindPath(kind)));
  return out;
}

/** ajv's standalone code for `refs`, string lengths counted by ucs2length.cts beside it (ajv's own count with a shortcut). */
function standaloneCode(ajv: Ajv, refs: Record<string, string>): string {
  const standalone = (require('ajv/dist/standalone') as { default: (ajv: Ajv, refs: Record<string, string>) => string }).default;
  return standalone(ajv, refs).split(AJV_UCS2LENGTH).join('require("./ucs2length.cjs").ucs2length');
}

/** Build step: every family's validators as code in dist/pipeline/validate/. */
export function writeValidators(): void {
  for (const family of FAMILIES) for (const [path, source] of standaloneSources(family)) writeFileSync(path, source);
}
