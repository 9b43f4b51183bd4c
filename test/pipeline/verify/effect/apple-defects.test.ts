// Issue 13: each Apple defect the effect check found, pinned by a test named after what it guards.
import { describe, expect, it } from 'vitest';
import type { Artifact, CompileResult } from '../../../../src/index.js';
import { codes, compileFiles, located } from '../../../helpers/compile.js';
import { policy } from './fixtures.js';

const text = (r: CompileResult, path: string) => {
  const a = r.artifacts.find((x) => x.path === path);
  if (!a) throw new Error(`no ${path} in ${r.artifacts.map((x) => x.path).join(', ')}`);
  return new TextDecoder().decode(a.bytes);
};
const paths = (r: CompileResult, fleet: string) => r.artifacts.filter((a: Artifact) => a.fleet === fleet).map((a) => a.path).sort();
const summary = (r: CompileResult) => JSON.parse(text(r, 'plan.json')) as { fleets: { id: string; platforms: Record<string, Record<string, unknown[] | undefined>> }[] };
const platformOf = (r: CompileResult, fleet: string, platform: string) => summary(r).fleets.find((f) => f.id === fleet)!.platforms[platform]!;

const TENCENT_WECHAT_ALLOWED = `block:\n  publishers: [{ id: tencent, reason: 'Sends data <abroad> & more' }]\nallow:\n  - app: wechat\n`;
const compileWith = async (fleets: string, body = TENCENT_WECHAT_ALLOWED) => {
  const r = await compileFiles({ 'policy.yaml': policy(`fleets:\n${fleets}\n${body}`) });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r;
};

describe('Mac exceptions are applied, and nothing else loosens', () => {
  it('Santa keeps the TEAMID block of every team and allows the excepted app by SIGNINGID', async () => {
    const r = await compileWith('  macs:\n    macos: { minVersion: "14", maxVersion: "26", santa: true }\n');
    const santa = text(r, 'macs/macos/santa.mobileconfig');
    const rules = [...santa.matchAll(/<key>identifier<\/key>\s*<string>([^<]+)<\/string>\s*<key>policy<\/key>\s*<string>(\w+)<\/string>\s*<key>rule_type<\/key>\s*<string>(\w+)<\/string>/g)].map((m) => `${m[3]} ${m[1]} ${m[2]}`);
    expect(rules).toEqual(['TEAMID TENCENT001 BLOCKLIST', 'TEAMID TENCENT002 BLOCKLIST', 'SIGNINGID TENCENT001:com.tencent.xinWeChat ALLOWLIST']);
    expect(codes(r.diagnostics)).not.toContain('TEAM_NOT_ENFORCED');
    expect(platformOf(r, 'macs', 'macos')['teams']).toHaveLength(2);
  });

  it('DDM denies the allowed app\'s team app by app, keeps the other team denied whole, and warns its unlisted apps run', async () => {
    const r = await compileWith('  macs:\n    macos: { minVersion: "27" }\n');
    const denied = (JSON.parse(text(r, 'macs/macos/ddm/app-settings.json')) as { Payload: { Allowed: { DeniedBinaries: Record<string, string>[] } } }).Payload.Allowed.DeniedBinaries;
    // Not { TeamID: TENCENT001 } (it would deny WeChat too), and WeChat nowhere.
    expect(denied).toEqual([{ TeamID: 'TENCENT002' }, { SigningID: 'com.tencent.qq', TeamID: 'TENCENT001' }]);
    const warning = r.diagnostics.find((d) => d.code === 'TEAM_NOT_ENFORCED');
    expect(warning?.message).toMatch(/fleet "macs": Team ID TENCENT001 \(tencent\) also signs wechat/);
    expect(platformOf(r, 'macs', 'macos')['teamsNotEnforced']).toEqual([{ teamId: 'TENCENT001', publisher: 'tencent', why: 'allowed' }]);
    expect(codes(r.diagnostics)).toContain('EFFECT_NOT_ENFORCED');
  });
});

describe('fleets where nothing is enforced are not reported as blocked', () => {
  it('an unsupervised iOS fleet gets no restrictions profile and no supervised-only key, and plan.json says not enforced', async () => {
    const r = await compileWith('  byod:\n    ios: { supervised: false, minVersion: "17", profile: { removalDisallowed: true } }\n', 'block:\n  publishers: [{ id: tencent }]\n');
    expect(paths(r, 'byod').every((p) => p.startsWith('byod/ios/commands/remove-'))).toBe(true);
    for (const a of r.artifacts) expect(new TextDecoder().decode(a.bytes), a.path).not.toContain('PayloadRemovalDisallowed');
    const ios = platformOf(r, 'byod', 'ios');
    expect(ios['blocked']).toEqual([]);
    expect(ios['notEnforced']).toContainEqual({ app: 'qq', name: 'QQ', why: 'not-enforced', identifier: 'com.tencent.mqq', gap: 'unsupervised' });
    expect(r.diagnostics.find((d) => d.code === 'EFFECT_NOT_ENFORCED')?.message).toMatch(/fleet "byod", unsupervised: not blocked on iOS 17–27 \(unsupervised\): wechat/);
  });

  it('an unsupervised macOS 27 fleet without Santa gets only RemoveApplication, a warning naming its apps, and not-enforced in plan.json', async () => {
    const r = await compileWith('  macs:\n    macos: { supervised: false, minVersion: "27" }\n', 'block:\n  publishers: [{ id: tencent }]\n');
    expect(paths(r, 'macs')).toEqual(['macs/macos/commands/remove-com.tencent.qq.plist', 'macs/macos/commands/remove-com.tencent.tenvideo.plist', 'macs/macos/commands/remove-com.tencent.xinWeChat.plist']);
    expect(platformOf(r, 'macs', 'macos')['blocked']).toEqual([]);
    expect(r.diagnostics.find((d) => d.code === 'EFFECT_NOT_ENFORCED')).toMatchObject({ severity: 'warning' });
    const none = await compileWith('  macs:\n    macos: { supervised: false, minVersion: "27", removeApps: false }\n', 'block:\n  publishers: [{ id: tencent }]\n');
    expect(paths(none, 'macs')).toEqual([]);
  });

  it('a Mac app with no Team ID is not counted blocked where Santa cannot name it', async () => {
    const r = await compileWith('  macs:\n    macos: { minVersion: "14", maxVersion: "26", santa: true }\n', 'block:\n  apps: [{ id: acme-notes }, { id: qq }]\n');
    const mac = platformOf(r, 'macs', 'macos');
    expect(mac['blocked']).toEqual([{ identifier: 'com.tencent.qq', app: 'qq', name: 'QQ', publisher: 'tencent' }]);
    expect(mac['notEnforced']).toEqual([{ app: 'acme-notes', name: 'Acme Notes', why: 'not-enforced', identifier: 'com.acme.notes.mac', gap: 'no-team-id' }]);
  });

  it('a Mac app blocked only before 27 says on which Macs it is not enforced', async () => {
    const r = await compileWith('  macs:\n    macos: { minVersion: "15" }\n', 'block:\n  apps: [{ id: qq }]\n');
    expect(platformOf(r, 'macs', 'macos')['blocked']).toEqual([{ identifier: 'com.tencent.qq', app: 'qq', name: 'QQ', publisher: 'tencent', notOn: [{ devices: 'macOS 15–26 (supervised)', why: 'no-santa-before-27' }] }]);
  });
});

describe('a policy that blocks nothing does not compile silently', () => {
  it('warns FLEET_BLOCKS_NOTHING when every identifier it reaches is low-confidence', async () => {
    const r = await compileFiles({
      'policy.yaml': 'version: 1\nid: org.example.p\nname: P\napps:\n  - { id: x, name: X, confidence: low, ios: { bundleId: com.x.app } }\nfleets:\n  phones:\n    ios: {}\nblock:\n  apps: [{ id: x }]\n',
    });
    expect(located(r.diagnostics.filter((d) => d.code === 'FLEET_BLOCKS_NOTHING'))).toEqual(['policy.yaml:8:5 FLEET_BLOCKS_NOTHING']);
  });

  it('refuses an inline app with no identifier (a typo in an app id given a name) with INLINE_APP_NO_IDENTIFIER at its id', async () => {
    const r = await compileFiles({ 'policy.yaml': policy('block:\n  apps:\n    - { id: wechatt, name: WeChat }\n') });
    expect(codes(r.diagnostics, 'error')).toEqual(['INLINE_APP_NO_IDENTIFIER']);
    expect(located(r.diagnostics.filter((d) => d.code === 'INLINE_APP_NO_IDENTIFIER'))[0]).toMatch(/^policy\.yaml:\d+:13 INLINE_APP_NO_IDENTIFIER$/);
  });
});

describe('the Santa profile as Santa reads it', () => {
  it('escapes a reason\'s < and & in custom_msg, which Santa shows as HTML', async () => {
    const r = await compileWith('  macs:\n    macos: { minVersion: "14", santa: true }\n');
    expect(text(r, 'macs/macos/santa.mobileconfig')).toContain('<string>Sends data &amp;lt;abroad&amp;gt; &amp;amp; more</string>');
  });

  it('is scoped to the system (PayloadScope System), where santad reads its rules', async () => {
    const r = await compileWith('  macs:\n    macos: { minVersion: "14", santa: true }\n');
    expect(text(r, 'macs/macos/santa.mobileconfig')).toMatch(/<key>PayloadScope<\/key>\s*<string>System<\/string>/);
  });
});

describe('RemoveApplication on Macs', () => {
  it('writes one command per blocked Mac app by default, none with removeApps: false', async () => {
    const on = await compileWith('  macs:\n    macos: { minVersion: "27" }\n', 'block:\n  apps: [{ id: qq }]\n');
    expect(text(on, 'macs/macos/commands/remove-com.tencent.qq.plist')).toMatch(/<key>Identifier<\/key>\s*<string>com\.tencent\.qq<\/string>[\s\S]*<string>RemoveApplication<\/string>/);
    const off = await compileWith('  macs:\n    macos: { minVersion: "27", removeApps: false }\n', 'block:\n  apps: [{ id: qq }]\n');
    expect(paths(off, 'macs').some((p) => p.includes('/commands/remove-'))).toBe(false);
  });
});
