import { parseExact } from '../../../../common/json/exact-json.js';
import { isObject, objectOr } from '../../../../common/json/object.js';

/*
 * An Android fleet's artifacts as the server and devices receive them, parsed back from their
 * bytes with every integer exact: the whole Policy and the request bodies for a shared policy.
 */

export type Json = Record<string, unknown>;

export interface AndroidReading {
  /** policy.json: the whole Policy. */
  policy?: { path: string; value: Json };
  /** modify-policy-applications.json: ApplicationPolicyChange[]. */
  modify?: { path: string; changes: { application: Json; updateMask?: string }[] };
  /** policy-patch.json: {updateMask, body}. */
  patch?: { path: string; updateMask: string; body: Json };
  /** remove-policy-applications.json: package names. */
  remove?: { path: string; packageNames: string[] };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** An artifact as the effect check hands it over: where it is written and its bytes. */
export interface ArtifactBytes {
  path: string;
  bytes: Uint8Array;
}

export function readAndroid(artifacts: readonly ArtifactBytes[]): AndroidReading {
  const out: AndroidReading = {};
  for (const { path, bytes } of artifacts) {
    const value = parseExact(utf8.decode(bytes));
    if (!isObject(value)) continue;
    const file = path.slice(path.lastIndexOf('/') + 1);
    if (file === 'policy.json') out.policy = { path, value };
    else if (file === 'modify-policy-applications.json') out.modify = { path, changes: arrayOf(value['changes']).filter(isObject).map((c) => ({ application: objectOr(c['application']), ...(typeof c['updateMask'] === 'string' && { updateMask: c['updateMask'] }) })) };
    else if (file === 'policy-patch.json') out.patch = { path, updateMask: typeof value['updateMask'] === 'string' ? value['updateMask'] : '', body: objectOr(value['body']) };
    else if (file === 'remove-policy-applications.json') out.remove = { path, packageNames: arrayOf(value['packageNames']).filter((p): p is string => typeof p === 'string') };
  }
  return out;
}

export function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
