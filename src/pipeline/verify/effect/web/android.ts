import type { AndroidDeviceClass } from '../../../../plan/device-classes.js';
import type { Effect, PlatformModel } from '../types.js';
import { readAndroid, type AndroidReading, type Json } from '../android/read.js';
import { afterBodies } from '../android/server.js';
import { chromeBlocks, chromeList, WEB_FACTS } from './facts.js';
import { webSubjects, type DomainId } from './subjects.js';

/**
 * Android, web: Chrome blocks a domain its managed configuration's URLBlocklist names and its
 * URLAllowlist does not reopen. Both ways of sending must do it: policy.json, and with a known
 * base the request bodies applied to it. Without a base the bodies leave Chrome alone (a change
 * would replace a configuration nobody has seen), which the model checks too: a domain the plan
 * does not block must come out as the server had it.
 */
export const androidWebModel: PlatformModel<AndroidDeviceClass, DomainId & { server?: Json }, AndroidReading> = {
  platform: 'android',
  subjects: (fleet, catalog) => webSubjects(fleet, catalog).map((s) => ({ ...s, id: { ...s.id, ...(fleet.android?.base && { server: fleet.android.base.policy }) } })),
  read: readAndroid,
  effect(reading, _device, subject) {
    const { domain, server } = subject.id;
    const routes: { by: string; before: Json; after: Json; mustBlock: boolean }[] = [];
    if (reading.policy) routes.push({ by: reading.policy.path, before: server ?? NO_SERVER, after: reading.policy.value, mustBlock: true });
    const body = reading.modify ?? reading.patch ?? reading.remove;
    if (body) routes.push({ by: body.path, before: server ?? NO_SERVER, after: afterBodies(server ?? NO_SERVER, reading), mustBlock: server !== undefined });
    const out: Effect[] = [];
    for (const r of routes) {
      const before = blocks(r.before, domain);
      const after = blocks(r.after, domain);
      if (subject.intent === 'block' ? r.mustBlock || after : after !== before) out.push({ outcome: after ? 'blocked-in-browser' : 'allowed', by: r.by });
    }
    // Blocked only when every way that must block does.
    if (subject.intent === 'block' && out.some((e) => e.outcome !== 'blocked-in-browser')) return out.filter((e) => e.outcome !== 'blocked-in-browser');
    return out;
  },
  canBlock: () => true,
  gaps: () => [],
};

// One object for "no server policy", so that afterBodies works out the bodies' result on it once per reading.
const NO_SERVER: Json = {};

function blocks(policy: Json, domain: string): boolean {
  const { blocklist, allowlist } = chromeListsOf(policy);
  return chromeBlocks(blocklist, allowlist, domain);
}

// A policy's Chrome lists, read once per policy object (the check asks about every domain and device class).
const chromeLists = new WeakMap<Json, { blocklist: string[]; allowlist: string[] }>();

function chromeListsOf(policy: Json): { blocklist: string[]; allowlist: string[] } {
  let lists = chromeLists.get(policy);
  if (lists) return lists;
  const apps = Array.isArray(policy['applications']) ? (policy['applications'] as unknown[]) : [];
  const chrome = apps.find((e): e is Json => e !== null && typeof e === 'object' && (e as Json)['packageName'] === WEB_FACTS.chromeAndroid);
  const config = chrome && chrome['managedConfiguration'] !== null && typeof chrome['managedConfiguration'] === 'object' ? (chrome['managedConfiguration'] as Json) : {};
  lists = { blocklist: chromeList(config['URLBlocklist']), allowlist: chromeList(config['URLAllowlist']) };
  chromeLists.set(policy, lists);
  return lists;
}
