import { isObject, objectOr } from '../../../../common/json/object.js';
import { arrayOf, type AndroidReading, type Json } from './read.js';

/*
 * What the AMAPI server makes of a policy it holds when a shared pipeline sends the request
 * bodies, in the documented order: modifyPolicyApplications, then policies.patch with its
 * updateMask, then removePolicyApplications (facts.ts quotes each method's rule).
 */

const computed = new WeakMap<Json, WeakMap<AndroidReading, Json>>();

/** The server's policy after the bodies; worked out once per server policy and fleet. */
export function afterBodies(server: Json, reading: AndroidReading): Json {
  const byReading = computed.get(server) ?? computed.set(server, new WeakMap()).get(server)!;
  let policy = byReading.get(reading);
  if (policy) return policy;
  policy = server;
  if (reading.modify) policy = modify(policy, reading.modify.changes);
  if (reading.patch) policy = patch(policy, reading.patch.updateMask, reading.patch.body);
  if (reading.remove) policy = remove(policy, reading.remove.packageNames);
  byReading.set(reading, policy);
  return policy;
}

/** An entry with the change's packageName is updated (wholly, without a mask), else appended. */
function modify(policy: Json, changes: readonly { application: Json; updateMask?: string }[]): Json {
  const applications = arrayOf(policy['applications']).slice();
  const at = new Map<unknown, number>();
  applications.forEach((e, i) => {
    if (isObject(e) && !at.has(e['packageName'])) at.set(e['packageName'], i);
  });
  for (const { application, updateMask } of changes) {
    const i = at.get(application['packageName']);
    if (i === undefined) at.set(application['packageName'], applications.push(application) - 1);
    else applications[i] = updateMask === undefined ? application : patch(objectOr(applications[i]), updateMask, application);
  }
  return { ...policy, applications };
}

/** Each path of the mask (a.b.c) is set from the body, or cleared where the body lacks it. */
export function patch(policy: Json, updateMask: string, body: Json): Json {
  let out = policy;
  for (const path of updateMask.split(',').filter(Boolean)) out = setPath(out, path.split('.'), getPath(body, path.split('.')));
  return out;
}

function getPath(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), value);
}

function setPath(value: Json, path: readonly string[], to: unknown): Json {
  const [head, ...rest] = path;
  const copy = { ...value };
  if (rest.length === 0) {
    if (to === undefined) delete copy[head!];
    else copy[head!] = to;
  } else copy[head!] = setPath(objectOr(value[head!]), rest, to);
  return copy;
}

function remove(policy: Json, packageNames: readonly string[]): Json {
  const gone = new Set(packageNames);
  return { ...policy, applications: arrayOf(policy['applications']).filter((e) => !(isObject(e) && typeof e['packageName'] === 'string' && gone.has(e['packageName']))) };
}
