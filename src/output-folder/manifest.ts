import { sha256 } from '../common/sha256.js';
import type { Plan } from '../plan/types.js';
import type { Artifact } from '../pipeline/targets/artifact.js';
import { jsonBytes } from '../pipeline/targets/encode.js';

export const MANIFEST_PATH = 'manifest.json';

export interface ManifestEntry {
  path: string;
  sha256: string;
  size: number;
  kind: string;
  fleet?: string;
  platform?: string;
  /** A signed artifact: what was signed and by whom (Artifact.signed), which a later compile compares. */
  signed?: { content: string; signer: string };
}

export interface Manifest {
  format: 1;
  generator: 'mdm-blocklist';
  policy: { id: string; name: string };
  artifacts: ManifestEntry[];
}

export { sha256 };

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
        ...(a.signed && { signed: { content: a.signed.content, signer: a.signed.signer } }),
      })),
  };
  return { path: MANIFEST_PATH, bytes: jsonBytes(manifest), kind: 'manifest' };
}

/** A manifest mdm-blocklist wrote, from a folder's bytes; anything else (not JSON, another tool's) is undefined. */
export function parseManifest(bytes: Uint8Array | undefined): Manifest | undefined {
  const m = parseJson(bytes) as Manifest | undefined;
  return m?.generator === 'mdm-blocklist' && Array.isArray(m.artifacts) && m.artifacts.every((a) => typeof a?.path === 'string' && typeof a.sha256 === 'string') ? m : undefined;
}

/** JSON from a folder's bytes, or undefined when they are not UTF-8 JSON. */
export function parseJson(bytes: Uint8Array | undefined): unknown {
  if (!bytes) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}
