import type { DiagnosticBag } from '../../common/diagnostics/diagnostic.js';
import type { Artifact } from '../targets/artifact.js';
import { validator } from '../validate/validators.js';

/**
 * Checks every artifact against the project's own output schema for its kind before anything is
 * written. A failure here is a compiler defect (or a value the format cannot carry), never the
 * admin's typo, so the message names the artifact and the failing path.
 */
export function verifyArtifacts(artifacts: readonly Artifact[], bag: DiagnosticBag): void {
  for (const artifact of artifacts) {
    if (artifact.data === undefined) continue;
    const validate = validator('output', artifact.kind);
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
