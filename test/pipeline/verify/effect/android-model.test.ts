import { describe, expect, it } from 'vitest';
import { androidEffect, type AndroidId, type AndroidIntent } from '../../../../src/pipeline/verify/effect/android/effect.js';
import { readAndroid, type Json } from '../../../../src/pipeline/verify/effect/android/read.js';
import type { AndroidMode } from '../../../../src/plan/types.js';

/** The Android effect model on hand-written artifacts: each case a way a fleet's files could go wrong. */

const enc = new TextEncoder();
const files = (f: Record<string, unknown>) => Object.entries(f).map(([name, v]) => ({ path: `f/android/${name}`, bytes: enc.encode(JSON.stringify(v)) }));
const blocked = (packageName: string) => ({ packageName, installType: 'BLOCKED' });
const TIKTOK = 'com.zhiliaoapp.musically';
const OTHER = 'com.example.other';

/** `mode` says which sides the device has; the effect of a side does not depend on it otherwise. */
function effects(artifacts: Record<string, unknown>, _mode: AndroidMode, side: AndroidId['side'], packageName: string, intent: AndroidIntent, server?: Json) {
  return androidEffect(readAndroid(files(artifacts)), { packageName, side, ...(server && { server }) }, intent).map((e) => `${e.outcome} by ${e.by.replace('f/android/', '')}`);
}

const fresh = { 'policy.json': { applications: [blocked(TIKTOK)], playStoreMode: 'BLACKLIST' }, 'modify-policy-applications.json': { changes: [{ application: blocked(TIKTOK) }] } };

describe('the Android effect model', () => {
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

  it('reads big integers exactly and keeps a base entry that already blocks', () => {
    const bytes = enc.encode('{ "playStoreMode": "BLACKLIST", "applications": [{ "packageName": "com.zhiliaoapp.musically", "installType": "BLOCKED", "managedConfiguration": { "id": 12345678901234567890 } }] }');
    const reading = readAndroid([{ path: 'f/android/policy.json', bytes }]);
    const entry = (reading.policy!.value['applications'] as Json[])[0]!;
    expect(String((entry['managedConfiguration'] as { id: { text: string } }).id.text)).toBe('12345678901234567890');
  });
});
