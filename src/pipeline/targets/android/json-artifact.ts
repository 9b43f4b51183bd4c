import type { Artifact, ArtifactKind } from '../artifact.js';
import { jsonBytes } from '../encode.js';

/** An Android fleet's JSON file: out/<fleet>/android/<file>, as jsonBytes writes it (a base policy's big integers digit for digit). */
export function androidJson(fleet: string, file: string, kind: ArtifactKind, data: unknown): Artifact {
  return { path: `${fleet}/android/${file}`, bytes: jsonBytes(data), kind, fleet, platform: 'android', data };
}
