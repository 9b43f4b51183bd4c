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
