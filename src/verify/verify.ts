import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { packageRoot } from '../paths.js';
import type { Artifact } from '../targets/artifact.js';

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const compiled = new Map<string, ValidateFunction | undefined>();
let ids: Map<string, string> | undefined;

/**
 * Output schemas live in schemas/output/<kind>.schema.json. All are added at once, so one may
 * refer to another (a signed profile is a profile); each is compiled on first use.
 */
function validatorFor(kind: string): ValidateFunction | undefined {
  if (!ids) {
    const dir = resolve(packageRoot, 'schemas', 'output');
    ids = new Map();
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.schema.json')).sort()) {
      const schema = JSON.parse(readFileSync(resolve(dir, name), 'utf8')) as { $id: string };
      ajv.addSchema(schema);
      ids.set(name.slice(0, -'.schema.json'.length), schema.$id);
    }
  }
  if (!compiled.has(kind)) {
    const id = ids.get(kind);
    compiled.set(kind, id === undefined ? undefined : ajv.getSchema(id));
  }
  return compiled.get(kind);
}

/**
 * Checks every artifact against the project's own output schema for its kind before anything is
 * written. A failure here is a compiler defect (or a value the format cannot carry), never the
 * admin's typo, so the message names the artifact and the failing path.
 */
export function verifyArtifacts(artifacts: readonly Artifact[], bag: DiagnosticBag): void {
  for (const artifact of artifacts) {
    if (artifact.data === undefined) continue;
    const validate = validatorFor(artifact.kind);
    if (!validate) {
      bag.add('OUTPUT_INVALID', `${artifact.path}: no output schema for artifact kind "${artifact.kind}"`);
      continue;
    }
    if (!validate(artifact.data)) {
      for (const err of validate.errors ?? []) {
        bag.add('OUTPUT_INVALID', `${artifact.path}: ${err.instancePath || '/'} ${err.message ?? 'is invalid'}`);
      }
    }
  }
}
