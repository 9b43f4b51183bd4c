/*
 * Reading parsed JSON (or a property list) whose shape is not known yet: a base policy, an artifact
 * read back by the effect check. One definition of "an object", so every reader agrees on it.
 */

/** A parsed JSON object: its keys, values not yet checked. */
export type JsonObject = Record<string, unknown>;

/** A JSON object: not null, not an array. */
export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value when it is an object, else an empty one (a missing or mistyped field reads as no keys). */
export function objectOr(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}
