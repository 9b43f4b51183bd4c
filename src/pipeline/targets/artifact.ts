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
  /**
   * An artifact that carries a signature: what was signed (sha256 of the artifact as built around
   * the unsigned profile) and by whom (sha256 of the signer's certificate). An ECDSA signature
   * differs on every run, so comparing outputs (plan, --check) compares these, not the bytes.
   */
  signed?: { content: string; signer: string };
  /** Built without the signing key (validate, plan, --check): `bytes` are not what compile writes. */
  preview?: true;
}
