import { createHash } from 'node:crypto';

/** Hex sha256 of bytes: the manifest's checksum, and the content half of every comparison key. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
