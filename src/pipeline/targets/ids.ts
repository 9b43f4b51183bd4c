import { createHash } from 'node:crypto';

/** Fixed namespace for every UUID the compiler derives: uuidv5(project URL, URL namespace). */
export const UUID_NAMESPACE = '99935B6A-5428-5587-9E00-AC678FAB44FE';

/**
 * A stable UUID for a stable name (a PayloadIdentifier, a command's purpose). MDM servers treat
 * a changed PayloadUUID as a changed profile, so it must not change between runs.
 */
export function stableUuid(name: string): string {
  return uuidV5(name, UUID_NAMESPACE).toUpperCase();
}

/** RFC 9562 §5.5: SHA-1 of the namespace's 16 bytes and the name's UTF-8, version 5, variant 10. */
export function uuidV5(name: string, namespace: string): string {
  const bytes = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface CommandIdentity {
  policy: string;
  fleet: string;
  platform: string;
  requestType: string;
  /** What the command carries (a bundle ID, a profile's sha256): a new content, a new UUID. */
  content: string;
  /** Plan.options.commandUuidSalt: a pipeline that re-sends a command passes a new salt. */
  salt?: string;
}

/**
 * A deterministic CommandUUID: UUIDv5 of the fleet, the request type and what the command
 * carries. Recompiling the same policy gives the same UUID (outputs diff cleanly in git); MDM
 * servers refuse a UUID they have already queued, so re-sending needs a salt or a rewrite.
 */
export function commandUuid(c: CommandIdentity): string {
  return stableUuid(['command', c.salt ?? '', c.policy, c.fleet, c.platform, c.requestType, c.content].join('\n'));
}
