import { describe, expect, it } from 'vitest';
import { parseExact } from '../../src/common/json/exact-json.js';
import { codes, located } from '../helpers/compile.js';
import { androidPolicy, artifact, compileWith, TIKTOK, WECHAT } from './fixtures.js';

/**
 * Issue #13, Android: artifacts that passed every schema and did the wrong thing on devices,
 * each pinned by the test named after what it guards.
 */

type Mode = 'fully-managed' | 'company-owned-work-profile' | 'personally-owned-work-profile';
const MODES: Mode[] = ['fully-managed', 'company-owned-work-profile', 'personally-owned-work-profile'];
const withBaseText = (json: string, mode: Mode = 'fully-managed', extra = '') =>
  compileWith({ 'p.yaml': androidPolicy(`  f:\n    android: { mode: ${mode}, basePolicy: b.json }\n`, extra), 'b.json': json });
const text = (r: Awaited<ReturnType<typeof compileWith>>, path: string) => new TextDecoder().decode(r.artifacts.find((a) => a.path === path)!.bytes);

describe('without a base, nothing changes a store mode or replaces a whole list', () => {
  it.each(MODES)('%s: no policy-patch.json, and the modify body holds only our BLOCKED entries', async (mode) => {
    const r = await compileWith({ 'p.yaml': androidPolicy(`  f:\n    android: { mode: ${mode} }\n`) });
    expect(codes(r.diagnostics, 'error')).toEqual([]);
    expect(artifact(r, 'f/android/policy-patch.json')).toBeUndefined();
    expect(artifact(r, 'f/android/modify-policy-applications.json')).toEqual({
      changes: [WECHAT, TIKTOK].map((packageName) => ({ application: { packageName, installType: 'BLOCKED' } })),
    });
    // The whole policy is still written: sent whole, it is the policy, so its modes are ours.
    expect(artifact(r, 'f/android/policy.json')!['playStoreMode']).toBe('BLACKLIST');
  });

  it('with a base, the patch owns the modes the base already has as blocklists', async () => {
    const r = await withBaseText('{ "playStoreMode": "BLACKLIST" }');
    expect(artifact(r, 'f/android/policy-patch.json')).toEqual({ updateMask: 'playStoreMode', body: { playStoreMode: 'BLACKLIST' } });
  });
});

describe('the overlay keeps the base faithfully', () => {
  const big = `{
  "playStoreMode": "BLACKLIST",
  "maximumTimeToLock": 9223372036854775807,
  "applications": [
    { "packageName": "com.example.sensor", "installType": "FORCE_INSTALLED", "managedConfiguration": { "deviceId": 12345678901234567890, "offset": -9007199254740993, "ratio": 0.5 } }
  ]
}
`;

  it('keeps integers above 2^53 digit for digit', async () => {
    const r = await withBaseText(big);
    expect(codes(r.diagnostics)).toEqual([]);
    const out = text(r, 'f/android/policy.json');
    for (const digits of ['9223372036854775807', '12345678901234567890', '-9007199254740993']) expect(out).toContain(digits);
    // Parsed losslessly, the base is in the output unchanged, our entries appended.
    const policy = parseExact(out) as { applications: unknown[] };
    const base = parseExact(big) as { applications: unknown[] };
    expect(policy.applications.slice(0, 1)).toEqual(base.applications);
    expect({ ...policy, applications: [] }).toEqual({ ...base, applications: [] });
  });

  it('keeps big integers a library caller passes as bigint', async () => {
    const r = await compileWith(
      { 'p.yaml': androidPolicy('  f:\n    android: { mode: fully-managed }\n') },
      { basePolicies: { f: { playStoreMode: 'BLACKLIST', applications: [{ packageName: 'com.example.a', managedConfiguration: { n: 12345678901234567891n } }] } } },
    );
    expect(codes(r.diagnostics)).toEqual([]);
    expect(text(r, 'f/android/policy.json')).toContain('"n": 12345678901234567891');
  });

  it('lays a base without applications under a fleet that blocks nothing, and adds no list', async () => {
    const r = await compileWith({ 'p.yaml': androidPolicy('  f:\n    android: { mode: fully-managed, basePolicy: b.json }\n', 'allow:\n  - { app: tiktok }\n  - { app: wechat }\n'), 'b.json': '{ "playStoreMode": "BLACKLIST" }' });
    expect(codes(r.diagnostics, 'error')).toEqual([]);
    expect(artifact(r, 'f/android/policy.json')).toEqual({ playStoreMode: 'BLACKLIST' });
  });

  it('keeps the other fields of a base entry that already blocks the app', async () => {
    const blocked = { packageName: TIKTOK, installType: 'BLOCKED', disabled: true, autoUpdateMode: 'AUTO_UPDATE_POSTPONED' };
    const r = await withBaseText(JSON.stringify({ playStoreMode: 'BLACKLIST', applications: [blocked] }));
    expect(codes(r.diagnostics)).toEqual([]);
    expect(artifact(r, 'f/android/policy.json')!['applications']).toEqual([blocked, { packageName: WECHAT, installType: 'BLOCKED' }]);
  });
});

describe('a base that defeats blocking is flagged', () => {
  it('warns at installAppsDisabled: true, which freezes what the policy can make available', async () => {
    const r = await withBaseText('{\n  "playStoreMode": "BLACKLIST",\n  "installAppsDisabled": true\n}\n');
    expect(located(r.diagnostics)).toEqual(['b.json:3:26 ANDROID_BASE_INSTALL_DISABLED']);
    expect(artifact(r, 'f/android/policy.json')).toBeDefined();
    expect(codes((await withBaseText('{ "playStoreMode": "BLACKLIST", "installAppsDisabled": false }')).diagnostics)).toEqual([]);
  });

  it('refuses an always-on VPN with lockdown whose app is blocked: devices would lose the network', async () => {
    const vpn = (packageName: string, lockdownEnabled: boolean) =>
      `{\n  "playStoreMode": "BLACKLIST",\n  "alwaysOnVpnPackage": {\n    "packageName": "${packageName}",\n    "lockdownEnabled": ${lockdownEnabled}\n  }\n}\n`;
    const r = await withBaseText(vpn(WECHAT, true));
    expect(located(r.diagnostics)).toEqual(['b.json:4:20 ANDROID_BASE_VPN_BLOCKED']);
    expect(r.artifacts).toEqual([]);
    expect(codes((await withBaseText(vpn(WECHAT, false))).diagnostics)).toEqual([]);
    expect(codes((await withBaseText(vpn('com.example.vpn', true))).diagnostics)).toEqual([]);
    // An exception that allows the VPN app in the fleet resolves it.
    expect(codes((await withBaseText(vpn(WECHAT, true), 'fully-managed', 'allow:\n  - { app: wechat, fleets: [f] }\n')).diagnostics, 'error')).toEqual([]);
  });
});

describe('the base policy schema', () => {
  it.each([['0', []], ['"0"', []], ['300000', []], ['"300000"', []], ['-1', []], ['1.5', ['b.json:1:54 ANDROID_BASE_INVALID']], ['"5m"', ['b.json:1:54 ANDROID_BASE_INVALID']], ['true', ['b.json:1:54 ANDROID_BASE_INVALID']]])(
    'takes an int64 as a number or a decimal string: maximumTimeToLock %s',
    async (value, expected) => {
      const r = await withBaseText(`{ "playStoreMode": "BLACKLIST", "maximumTimeToLock": ${value} }`);
      expect(located(r.diagnostics)).toEqual(expected);
    },
  );

  it('takes the hotel kiosk base that was refused for "maximumTimeToLock": 0', async () => {
    const kiosk = { playStoreMode: 'BLACKLIST', maximumTimeToLock: 0, version: 7, kioskCustomLauncherEnabled: true, applications: [{ packageName: 'com.example.hotel', installType: 'KIOSK' }] };
    const r = await withBaseText(JSON.stringify(kiosk));
    expect(codes(r.diagnostics)).toEqual([]);
    expect(artifact(r, 'f/android/policy.json')!['maximumTimeToLock']).toBe(0);
  });

  it('reports every problem of a base at once, the checks against the blocklist included', async () => {
    const r = await withBaseText(
      `{
  "playStoreMode": "BLACKLIST",
  "screenCaptureDisabled": "yes",
  "uninstallAppsDisabled": true,
  "advancedSecurityOverrides": { "untrustedAppsPolicy": "ALLOW_INSTALL_DEVICE_WIDE" },
  "applications": [{ "packageName": "${TIKTOK}", "installType": "FORCE_INSTALLED" }]
}`,
    );
    expect(located(r.diagnostics)).toEqual([
      'b.json:3:28 ANDROID_BASE_INVALID',
      'b.json:4:28 ANDROID_BASE_UNINSTALL_DISABLED',
      'b.json:5:57 ANDROID_BASE_UNTRUSTED_APPS',
      'b.json:6:80 ANDROID_BASE_CONFLICT',
    ]);
    expect(r.artifacts).toEqual([]);
  });

  it.each([
    ['personalUsagePolicies', 'fully-managed', '{ "cameraDisabled": true }'],
    ['personalUsagePolicies', 'personally-owned-work-profile', '{ "cameraDisabled": true }'],
    ['adjustVolumeDisabled', 'company-owned-work-profile', 'true'],
    ['usbFileTransferDisabled', 'personally-owned-work-profile', 'true'],
  ] as const)('warns at %s, which does nothing on a %s fleet', async (field, mode, value) => {
    const r = await withBaseText(`{ "playStoreMode": "BLACKLIST", "${field}": ${value} }`, mode);
    expect(located(r.diagnostics).filter((d) => !d.endsWith('ANDROID_PERSONAL_PROFILE_UNMANAGED'))).toEqual(['b.json:1:33 ANDROID_BASE_MODE_MISMATCH']);
  });

  it('keeps quiet about a field on the mode it fits', async () => {
    const r = await withBaseText('{ "playStoreMode": "BLACKLIST", "personalUsagePolicies": { "cameraDisabled": true }, "usbFileTransferDisabled": true }', 'company-owned-work-profile');
    expect(codes(r.diagnostics)).toEqual([]);
  });

  it("names passwordPolicies with a scope for Google's example parentProfilePasswordRequirements", async () => {
    const r = await withBaseText('{\n  "playStoreMode": "BLACKLIST",\n  "parentProfilePasswordRequirements": { "passwordMinimumLength": 4 }\n}', 'company-owned-work-profile');
    expect(located(r.diagnostics)).toEqual(['b.json:3:3 ANDROID_BASE_INVALID']);
    expect(r.diagnostics[0]!.message).toMatch(/passwordPolicies.*"passwordScope": "SCOPE_DEVICE"/);
  });
});
