import type { Platform } from '../../plan/types.js';

/** The kinds of file the compiler writes; verify picks its output schema by kind. */
export type ArtifactKind = 'apple-profile' | 'amapi-policy' | 'manifest' | (string & {});

export interface Artifact {
  /** Relative to the output folder, with forward slashes. */
  path: string;
  bytes: Uint8Array;
  kind: ArtifactKind;
  fleet?: string;
  platform?: Platform;
  /** The structure the bytes serialise, for verify. */
  data?: unknown;
}
