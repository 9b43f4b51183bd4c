import { createHash } from 'node:crypto';
import type { Plan } from '../../plan/types.js';
import type { Artifact } from '../targets/artifact.js';
import { jsonBytes } from '../targets/encode.js';

export const MANIFEST_PATH = 'manifest.json';

export interface ManifestEntry {
  path: string;
  sha256: string;
  size: number;
  kind: string;
  fleet?: string;
  platform?: string;
}

export interface Manifest {
  format: 1;
  generator: 'mdm-blocklist';
  policy: { id: string; name: string };
  artifacts: ManifestEntry[];
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Lists every artifact with its sha256, sorted by path. It also tells the writer which files in
 * the output folder the compiler owns. No date and no tool version: same input, same bytes.
 */
export function manifestArtifact(plan: Plan, artifacts: readonly Artifact[]): Artifact {
  const manifest: Manifest = {
    format: 1,
    generator: 'mdm-blocklist',
    policy: { id: plan.policy.id, name: plan.policy.name },
    artifacts: [...artifacts]
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((a) => ({
        path: a.path,
        sha256: sha256(a.bytes),
        size: a.bytes.byteLength,
        kind: a.kind,
        ...(a.fleet !== undefined && { fleet: a.fleet }),
        ...(a.platform !== undefined && { platform: a.platform }),
      })),
  };
  return { path: MANIFEST_PATH, bytes: jsonBytes(manifest), kind: 'manifest' };
}
