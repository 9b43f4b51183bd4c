import { describe, expect, it } from 'vitest';
import { androidEffect, type AndroidId, type AndroidIntent } from '../../../../src/pipeline/verify/effect/android/effect.js';
import { androidModel } from '../../../../src/pipeline/verify/effect/android/model.js';
import { readAndroid, type Json } from '../../../../src/pipeline/verify/effect/android/read.js';
import { sidesOf } from '../../../../src/pipeline/verify/effect/android/device.js';
import { ExactNumber } from '../../../../src/common/json/exact-json.js';
import type { AndroidMode } from '../../../../src/plan/types.js';
import { codes } from '../../../helpers/compile.js';
import { androidPolicy, compileWith } from '../../../android/fixtures.js';

/** The Android effect model on hand-written artifacts: each case a way a fleet's files could go wrong. */

const enc = new TextEncoder();
const files = (f: Record<string, unknown>) => Object.entries(f).map(([name, v]) => ({ path: `f/android/${name}`, bytes: enc.encode(JSON.stringify(v)) }));
const blocked = (packageName: string) => ({ packageName, installType: 'BLOCKED' });
const TIKTOK = 'com.zhiliaoapp.musically';
const OTHER = 'com.example.other';

/**
 * `mode` says which sides the device has (sidesOf, as the check's subjects): a case that names a side
 * its mode's devices do not have is refused, not modelled. The effect of a side depends on nothing else.
 */
function effects(artifacts: Record<string, unknown>, mode: AndroidMode, side: AndroidId['side'], packageName: string, intent: AndroidIntent, server?: Json) {
  if (!sidesOf(mode).includes(side)) throw new Error(`a ${mode} device has no ${side} side (it has: ${sidesOf(mode).join(', ')})`);
  return androidEffect(readAndroid(files(artifacts)), { packageName, side, ...(server && { server }) }, intent).map((e) => `${e.outcome} by ${e.by.replace('f/android/', '')}`);
}

const fresh = { 'policy.json': { applications: [blocked(TIKTOK)], playStoreMode: 'BLACKLIST' }, 'modify-policy-applications.json': { changes: [{ application: blocked(TIKTOK) }] } };

describe('the Android effect model', () => {
  it('gives each ownership mode its sides: the personal profile only on a company-owned device', () => {
    expect(sidesOf('fully-managed')).toEqual(['device']);
    expect(sidesOf('company-owned-work-profile')).toEqual(['work', 'personal']);
    expect(sidesOf('personally-owned-work-profile')).toEqual(['work']);
    // A personally owned device's personal profile is out of the policy's reach: no case can ask about it.
    expect(() => effects(fresh, 'personally-owned-work-profile', 'personal', TIKTOK, 'block')).toThrow('a personally-owned-work-profile device has no personal side (it has: work)');
    expect(() => effects(fresh, 'fully-managed', 'work', TIKTOK, 'block')).toThrow('has no work side');
    // The work profile reads applications as the whole device does.
    expect(effects(fresh, 'personally-owned-work-profile', 'work', TIKTOK, 'block')).toEqual(effects(fresh, 'fully-managed', 'device', TIKTOK, 'block'));
  });

  it('blocks and removes a BLOCKED app both ways, and leaves other apps alone', () => {
    expect(effects(fresh, 'fully-managed', 'device', TIKTOK, 'block')).toEqual([
      'blocked-from-install by policy.json',
      'removed by policy.json',
      'blocked-from-install by modify-policy-applications.json',
      'removed by modify-policy-applications.json',
      'blocked-from-install by modify-policy-applications.json',
      'removed by modify-policy-applications.json',
    ]);
    expect(effects(fresh, 'fully-managed', 'device', OTHER, 'untouched')).toEqual([]);
  });

  it('catches a patch that opens the Play Store of a server policy nobody has seen', () => {
    const opening = { ...fresh, 'policy-patch.json': { updateMask: 'playStoreMode', body: { playStoreMode: 'BLACKLIST' } } };
    expect(effects(opening, 'fully-managed', 'device', OTHER, 'untouched')).toEqual(['allowed by policy-patch.json']);
  });

  it('catches a whole policy that forgets playStoreMode: unset is WHITELIST, every other app goes', () => {
    const allowlist = { 'policy.json': { applications: [blocked(TIKTOK)] } };
    expect(effects(allowlist, 'fully-managed', 'device', OTHER, 'untouched')).toEqual(['blocked-from-install by policy.json', 'removed by policy.json']);
  });

  it('counts an app on an allowlist base as the base left it', () => {
    const server = { applications: [{ packageName: 'com.example.kiosk', installType: 'KIOSK' }] };
    const overlay = { 'policy.json': { applications: [...server.applications, blocked(TIKTOK)] }, 'modify-policy-applications.json': fresh['modify-policy-applications.json'] };
    expect(effects(overlay, 'fully-managed', 'device', OTHER, 'untouched', server)).toEqual([]);
    expect(effects(overlay, 'fully-managed', 'device', TIKTOK, 'block', server)).toContain('blocked-from-install by policy.json');
  });

  it('needs the personal list on a company-owned device; without a base, policy.json alone carries it', () => {
    const personal = { personalPlayStoreMode: 'BLOCKLIST', personalApplications: [blocked(TIKTOK)] };
    const cope = { ...fresh, 'policy.json': { ...fresh['policy.json'], personalUsagePolicies: personal } };
    expect(effects(cope, 'company-owned-work-profile', 'personal', TIKTOK, 'block')).toEqual(['blocked-from-install by policy.json', 'removed by policy.json']);
    expect(effects(fresh, 'company-owned-work-profile', 'personal', TIKTOK, 'block')).toEqual([]);
    // With a base, the patch must carry the personal list, or the bodies leave the app available.
    const server = { playStoreMode: 'BLACKLIST' };
    expect(effects(cope, 'company-owned-work-profile', 'personal', TIKTOK, 'block', server)).toEqual([]);
    const patched = { ...cope, 'policy-patch.json': { updateMask: 'personalUsagePolicies.personalApplications', body: { personalUsagePolicies: personal } } };
    expect(effects(patched, 'company-owned-work-profile', 'personal', TIKTOK, 'block', server)).toContain('blocked-from-install by policy-patch.json');
  });

  it('takes installAppsDisabled as blocking every install and removing nothing', () => {
    const server = { playStoreMode: 'BLACKLIST', installAppsDisabled: true };
    const frozen = { 'policy.json': { ...server, applications: [blocked(TIKTOK)] }, 'modify-policy-applications.json': fresh['modify-policy-applications.json'] };
    expect(effects(frozen, 'fully-managed', 'device', TIKTOK, 'block', server)).toEqual(['blocked-from-install by policy.json', 'blocked-from-install by modify-policy-applications.json']);
  });

  it('reads big integers exactly and keeps a base entry that already blocks', async () => {
    const base = `{ "playStoreMode": "BLACKLIST", "applications": [{ "packageName": "${TIKTOK}", "installType": "BLOCKED", "managedConfiguration": { "id": 12345678901234567890 } }] }`;
    const r = await compileWith({ 'p.yaml': androidPolicy('  f:\n    android: { mode: fully-managed, basePolicy: b.json }\n'), 'b.json': base });
    expect(codes(r.diagnostics, 'error')).toEqual([]);
    const reading = readAndroid(r.artifacts.filter((a) => a.fleet === 'f' && a.platform === 'android'));
    // The base's entry stays as it is, once, its integer digit for digit; not replaced by a bare BLOCKED entry.
    const mine = (reading.policy!.value['applications'] as Json[]).filter((e) => e['packageName'] === TIKTOK);
    expect(mine).toEqual([{ packageName: TIKTOK, installType: 'BLOCKED', managedConfiguration: { id: new ExactNumber('12345678901234567890') } }]);
    // Its effect over the server's policy the base describes: blocked and removed by the whole policy and by the modify body alike.
    const server = r.plan!.fleets[0]!.android!.base!.policy as Json;
    expect(androidEffect(reading, { packageName: TIKTOK, side: 'device', server }, 'block').map((e) => `${e.outcome} by ${e.by.replace('f/android/', '')}`)).toEqual([
      'blocked-from-install by policy.json',
      'removed by policy.json',
      'blocked-from-install by modify-policy-applications.json',
      'removed by modify-policy-applications.json',
    ]);
  });
});

describe('the subjects of a fleet', () => {
  it('an app an exception allows is an allow subject, by its catalog package', async () => {
    const r = await compileWith({ 'p.yaml': androidPolicy('  f:\n    android: { mode: fully-managed }\n', 'allow:\n  - { app: tiktok, fleets: [f] }\n') });
    expect(codes(r.diagnostics, 'error')).toEqual([]);
    const fleet = r.plan!.fleets.find((f) => f.id === 'f')!;
    const intents = Object.fromEntries(androidModel.subjects(fleet, r.plan!.catalog).map((s) => [s.id.packageName, s.intent]));
    expect(intents[TIKTOK]).toBe('allow');
  });
});
