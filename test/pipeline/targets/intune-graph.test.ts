// Issue #17: the Intune bodies hold exactly what the other Apple artifacts block, the macOS payload
// is the Santa profile byte for byte, compiles are deterministic, and Graph's limits and the
// Android gap are diagnostics with the fleet's position.
import { describe, expect, it } from 'vitest';
import { compile, type Artifact, type CompileResult } from '../../../src/index.js';
import { MAX_INTUNE_APP_LIST } from '../../../src/pipeline/resolve/checks/intune-app-list-limit.js';
import { parsePlistXml } from '../../conformance/apple-schema.js';
import { compileFiles, located, TODAY } from '../../helpers/compile.js';
import { join, resolve } from 'node:path';

const golden = resolve(import.meta.dirname, '../../golden/intune-graph/apple-fleets');
const webGolden = resolve(import.meta.dirname, '../../golden/intune-graph/web-domains');
const text = (a: Artifact) => new TextDecoder().decode(a.bytes);
const find = (r: CompileResult, path: string) => {
  const a = r.artifacts.find((x) => x.path === path);
  expect(a, path).toBeDefined();
  return a!;
};

type AppItem = { appId: string };
type IosBody = { appsVisibilityList: AppItem[]; compliantAppsList: AppItem[]; appsVisibilityListType: string; compliantAppListType: string };

async function compileGolden(dir = golden): Promise<CompileResult> {
  const result = await compile(join(dir, 'policy.yaml'), { today: TODAY, displayBase: dir });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result;
}

describe('intune-graph target', () => {
  it('the hidden-apps and prohibited-apps lists equal the bundle IDs the fleet\'s iOS profile blocks', async () => {
    const result = await compileGolden();
    const profile = parsePlistXml(text(find(result, 'phones/ios/restrictions.mobileconfig'))) as { PayloadContent: { blockedAppBundleIDs?: string[] }[] };
    const blocked = profile.PayloadContent.flatMap((p) => p.blockedAppBundleIDs ?? []);
    expect(blocked.length).toBeGreaterThan(0);
    const body = JSON.parse(text(find(result, 'phones/intune/ios-device-restrictions.json'))) as IosBody;
    expect(body.appsVisibilityList.map((i) => i.appId)).toEqual(blocked);
    expect(body.compliantAppsList.map((i) => i.appId)).toEqual(blocked);
    // appListType: appsNotInListCompliant = "all apps are compliant except apps on the list".
    expect([body.appsVisibilityListType, body.compliantAppListType]).toEqual(['appsNotInListCompliant', 'appsNotInListCompliant']);
  });

  it('the macOS payload decodes to exactly the Santa profile\'s bytes', async () => {
    const result = await compileGolden();
    const santa = find(result, 'macs/macos/santa.mobileconfig');
    const body = JSON.parse(text(find(result, 'macs/intune/macos-santa.json'))) as { payload: string; payloadFileName: string };
    expect(Buffer.from(body.payload, 'base64').equals(Buffer.from(santa.bytes))).toBe(true);
    expect(body.payloadFileName).toBe('santa.mobileconfig');
  });

  it('writes nothing for a fleet without intune: true, and the same bytes on every compile', async () => {
    const [a, b] = [await compileGolden(), await compileGolden()];
    const intune = (r: CompileResult) => r.artifacts.filter((x) => x.path.includes('/intune/')).map((x) => [x.path, text(x)]);
    expect(intune(a).map(([p]) => p)).toEqual(['macs/intune/macos-santa.json', 'phones/intune/ios-device-restrictions.json']);
    expect(intune(b)).toEqual(intune(a));
  });

  it('the web bodies\' payloads decode to exactly the web content filter\'s and the Chrome profile\'s bytes', async () => {
    const result = await compileGolden(webGolden);
    for (const [fleet, body, profile, type] of [
      ['legacy', 'ios-web-content-filter', 'ios/web-content-filter.mobileconfig', 'iosCustomConfiguration'],
      ['current', 'ios-web-content-filter', 'ios/web-content-filter.mobileconfig', 'iosCustomConfiguration'],
      ['current', 'macos-chrome', 'macos/chrome.mobileconfig', 'macOSCustomConfiguration'],
    ] as const) {
      const carried = find(result, `${fleet}/${profile}`);
      const json = JSON.parse(text(find(result, `${fleet}/intune/${body}.json`))) as Record<string, string>;
      expect(json['@odata.type']).toBe(`#microsoft.graph.${type}`);
      expect(Buffer.from(json['payload']!, 'base64').equals(Buffer.from(carried.bytes)), `${fleet}/${body}`).toBe(true);
      expect(json['payloadFileName']).toBe(profile.slice(profile.indexOf('/') + 1));
      expect(json['payloadName']).toBe((parsePlistXml(text(carried)) as { PayloadDisplayName: string }).PayloadDisplayName);
    }
  });

  it('an unsupervised fleet, which gets no web content filter, and Macs without chrome get no web body', async () => {
    const [a, b] = [await compileGolden(webGolden), await compileGolden(webGolden)];
    const intune = (r: CompileResult) => r.artifacts.filter((x) => x.path.includes('/intune/')).map((x) => [x.path, text(x)]);
    expect(intune(a).map(([p]) => p).sort()).toEqual([
      'byod/intune/ios-device-restrictions.json',
      'current/intune/ios-device-restrictions.json',
      'current/intune/ios-web-content-filter.json',
      'current/intune/macos-chrome.json',
      'current/intune/macos-santa.json',
      'legacy/intune/ios-device-restrictions.json',
      'legacy/intune/ios-web-content-filter.json',
    ]);
    expect(a.artifacts.some((x) => x.path.startsWith('byod/ios/web-content-filter'))).toBe(false);
    expect(intune(b)).toEqual(intune(a));
  });

  it('INTUNE_APP_LIST_LIMIT names the fleet and the count, at the fleet\'s intune key', async () => {
    const apps = Array.from({ length: MAX_INTUNE_APP_LIST + 1 }, (_, i) => `    - { id: app-${i}, name: App ${i}, ios: { bundleId: com.example.app${i} } }`);
    const policy = ['version: 1', 'id: org.example.big', 'name: Big', 'block:', '  apps:', ...apps, 'fleets:', '  phones:', '    ios: { supervised: true }', '    intune: true', ''].join('\n');
    const result = await compileFiles({ 'policy.yaml': policy });
    const limit = result.diagnostics.filter((d) => d.code === 'INTUNE_APP_LIST_LIMIT');
    expect(located(limit)).toEqual([`policy.yaml:${apps.length + 9}:5 INTUNE_APP_LIST_LIMIT`]);
    expect(limit[0]!.message).toContain('"phones"');
    expect(limit[0]!.message).toContain(String(MAX_INTUNE_APP_LIST + 1));
    expect(result.ok).toBe(false);
  }, 60_000);

  it('INTUNE_ANDROID_MANUAL tells an Android fleet with intune: true what to do, per ownership mode', async () => {
    const policy = (mode: string) =>
      ['version: 1', 'id: org.example.a', 'name: A', 'block:', '  apps:', '    - { id: x, name: X, android: { package: com.example.x } }', 'fleets:', '  droids:', '    intune: true', `    android: { mode: ${mode} }`, ''].join('\n');
    for (const [mode, says] of [
      ['fully-managed', 'Uninstall'],
      ['company-owned-work-profile', 'Personal profile > Type of restricted apps list: Blocked apps'],
      ['personally-owned-work-profile', 'cannot block apps in the personal profile'],
    ] as const) {
      const result = await compileFiles({ 'policy.yaml': policy(mode) });
      const manual = result.diagnostics.filter((d) => d.code === 'INTUNE_ANDROID_MANUAL');
      expect(located(manual)).toEqual(['policy.yaml:9:5 INTUNE_ANDROID_MANUAL']);
      expect(manual[0]!.message).toContain(says);
      expect(result.artifacts.some((a) => a.path.includes('/intune/'))).toBe(false);
    }
  });

  it('INTUNE_ANDROID_MANUAL adds the Chrome app configuration step only when the fleet blocks web domains', async () => {
    const policy = (webDomains: boolean) =>
      [
        'version: 1', 'id: org.example.a', 'name: A', `options: { blockWebDomains: ${webDomains} }`, 'apps:',
        '  - { id: x, name: X, android: { package: com.example.x }, domains: [{ value: x.example, sources: [{ text: X on the web, url: "https://x.example/" }] }] }',
        'block:', '  apps: [{ id: x }]', 'fleets:', '  droids:', '    intune: true', '    android: { mode: fully-managed }', '',
      ].join('\n');
    for (const [webDomains, says] of [[true, true], [false, false]] as const) {
      const result = await compileFiles({ 'policy.yaml': policy(webDomains) });
      const manual = result.diagnostics.filter((d) => d.code === 'INTUNE_ANDROID_MANUAL');
      expect(located(manual)).toEqual(['policy.yaml:11:5 INTUNE_ANDROID_MANUAL']);
      expect(manual[0]!.message.includes('For its 1 blocked web domain: '), `blockWebDomains: ${webDomains}`).toBe(says);
      expect(manual[0]!.message.includes('"Block access to a list of URLs" (URLBlocklist)')).toBe(says);
    }
  });
});
