import type { Artifact, ArtifactKind } from '../artifact.js';
import { stringifyExact } from '../../../common/json/exact-json.js';

const utf8 = new TextEncoder();

/**
 * An Android fleet's JSON file: out/<fleet>/android/<file>, laid out as jsonBytes does, with a
 * base policy's big integers written digit for digit.
 */
export function androidJson(fleet: string, file: string, kind: ArtifactKind, data: unknown): Artifact {
  return { path: `${fleet}/android/${file}`, bytes: utf8.encode(stringifyExact(data) + '\n'), kind, fleet, platform: 'android', data };
}
