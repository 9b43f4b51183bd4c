import { describe, expect, it } from 'vitest';
import type { Artifact, CompileResult } from '../../../src/index.js';
import { DiagnosticBag } from '../../../src/common/diagnostics/diagnostic.js';
import { checkEffect } from '../../../src/pipeline/verify/effect/check.js';
import { EFFECT_MODELS } from '../../../src/pipeline/verify/effect/models.js';
import { WEB_MODELS } from '../../../src/pipeline/verify/effect/web/models.js';
import { appleDenies, chromeBlocks } from '../../../src/pipeline/verify/effect/web/facts.js';
import { codes, compileFiles, located } from '../../helpers/compile.js';
import { summarize } from '../../../src/output-folder/plan-json.js';
import { webView } from '../../../src/pipeline/report/web-view.js';
import { explain } from '../../../src/features/explain/explain.js';

/**
 * Issue #21: catalogued web domains blocked in managed browsers. What a rule reaches, what it
 * leaves out (shared, low confidence, exceptions, webDomains: false), the base policy's Chrome
 * configuration kept, and the effect check reading the bytes back.
 */

const CATALOG = `
publishers:
  - id: acme
    name: Acme
    domains:
      - { value: cloud.acme.example, sources: [{ text: sign-in page, url: "https://cloud.acme.example/" }] }
      - { value: cdn.acme.example, shared: true, sources: [{ text: CDN, url: "https://cdn.acme.example/" }] }
      - { value: beta.acme.example, confidence: low, sources: [{ text: forum post, url: "https://forum.example/" }] }
  - id: globex
    name: Globex
    domains:
      - { value: globex.example, sources: [{ text: home page, url: "https://globex.example/" }] }
apps:
  - id: acme-drive
    name: Acme Drive
    publisher: acme
    ios: { bundleId: com.acme.drive }
    android: { package: com.acme.drive }
    domains:
      - { value: drive.acme.example, sources: [{ text: web app, url: "https://drive.acme.example/" }] }
  - id: globex-mail
    name: Globex Mail
    publisher: globex
    android: { package: com.globex.mail }
    domains:
      - { value: mail.globex.example, sources: [{ text: web mail, url: "https://mail.globex.example/" }] }
`;

const policy = (body: string, options = 'options: { blockWebDomains: true }\n') => `version: 1\nid: org.example.web\nname: Web\n${options}${CATALOG}\n${body}`;
const FLEETS = 'fleets:\n  f:\n    ios: { minVersion: "17" }\n    android: { mode: fully-managed }\n';
const text = (r: CompileResult, path: string) => new TextDecoder().decode(r.artifacts.find((a) => a.path === path)!.bytes);
const blocked = (r: CompileResult, fleet = 'f') => r.plan!.fleets.find((x) => x.id === fleet)!.web?.blocked.map((d) => d.domain);

describe('which domains a fleet blocks', () => {
  it('a publisher rule reaches its own and its apps\' domains, never a shared or low-confidence one', async () => {
    const r = await compileFiles({ 'p.yaml': policy(`${FLEETS}block:\n  publishers: [{ id: acme }]\n`) });
    expect(codes(r.diagnostics, 'error')).toEqual([]);
    expect(blocked(r)).toEqual(['cloud.acme.example', 'drive.acme.example']);
    const web = r.plan!.fleets[0]!.web!;
    expect(web.notEnforced.map((n) => `${n.domain} ${n.why}`)).toEqual(['beta.acme.example low-confidence', 'cdn.acme.example shared']);
    expect(web.blocked[0]!.because[0]).toMatchObject({ rule: 'publisher', ruleId: 'acme', via: ['acme'] });
  });

  it('is off by default: without blockWebDomains no fleet has web domains and no filter is written', async () => {
    const r = await compileFiles({ 'p.yaml': policy(`${FLEETS}block:\n  publishers: [{ id: acme }]\n`, '') });
    expect(r.plan!.fleets[0]!.web).toBeUndefined();
    expect(r.artifacts.map((a) => a.path).filter((p) => p.includes('web') || p.includes('chrome'))).toEqual([]);
    expect(text(r, 'f/android/policy.json')).not.toContain('com.android.chrome');
  });

  it('a rule\'s webDomains overrides the option either way', async () => {
    const on = await compileFiles({ 'p.yaml': policy(`${FLEETS}block:\n  apps: [{ id: globex-mail, webDomains: true }]\n`, '') });
    expect(blocked(on)).toEqual(['mail.globex.example']);
    const off = await compileFiles({ 'p.yaml': policy(`${FLEETS}block:\n  publishers: [{ id: acme }, { id: globex, webDomains: false }]\n`) });
    expect(blocked(off)).toEqual(['cloud.acme.example', 'drive.acme.example']);
  });

  it('exceptions apply to domains as to apps: an app exception its app\'s, a publisher exception the publisher\'s', async () => {
    const r = await compileFiles({ 'p.yaml': policy(`${FLEETS}block:\n  publishers: [{ id: acme }, { id: globex }]\nallow:\n  - app: acme-drive\n  - publisher: globex\n`) });
    expect(blocked(r)).toEqual(['cloud.acme.example']);
    const allowed = r.plan!.fleets[0]!.web!.notEnforced.filter((n) => n.why === 'allowed').map((n) => `${n.domain} ${n.exception!.kind} ${n.exception!.id}`);
    expect(allowed).toEqual(['drive.acme.example app acme-drive', 'globex.example publisher globex', 'mail.globex.example publisher globex']);
  });

  it('a malformed domain is refused where it is written', async () => {
    const bad = CATALOG.replace('value: globex.example', 'value: https://globex.example/');
    const r = await compileFiles({ 'p.yaml': `version: 1\nid: org.example.web\nname: Web\n${bad}\nblock:\n  publishers: [{ id: globex }]\n` });
    expect(located(r.diagnostics.filter((d) => d.code === 'MALFORMED_DOMAIN')).map((l) => l.replace(/^.*p\.yaml/, 'p.yaml'))).toEqual(['p.yaml:15:18 MALFORMED_DOMAIN']);
  });
});

describe('what the platforms get', () => {
  it('iOS: a web content filter profile with DenyListURLs, both schemes per domain; Android: Chrome\'s URLBlocklist as JSON text', async () => {
    const r = await compileFiles({ 'p.yaml': policy(`${FLEETS}block:\n  publishers: [{ id: acme }]\n`) });
    const ios = text(r, 'f/ios/web-content-filter.mobileconfig');
    expect(ios).toContain('<string>com.apple.webcontent-filter</string>');
    expect(ios).toContain('<key>FilterType</key>\n\t\t\t\t<string>BuiltIn</string>');
    expect([...ios.matchAll(/<string>(https?:\/\/[^<]+)<\/string>/g)].map((m) => m[1])).toEqual(['http://cloud.acme.example', 'https://cloud.acme.example', 'http://drive.acme.example', 'https://drive.acme.example']);
    expect(ios).not.toContain('BlacklistedURLs');
    const android = JSON.parse(text(r, 'f/android/policy.json')) as { applications: { packageName: string; managedConfiguration?: { URLBlocklist: string } }[] };
    const chrome = android.applications.find((a) => a.packageName === 'com.android.chrome')!;
    expect(JSON.parse(chrome.managedConfiguration!.URLBlocklist)).toEqual(['cloud.acme.example', 'drive.acme.example']);
    // Without a base, the modify body leaves Chrome alone: a change would replace a configuration nobody has seen.
    expect(text(r, 'f/android/modify-policy-applications.json')).not.toContain('com.android.chrome');
  });

  it('iOS: a two-label domain is also denied with its www. host (Apple does not match subdomains)', async () => {
    const r = await compileFiles({ 'p.yaml': policy(`${FLEETS}block:\n  publishers: [{ id: globex }]\n`) });
    const ios = text(r, 'f/ios/web-content-filter.mobileconfig');
    expect([...ios.matchAll(/<string>(https?:\/\/[^<]+)<\/string>/g)].map((m) => m[1])).toEqual([
      'http://globex.example', 'https://globex.example', 'http://www.globex.example', 'https://www.globex.example', 'http://mail.globex.example', 'https://mail.globex.example',
    ]);
  });

  it('an unsupervised iOS fleet gets no filter profile and a stated gap; a Mac fleet without chrome likewise', async () => {
    const r = await compileFiles({ 'p.yaml': policy('fleets:\n  byod:\n    ios: { supervised: false }\n    macos: {}\nblock:\n  publishers: [{ id: acme }]\n') });
    expect(r.artifacts.map((a) => a.path).filter((p) => p.includes('web') || p.includes('chrome'))).toEqual([]);
    const messages = r.diagnostics.filter((d) => d.code === 'EFFECT_NOT_ENFORCED').map((d) => d.message).join('\n');
    expect(messages).toMatch(/web-unsupervised: not blocked on iOS 15–27 \(unsupervised\): cloud\.acme\.example, drive\.acme\.example/);
    expect(messages).toMatch(/web-no-browser-channel: not blocked on macOS 14–27/);
  });

  it('a Mac fleet with chrome gets a com.google.Chrome profile with URLBlocklist', async () => {
    const r = await compileFiles({ 'p.yaml': policy('fleets:\n  macs:\n    macos: { chrome: true }\nblock:\n  publishers: [{ id: acme }]\n') });
    const mac = text(r, 'macs/macos/chrome.mobileconfig');
    expect(mac).toContain('<string>com.google.Chrome</string>');
    expect(mac).toMatch(/<key>URLBlocklist<\/key>\s*<array>\s*<string>cloud\.acme\.example<\/string>\s*<string>drive\.acme\.example<\/string>/);
    expect(codes(r.diagnostics)).not.toContain('EFFECT_MISMATCH');
  });
});

describe('a base policy\'s Chrome configuration', () => {
  const withBase = (base: object) =>
    compileFiles({ 'p.yaml': policy('fleets:\n  f:\n    android: { mode: fully-managed, basePolicy: b.json }\nblock:\n  publishers: [{ id: acme }]\n'), 'b.json': JSON.stringify(base, null, 2) });
  const chromeBase = (config: object) => ({ playStoreMode: 'BLACKLIST', applications: [{ packageName: 'com.android.chrome', installType: 'FORCE_INSTALLED', managedConfiguration: config }] });

  it('survives the overlay: other keys and installType kept, its blocklist kept in its form, ours appended', async () => {
    const r = await withBase(chromeBase({ HomepageLocation: 'https://intranet.example/', URLBlocklist: ['games.example'], URLAllowlist: ['intranet.example'] }));
    expect(codes(r.diagnostics, 'error')).toEqual([]);
    const policyJson = JSON.parse(text(r, 'f/android/policy.json')) as { applications: Record<string, unknown>[] };
    expect(policyJson.applications[0]).toEqual({
      packageName: 'com.android.chrome',
      installType: 'FORCE_INSTALLED',
      managedConfiguration: { HomepageLocation: 'https://intranet.example/', URLBlocklist: ['games.example', 'cloud.acme.example', 'drive.acme.example'], URLAllowlist: ['intranet.example'] },
    });
    const modify = JSON.parse(text(r, 'f/android/modify-policy-applications.json')) as { changes: Record<string, unknown>[] };
    expect(modify.changes.at(-1)).toEqual({ application: { packageName: 'com.android.chrome', managedConfiguration: (policyJson.applications[0] as { managedConfiguration: unknown }).managedConfiguration }, updateMask: 'managedConfiguration' });
  });

  it('a URLAllowlist entry that reopens a blocked domain is ANDROID_BASE_CHROME_ALLOWLIST at the entry', async () => {
    const r = await withBase(chromeBase({ URLAllowlist: ['intranet.example', 'acme.example'] }));
    const found = r.diagnostics.filter((d) => d.code === 'ANDROID_BASE_CHROME_ALLOWLIST');
    expect(found.map((d) => `${d.line}:${d.col} ${d.severity}`)).toEqual(['10:11 error']);
    expect(found[0]!.message).toMatch(/"acme\.example" .* applications\[0\]\.managedConfiguration\.URLAllowlist\[1\]/);
  });

  it('a URLBlocklist that is no list of strings is ANDROID_BASE_CHROME_CONFIG', async () => {
    const r = await withBase(chromeBase({ URLBlocklist: 'games.example' }));
    expect(located(r.diagnostics.filter((d) => d.severity === 'error')).map((l) => l.replace(/^.*b\.json/, 'b.json'))).toEqual(['b.json:8:25 ANDROID_BASE_CHROME_CONFIG']);
  });
});

describe('the effect check reads the web artifacts back', () => {
  async function recheck(edit: (path: string, text: string) => string): Promise<string[]> {
    const r = await compileFiles({ 'p.yaml': policy(`${FLEETS}block:\n  publishers: [{ id: acme }]\nallow:\n  - app: acme-drive\n`) });
    expect(codes(r.diagnostics, 'error')).toEqual([]);
    const changed: Artifact[] = r.artifacts.map((a) => ({ ...a, bytes: new TextEncoder().encode(edit(a.path, new TextDecoder().decode(a.bytes))) }));
    const bag = new DiagnosticBag();
    checkEffect(r.plan!, changed, EFFECT_MODELS, bag, WEB_MODELS);
    return bag.items.filter((d) => d.code === 'EFFECT_MISMATCH').map((d) => d.message);
  }

  it('passes the artifacts as compiled', async () => {
    expect(await recheck((_p, t) => t)).toEqual([]);
  });

  it('finds a blocked domain missing from DenyListURLs (one scheme is not enough)', async () => {
    const found = await recheck((p, t) => (p.endsWith('web-content-filter.mobileconfig') ? t.replace('<string>http://cloud.acme.example</string>', '') : t));
    expect(found.join('\n')).toMatch(/iOS 17, supervised: cloud\.acme\.example is blocked by the policy but no artifact blocks it there/);
  });

  it('finds an allowed domain Chrome blocks, and a domain the policy never blocks', async () => {
    const found = await recheck((p, t) => (p.endsWith('policy.json') ? t.replace('[\\"cloud.acme.example\\"]', '[\\"cloud.acme.example\\",\\"drive.acme.example\\",\\"cdn.acme.example\\"]') : t));
    expect(found.join('\n')).toMatch(/drive\.acme\.example is allowed by an exception but .*policy\.json has it blocked-in-browser/);
    expect(found.join('\n')).toMatch(/cdn\.acme\.example is not blocked by the policy but .*policy\.json has it blocked-in-browser/);
  });
});

describe('the models\' matching rules', () => {
  it('Apple matches an entry as the root of the URL, scheme included, subdomains not', () => {
    expect(appleDenies(['http://a.example', 'https://a.example'], 'a.example')).toBe(true);
    expect(appleDenies(['https://a.example'], 'a.example')).toBe(false);
    expect(appleDenies(['http://example', 'https://example'], 'example.com')).toBe(false);
    expect(appleDenies(['http://a.example', 'https://a.example'], 'www.a.example')).toBe(false);
  });

  it('Chrome: a host blocks its subdomains, a leading dot only itself, the longest host match wins and the allowlist wins a tie', () => {
    expect(chromeBlocks(['a.example'], [], 'www.a.example')).toBe(true);
    expect(chromeBlocks(['.a.example'], [], 'www.a.example')).toBe(false);
    expect(chromeBlocks(['a.example'], ['www.a.example'], 'www.a.example')).toBe(false);
    expect(chromeBlocks(['www.a.example'], ['a.example'], 'www.a.example')).toBe(true);
    expect(chromeBlocks(['a.example'], ['a.example'], 'a.example')).toBe(false);
    expect(chromeBlocks(['*'], ['a.example'], 'a.example')).toBe(false);
  });
});

describe('the shipped default policy (issue #21, done when)', () => {
  const repo = new URL('../../..', import.meta.url).pathname;
  it('blocks pan.baidu.com and weiyun.com in the iOS filter and in Chrome, and explain names the rule', async () => {
    const { compile, explain } = await import('../../../src/index.js');
    const r = await compile(`${repo}policies/clean-network.yaml`, { today: '2026-11-28', displayBase: repo });
    expect(codes(r.diagnostics, 'error')).toEqual([]);
    const ios = text(r, 'default/ios/web-content-filter.mobileconfig');
    for (const url of ['https://pan.baidu.com', 'http://pan.baidu.com', 'https://weiyun.com', 'https://www.weiyun.com']) expect(ios).toContain(`<string>${url}</string>`);
    const android = JSON.parse(text(r, 'default/android/policy.json')) as { applications: { packageName: string; managedConfiguration?: { URLBlocklist: string } }[] };
    const list = JSON.parse(android.applications.find((a) => a.packageName === 'com.android.chrome')!.managedConfiguration!.URLBlocklist) as string[];
    expect(list).toEqual(expect.arrayContaining(['pan.baidu.com', 'weiyun.com']));
    // Shared domains and the Clean Store rules' domains stay out.
    for (const d of ['baidu.com', 'qq.com', 'tiktok.com', 'appgallery.huawei.com']) expect(list).not.toContain(d);
    const answer = explain(r.plan!, 'pan.baidu.com');
    expect(answer.answers).toHaveLength(1);
    const domain = answer.answers[0]!;
    expect(domain.kind).toBe('domain');
    if (domain.kind !== 'domain') return;
    expect(domain.fleets[0]).toMatchObject({ fleet: 'default', status: 'blocked' });
    expect(domain.fleets[0]!.reasons.map((c) => `${c.rule.kind} ${c.rule.id}`)).toEqual(['publisher baidu']);
  });
});

describe('a base that is an allowlist', () => {
  it('without a Chrome entry: ANDROID_BASE_CHROME_ADDED, a warning at playStoreMode, and Chrome gets an entry', async () => {
    const base = { playStoreMode: 'WHITELIST', applications: [{ packageName: 'com.example.intranet', installType: 'FORCE_INSTALLED' }] };
    const r = await compileFiles({ 'p.yaml': policy('fleets:\n  f:\n    android: { mode: fully-managed, basePolicy: b.json }\nblock:\n  publishers: [{ id: acme }]\n'), 'b.json': JSON.stringify(base, null, 2) });
    expect(r.diagnostics.filter((d) => d.code === 'ANDROID_BASE_CHROME_ADDED').map((d) => `${d.line}:${d.col} ${d.severity}`)).toEqual(['2:20 warning']);
    expect(text(r, 'f/android/policy.json')).toContain('"packageName": "com.android.chrome"');
  });
});

describe('a platform with no device classes: plan.json, the report and explain agree (uncoveredClasses)', () => {
  // iOS 19-25 were never released (iOS 18 was followed by 26), so this fleet declares no device class.
  const NO_CLASSES = 'fleets:\n  f:\n    ios: { supervised: false, minVersion: "19", maxVersion: "25" }\nblock:\n  publishers: [{ id: acme }]\n';

  it('plan.json: the domain is not on iOS at all, and the unsupervised app is not enforced rather than blocked', async () => {
    const r = await compileFiles({ 'p.yaml': policy(NO_CLASSES) });
    expect(codes(r.diagnostics, 'error')).toEqual([]);
    const fleet = summarize(r.plan!).fleets[0]!;
    expect(fleet.web!.blocked.find((d) => d.domain === 'cloud.acme.example')!.notOn).toEqual([{ platform: 'ios', devices: 'all', why: 'web-unsupervised' }]);
    expect(fleet.platforms.ios!.blocked).toEqual([]);
    expect(fleet.platforms.ios!.notEnforced).toEqual([{ app: 'acme-drive', name: 'Acme Drive', why: 'not-enforced', identifier: 'com.acme.drive', gap: 'unsupervised' }]);
  });

  it("the report's web view: not on iOS, in the words it uses when a gap covers every class", async () => {
    const r = await compileFiles({ 'p.yaml': policy(NO_CLASSES) });
    expect(webView(r.plan!)!.fleets[0]!.rows.find((row) => row.domain === 'cloud.acme.example')!.where).toBe('iOS / iPadOS: not on unsupervised devices');
  });

  it('explain <domain>: not blocked on iOS / iPadOS (no empty device list)', async () => {
    const r = await compileFiles({ 'p.yaml': policy(NO_CLASSES) });
    const answer = explain(r.plan!, 'cloud.acme.example').answers[0]!;
    if (answer.kind !== 'domain') throw new Error(`expected a domain answer, got ${answer.kind}`);
    expect(answer.fleets[0]!.platforms).toEqual([{ platform: 'ios', blocked: false, gap: { why: 'web-unsupervised', devices: 'iOS / iPadOS' } }]);
  });

  it('with device classes the three still name them (iOS 17-18 unsupervised)', async () => {
    const r = await compileFiles({ 'p.yaml': policy(NO_CLASSES.replace('minVersion: "19", maxVersion: "25"', 'minVersion: "17", maxVersion: "18"')) });
    expect(summarize(r.plan!).fleets[0]!.web!.blocked[0]!.notOn).toEqual([{ platform: 'ios', devices: 'all', why: 'web-unsupervised' }]);
    expect(webView(r.plan!)!.fleets[0]!.rows[0]!.where).toBe('iOS / iPadOS: not on unsupervised devices');
    const answer = explain(r.plan!, 'cloud.acme.example').answers[0]!;
    if (answer.kind !== 'domain') throw new Error(`expected a domain answer, got ${answer.kind}`);
    expect(answer.fleets[0]!.platforms[0]!.gap).toEqual({ why: 'web-unsupervised', devices: 'iOS 17–18 (unsupervised)' });
  });
});
