import { describe, expect, it } from 'vitest';
import { androidEffect } from '../../../../src/pipeline/verify/effect/android/effect.js';
import { PREINSTALLED_FACTS, preinstalledRows } from '../../../../src/pipeline/verify/effect/android/preinstalled.js';
import { readAndroid } from '../../../../src/pipeline/verify/effect/android/read.js';

/** A system app of the factory image (issue #20): BLOCKED blocks its install, and the model never claims it removed. */

const enc = new TextEncoder();
const files = (f: Record<string, unknown>) => Object.entries(f).map(([name, v]) => ({ path: `f/android/${name}`, bytes: enc.encode(JSON.stringify(v)) }));
const HMS = 'com.huawei.hwid';
const policy = {
  'policy.json': { applications: [{ packageName: HMS, installType: 'BLOCKED' }], playStoreMode: 'BLACKLIST', personalUsagePolicies: { personalApplications: [{ packageName: HMS, installType: 'BLOCKED' }] } },
};

const outcomes = (side: 'device' | 'work' | 'personal', preinstalled: boolean) =>
  androidEffect(readAndroid(files(policy)), { packageName: HMS, side, ...(preinstalled && { preinstalled }) }, 'block').map((e) => e.outcome);

describe('a pre-installed (system) app under BLOCKED', () => {
  it('is blocked from install on every side the policy reaches, and never counted as removed', () => {
    for (const side of ['device', 'work', 'personal'] as const) expect(outcomes(side, true)).toEqual(['blocked-from-install']);
  });

  it('while an app installed from Play is also removed (the model tells the two apart)', () => {
    expect(outcomes('device', false)).toEqual(['blocked-from-install', 'removed']);
    expect(outcomes('personal', false)).toEqual(['blocked-from-install', 'removed']);
  });

  it('says per ownership mode what the device holds and what BLOCKED does, each line with a source', () => {
    expect(preinstalledRows('fully-managed').map((r) => r.side)).toEqual(['device']);
    expect(preinstalledRows('company-owned-work-profile').map((r) => r.side)).toEqual(['work profile', 'personal profile']);
    const byod = preinstalledRows('personally-owned-work-profile');
    expect(byod[1]!.blocked).toMatch(/^Nothing/);
    for (const mode of ['fully-managed', 'company-owned-work-profile'] as const) {
      for (const row of preinstalledRows(mode)) {
        expect(row.facts.length).toBeGreaterThan(0);
        for (const f of row.facts) expect(PREINSTALLED_FACTS[f].url).toMatch(/^https:\/\//);
      }
    }
  });
});
