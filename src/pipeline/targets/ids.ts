import { v5 as uuidv5 } from 'uuid';

/** Fixed namespace for every UUID the compiler derives: uuidv5(project URL, URL namespace). */
export const UUID_NAMESPACE = '99935B6A-5428-5587-9E00-AC678FAB44FE';

/**
 * A stable UUID for a stable name (a PayloadIdentifier, a command's purpose). MDM servers treat
 * a changed PayloadUUID as a changed profile, so it must not change between runs.
 */
export function stableUuid(name: string): string {
  return uuidv5(name, UUID_NAMESPACE).toUpperCase();
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
