import { describe, expect, it } from 'vitest';
import { codes, located } from '../helpers/compile.js';
import { androidPolicy, artifact, compileWith, TIKTOK, WECHAT } from './fixtures.js';

type Mode = 'fully-managed' | 'company-owned-work-profile' | 'personally-owned-work-profile';
const fleet = (mode: Mode) => `  f:\n    android: { mode: ${mode} }\n`;
const onBase = (base: Record<string, unknown>, mode: Mode = 'fully-managed', extra = '') =>
  compileWith({ 'p.yaml': androidPolicy(fleet(mode), extra) }, { basePolicies: { f: base } });
const entry = (packageName: string, installType?: string) => ({ packageName, ...(installType !== undefined && { installType }) });

describe('a base policy against the blocklist', () => {
  it('refuses uninstallAppsDisabled: true, pointing at it', async () => {
    const r = await compileWith(
      { 'p.yaml': androidPolicy('  f:\n    android: { mode: fully-managed, basePolicy: b.json }\n'), 'b.json': '{\n  "playStoreMode": "BLACKLIST",\n  "uninstallAppsDisabled": true\n}\n' },
    );
    expect(located(r.diagnostics)).toEqual(['b.json:3:28 ANDROID_BASE_UNINSTALL_DISABLED']);
    expect(r.artifacts).toEqual([]);
    expect(codes((await onBase({ playStoreMode: 'BLACKLIST', uninstallAppsDisabled: false })).diagnostics)).toEqual([]);
  });

  it.each(['FORCE_INSTALLED', 'AVAILABLE', 'REQUIRED_FOR_SETUP', 'PREINSTALLED', 'KIOSK', 'CUSTOM', 'INSTALL_TYPE_UNSPECIFIED', undefined])(
    'refuses a base that gives a blocked app installType %s',
    async (installType) => {
      const r = await onBase({ playStoreMode: 'BLACKLIST', applications: [entry('com.example.keep', 'FORCE_INSTALLED'), entry(TIKTOK, installType)] });
      expect(codes(r.diagnostics)).toEqual(['ANDROID_BASE_CONFLICT']);
      expect(r.diagnostics[0]!.message).toContain(`allow app "tiktok" in fleet "f"`);
      expect(r.artifacts).toEqual([]);
    },
  );

  it('accepts a base entry that already blocks the app, and replaces it where it stands', async () => {
    const r = await onBase({ playStoreMode: 'BLACKLIST', applications: [entry(TIKTOK, 'BLOCKED'), entry('com.example.keep', 'AVAILABLE')] });
    expect(codes(r.diagnostics)).toEqual([]);
    expect(artifact(r, 'f/android/policy.json')!['applications']).toEqual([entry(TIKTOK, 'BLOCKED'), entry('com.example.keep', 'AVAILABLE'), entry(WECHAT, 'BLOCKED')]);
  });

  it('lets an allow exception keep the base entry: the app is not blocked in that fleet', async () => {
    const installed = { packageName: TIKTOK, installType: 'FORCE_INSTALLED', autoUpdateMode: 'AUTO_UPDATE_DEFAULT' };
    const r = await onBase({ playStoreMode: 'BLACKLIST', applications: [installed] }, 'fully-managed', 'allow:\n  - { app: tiktok, fleets: [f] }\n');
    expect(codes(r.diagnostics, 'error')).toEqual([]);
    expect(artifact(r, 'f/android/policy.json')!['applications']).toEqual([installed, entry(WECHAT, 'BLOCKED')]);
  });

  it('refuses a base that blocks an app an exception allows, at the entry, on either side', async () => {
    const allow = 'allow:\n  - { app: tiktok, fleets: [f] }\n';
    const work = await compileWith(
      { 'p.yaml': androidPolicy('  f:\n    android: { mode: fully-managed, basePolicy: b.json }\n', allow), 'b.json': `{\n  "playStoreMode": "BLACKLIST",\n  "applications": [\n    { "packageName": "${TIKTOK}", "installType": "BLOCKED" }\n  ]\n}\n` },
    );
    expect(located(work.diagnostics.filter((d) => d.severity === 'error'))).toEqual(['b.json:4:65 ANDROID_BASE_BLOCKS_ALLOWED']);
    expect(work.diagnostics.find((d) => d.code === 'ANDROID_BASE_BLOCKS_ALLOWED')!.message).toContain('allows app "tiktok" in fleet "f"');
    expect(work.artifacts).toEqual([]);
    const personal = await onBase({ playStoreMode: 'BLACKLIST', personalUsagePolicies: { personalApplications: [entry(TIKTOK, 'BLOCKED')] } }, 'company-owned-work-profile', allow);
    expect(codes(personal.diagnostics, 'error')).toEqual(['ANDROID_BASE_BLOCKS_ALLOWED']);
    // Without the exception the same entry is the blocklist's own block, and fine.
    expect(codes((await onBase({ playStoreMode: 'BLACKLIST', applications: [entry(TIKTOK, 'BLOCKED')] })).diagnostics, 'error')).toEqual([]);
  });

  it('refuses personal apps offered on a company-owned device, and only there', async () => {
    const personal = { personalUsagePolicies: { personalApplications: [entry(WECHAT, 'AVAILABLE')] } };
    const cope = await onBase({ playStoreMode: 'BLACKLIST', ...personal }, 'company-owned-work-profile');
    expect(located(cope.diagnostics)).toEqual(['base policy of fleet "f":: ANDROID_BASE_CONFLICT']);
    const managed = await onBase({ playStoreMode: 'BLACKLIST', ...personal }, 'fully-managed');
    // A fully managed device has no personal profile: the field does nothing there, and says so.
    expect(codes(managed.diagnostics)).toEqual(['ANDROID_BASE_MODE_MISMATCH']);
    // Kept as the base had it: a fully managed device has no personal profile to block.
    expect(artifact(managed, 'f/android/policy.json')!['personalUsagePolicies']).toEqual(personal.personalUsagePolicies);
  });

  it('warns when the base lets users sideload, where that reaches a blocked profile', async () => {
    const base = (untrustedAppsPolicy: string) => ({ playStoreMode: 'BLACKLIST', advancedSecurityOverrides: { untrustedAppsPolicy } });
    expect(codes((await onBase(base('ALLOW_INSTALL_DEVICE_WIDE'))).diagnostics)).toEqual(['ANDROID_BASE_UNTRUSTED_APPS']);
    expect(codes((await onBase(base('ALLOW_INSTALL_IN_PERSONAL_PROFILE_ONLY'), 'company-owned-work-profile')).diagnostics)).toEqual(['ANDROID_BASE_UNTRUSTED_APPS']);
    expect(codes((await onBase(base('ALLOW_INSTALL_IN_PERSONAL_PROFILE_ONLY'))).diagnostics)).toEqual([]);
    // Unset means DISALLOW_INSTALL (discovery document).
    expect(codes((await onBase(base('UNTRUSTED_APPS_POLICY_UNSPECIFIED'))).diagnostics)).toEqual([]);
    expect(codes((await onBase(base('DISALLOW_INSTALL'))).diagnostics)).toEqual([]);
  });

  it.each([[undefined], ['WHITELIST'], ['PLAY_STORE_MODE_UNSPECIFIED']])('keeps a base allowlist (playStoreMode %s) and says so', async (mode) => {
    const base = { ...(mode !== undefined && { playStoreMode: mode }), applications: [entry('com.example.keep', 'FORCE_INSTALLED')] };
    const r = await onBase(base);
    expect(codes(r.diagnostics)).toEqual(['ANDROID_BASE_ALLOWLIST']);
    expect(r.plan!.fleets[0]!.android!.base!.playStoreMode).toBe('WHITELIST');
    const policy = artifact(r, 'f/android/policy.json')!;
    expect(policy['playStoreMode']).toBe(mode);
    // BLOCKED entries are still added: explicit, and right if the mode ever changes.
    expect(policy['applications']).toEqual([entry('com.example.keep', 'FORCE_INSTALLED'), entry(WECHAT, 'BLOCKED'), entry(TIKTOK, 'BLOCKED')]);
    // Nothing left to own on a fully managed allowlist: no patch (an empty mask means every field).
    expect(artifact(r, 'f/android/policy-patch.json')).toBeUndefined();
    expect(artifact(r, 'f/android/modify-policy-applications.json')).toBeDefined();
  });

  it('keeps a personal ALLOWLIST on a company-owned device and still owns its personal entries', async () => {
    const r = await onBase({ playStoreMode: 'BLACKLIST', personalUsagePolicies: { personalPlayStoreMode: 'ALLOWLIST', personalApplications: [entry('com.example.music', 'AVAILABLE')] } }, 'company-owned-work-profile');
    expect(codes(r.diagnostics)).toEqual(['ANDROID_BASE_ALLOWLIST']);
    expect(artifact(r, 'f/android/policy-patch.json')).toEqual({
      updateMask: 'personalUsagePolicies.personalApplications,playStoreMode',
      body: { playStoreMode: 'BLACKLIST', personalUsagePolicies: { personalApplications: [entry('com.example.music', 'AVAILABLE'), entry(WECHAT, 'BLOCKED'), entry(TIKTOK, 'BLOCKED')] } },
    });
  });

  it('writes the current name of a deprecated personal BLACKLIST it owns', async () => {
    const r = await onBase({ playStoreMode: 'BLACKLIST', personalUsagePolicies: { personalPlayStoreMode: 'BLACKLIST', cameraDisabled: true } }, 'company-owned-work-profile');
    expect(artifact(r, 'f/android/policy.json')!['personalUsagePolicies']).toEqual({
      personalPlayStoreMode: 'BLOCKLIST',
      cameraDisabled: true,
      personalApplications: [entry(WECHAT, 'BLOCKED'), entry(TIKTOK, 'BLOCKED')],
    });
  });

  it('drops the read-only version and lets policyName override the base name', async () => {
    const r = await compileWith(
      { 'p.yaml': androidPolicy('  f:\n    android: { mode: fully-managed, policyName: enterprises/E1/policies/new }\n') },
      { basePolicies: { f: { name: 'enterprises/E1/policies/old', version: '12', playStoreMode: 'BLACKLIST' } } },
    );
    expect(artifact(r, 'f/android/policy.json')).toEqual({ name: 'enterprises/E1/policies/new', playStoreMode: 'BLACKLIST', applications: [entry(WECHAT, 'BLOCKED'), entry(TIKTOK, 'BLOCKED')] });
  });

  it('counts the merged list against the 3,000-entry cap, naming the fleet and the counts', async () => {
    const applications = Array.from({ length: 2999 }, (_, i) => entry(`com.example.app${i}`, 'AVAILABLE'));
    const r = await onBase({ playStoreMode: 'BLACKLIST', applications });
    expect(codes(r.diagnostics)).toEqual(['ANDROID_APPLICATIONS_LIMIT']);
    expect(r.diagnostics[0]!.message).toMatch(/fleet "f" would have 3001 entries in applications \(2 blocked \+ 2999 from the base policy\)/);
    // A base entry the blocklist replaces counts once.
    const replaced = await onBase({ playStoreMode: 'BLACKLIST', applications: [...applications.slice(1), entry(TIKTOK, 'BLOCKED')] });
    expect(codes(replaced.diagnostics)).toEqual([]);
  });
});

describe('ownership modes', () => {
  it('warns that a personally owned fleet blocks in the work profile only, at the fleet', async () => {
    const r = await compileWith({ 'p.yaml': androidPolicy(fleet('personally-owned-work-profile')) });
    expect(located(r.diagnostics)).toEqual(['p.yaml:10:14 ANDROID_PERSONAL_PROFILE_UNMANAGED']);
    expect(artifact(r, 'f/android/policy.json')).toEqual({ applications: [entry(WECHAT, 'BLOCKED'), entry(TIKTOK, 'BLOCKED')], playStoreMode: 'BLACKLIST' });
  });

  it('blocks both profiles of a company-owned device; the patch owns the personal side by nested paths', async () => {
    const r = await onBase({ playStoreMode: 'BLACKLIST' }, 'company-owned-work-profile');
    expect(codes(r.diagnostics)).toEqual([]);
    expect(artifact(r, 'f/android/policy-patch.json')!['updateMask']).toBe('personalUsagePolicies.personalApplications,personalUsagePolicies.personalPlayStoreMode,playStoreMode');
    const personal = { personalPlayStoreMode: 'BLOCKLIST', personalApplications: [entry(WECHAT, 'BLOCKED'), entry(TIKTOK, 'BLOCKED')] };
    expect(artifact(r, 'f/android/policy.json')!['personalUsagePolicies']).toEqual(personal);
  });
});

describe('the plan', () => {
  it('names the base policy in force, the caller\'s over the YAML\'s', async () => {
    const yaml = androidPolicy('  f:\n    android: { mode: fully-managed, basePolicy: a.json }\n');
    const fromYaml = await compileWith({ 'p.yaml': yaml, 'a.json': '{ "playStoreMode": "BLACKLIST" }', 'b.json': '{ "playStoreMode": "BLACKLIST" }' });
    expect(fromYaml.plan!.fleets[0]!.android!.settings.basePolicy).toBe('/mem/a.json');
    const fromCaller = await compileWith({ 'p.yaml': yaml, 'b.json': '{ "playStoreMode": "BLACKLIST" }' }, { basePolicies: { f: '/mem/b.json' } });
    expect(fromCaller.plan!.fleets[0]!.android!.settings.basePolicy).toBe('/mem/b.json');
    expect(fromCaller.plan!.fleets[0]!.android!.base).toMatchObject({ file: 'b.json', playStoreMode: 'BLACKLIST', personalPlayStoreMode: 'BLOCKLIST' });
    const asObject = await compileWith({ 'p.yaml': yaml }, { basePolicies: { f: { playStoreMode: 'BLACKLIST' } } });
    expect(asObject.plan!.fleets[0]!.android!.settings.basePolicy).toBeUndefined();
  });
});
