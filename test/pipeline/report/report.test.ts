import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, type Artifact } from '../../../src/index.js';
import { audit } from '../../../src/features/audit/audit.js';
import { auditHtml } from '../../../src/features/audit/html.js';
import { findDeprecatedKeys } from '../../../src/pipeline/report/deprecated-keys.js';
import { IMPORT_GUIDES, NOT_IMPORTED_KINDS } from '../../../src/pipeline/report/import-guide.js';
import { escapeMarkdownText } from '../../../src/pipeline/report/markdown.js';
import { buildReportModel } from '../../../src/pipeline/report/model.js';
import { renderHtml, renderMarkdown, reportStyle } from '../../../src/pipeline/report/render.js';
import { compileReportTemplates, reportTemplatesDir as templatesDir } from '../../../src/build/templates.js';
import { joinBytes } from '../../../src/pipeline/report/rows.js';
import { safeHref } from '../../../src/pipeline/report/safe-url.js';
import { repoRoot } from '../../helpers/cli.js';
import { compileFiles, TODAY } from '../../helpers/compile.js';
import { expectGolden } from '../../helpers/golden.js';

const goldenDir = join(import.meta.dirname, 'golden');
const fleetsPolicy = join(goldenDir, 'fleets', 'policy.yaml');
const text = (a: Artifact | undefined) => new TextDecoder().decode(a!.bytes);
const reportOf = (artifacts: readonly Artifact[], path: 'report.html' | 'report.md') => text(artifacts.find((a) => a.path === path));

describe('report: golden', () => {
  for (const name of readdirSync(goldenDir)) {
    it(name, async () => {
      // Compiled from the repository root: the report still names files relative to the policy.
      const result = await compile(join(goldenDir, name, 'policy.yaml'), { today: TODAY, displayBase: repoRoot });
      expect(result.ok).toBe(true);
      expectGolden(join(goldenDir, name, 'expected'), result.artifacts.filter((a) => a.kind === 'report-html' || a.kind === 'report-md'));
    });
  }
});

describe('report: content', () => {
  it('is the same bytes whichever folder the compile runs from', async () => {
    const a = await compile(fleetsPolicy, { today: TODAY, displayBase: repoRoot });
    const b = await compile(fleetsPolicy, { today: TODAY, displayBase: goldenDir });
    expect(reportOf(a.artifacts, 'report.html')).toBe(reportOf(b.artifacts, 'report.html'));
    expect(reportOf(a.artifacts, 'report.md')).toBe(reportOf(b.artifacts, 'report.md'));
  });

  it('shows a blocked-apps list of up to 25 rows open, and folds a longer one under its count', async () => {
    const policyWith = (n: number) => {
      const apps = Array.from({ length: n }, (_, i) => `  - { id: app${i}, name: App ${i}, android: { package: com.example.app${i} } }`).join('\n');
      return { 'p.yaml': `version: 1\nid: org.example.fold\nname: Fold\napps:\n${apps}\nfleets:\n  f:\n    android: { mode: fully-managed }\nblock:\n  apps: [${Array.from({ length: n }, (_, i) => `{ id: app${i} }`).join(', ')}]\n` };
    };
    const summaryOf = async (n: number) => {
      const html = reportOf((await compileFiles(policyWith(n))).artifacts, 'report.html');
      return /<details class="list"( open)?>\n<summary><h4>Blocked apps \((\d+)\)/.exec(html)!.slice(1);
    };
    expect(await summaryOf(25)).toEqual([' open', '25']);
    expect(await summaryOf(26)).toEqual([undefined, '26']);
  });

  it('escapes every value from the YAML in the HTML and links only http(s) URLs', async () => {
    const html = reportOf((await compile(fleetsPolicy, { today: TODAY })).artifacts, 'report.html');
    expect(html).not.toContain("<script>alert('x')</script>");
    expect(html).toContain('WeChat &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;');
    expect(html).toContain('Example &lt;Agency&gt; blocklist');
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(10);
    for (const href of hrefs) expect(href, href).toMatch(/^(#[a-z0-9-]+|https?:\/\/)/);
    expect(html).toContain('href="https://example.gov/orders/2020-06?a&#x3D;1&amp;b&#x3D;2"');
    // The javascript: reference is shown as text, not linked.
    expect(html).toContain('javascript:alert(1)');
    expect(hrefs.some((h) => h.startsWith('javascript'))).toBe(false);
    // Only the two inline blocks, each allowed by its hash; nothing loads from the network.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.replaceAll('&#x3D;', '=')).toMatch(/Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(html).not.toMatch(/(src|href)="\/\//);
  });

  it('escapes Markdown markup in values, so a name cannot become a link, a table cell break or HTML', async () => {
    const md = reportOf((await compile(fleetsPolicy, { today: TODAY })).artifacts, 'report.md');
    expect(md).toContain('WeChat \\<script\\>alert(\'x\')\\</script\\>');
    expect(md).toContain('Tencent \\| Holdings');
    expect(md).toContain('\\*Not\\* a \\*\\*real\\*\\* list');
    expect(md).toContain('[Order 2020/06 \\<blocking\\> apps](<https://example.gov/orders/2020-06?a=1&b=2>)');
    expect(md).not.toContain('](<javascript');
    expect(escapeMarkdownText('- [x](y) | `z`\nnext')).toBe('\\- \\[x\\](y) \\| \\`z\\` next');
    expect(escapeMarkdownText('1. one')).toBe('1\\. one');
  });

  it('says per fleet and platform what is blocked, why, and what the platform needs', async () => {
    const md = reportOf((await compile(fleetsPolicy, { today: TODAY })).artifacts, 'report.md');
    const byodIos = section(md, '### iOS / iPadOS (fleet byod)');
    expect(byodIos).toContain('marked unsupervised');
    // The row cites its rule by marker and names only what lies between the rule and the app.
    expect(byodIos).toContain('- TikTok (tiktok), TikTok Pte. Ltd.: com.zhiliaoapp.musically; App Store 835599320 — [R1](#rule-1) via TikTok Pte. Ltd.\n');
    // Unsupervised: no restrictions profile (it would block nothing), only the removal commands (issue #13).
    expect(byodIos).not.toContain('byod/ios/restrictions.mobileconfig');
    expect(byodIos).toContain('RemoveApplication');
    expect(section(md, '### Android (fleet byod)')).toContain('only the work profile can be controlled');
    expect(section(md, '### Android (fleet corporate)')).toContain('- Allowed by an exception (1):\n  - CapCut (capcut): app capcut until 2099-12-31\n');
    const macos = section(md, '### macOS (fleet corporate)');
    expect(macos).toContain('Santa must be installed on the Macs');
    expect(macos).toContain('- corporate/macos/santa.mobileconfig: Configuration profile (unsigned)');
    const noSanta = await compileFiles({ 'policy.yaml': readFileSync(fleetsPolicy, 'utf8').replace('santa: true', 'santa: false\n      maxVersion: "26"') });
    const bare = section(reportOf(noSanta.artifacts, 'report.md'), '### macOS (fleet corporate)');
    expect(bare).toContain('Nothing blocks apps on Macs before macOS 27 in this fleet');
    // Only RemoveApplication (managed apps, macOS 11+) acts on these Macs (issue #13).
    expect(bare).not.toContain('santa.mobileconfig');
    expect(bare).toContain('RemoveApplication');
    expect(section(md, '## Expired exceptions')).toMatch(/- app lemon8 \(fleets byod, corporate\), until 2020-01-01 \(policy\.yaml:\d+:\d+\)/);
    expect(section(md, '## Apps that cannot be enforced')).toContain('- SHAREit (shareit): iOS / iPadOS; fleets byod, corporate\n');
  });

  it('sums up each fleet and platform: blocked, not enforced and why, what to import', async () => {
    const md = reportOf((await compile(fleetsPolicy, { today: TODAY })).artifacts, 'report.md');
    const summary = section(md, '## Summary');
    expect(summary).toContain(
      '- **Fleet corporate, [iOS / iPadOS](#fleet-corporate-ios)**: 3 apps blocked; publishers blocked by Team ID: —; not enforced: 1: no bundle ID in the catalog; 1: allowed by an exception; import: [install-restrictions.plist](#import-apple-command), [3 RemoveApplication commands](#import-apple-command), [2 files: DDM declaration (JSON)](#import-apple-declaration), [restrictions.mobileconfig](#import-apple-profile).',
    );
    expect(summary).toContain('**Fleet corporate, [macOS](#fleet-corporate-macos)**: 1 app blocked; publishers blocked by Team ID: 0;');
    // Without a macOS fleet there is no Team ID to speak of.
    const noMac = await compileFiles({ 'policy.yaml': readFileSync(fleetsPolicy, 'utf8').replace('    macos:\n      santa: true\n', '') });
    expect(noMac.ok).toBe(true);
    expect(noMac.plan!.fleets.some((f) => f.macos)).toBe(false);
    const html = reportOf(noMac.artifacts, 'report.html');
    expect(html).not.toContain('Team ID</th>');
    expect(reportOf(noMac.artifacts, 'report.md')).not.toContain('publishers blocked by Team ID');
  });

  it('lists each rule and each source once, and rows cite them by marker', async () => {
    const { artifacts } = await compile(fleetsPolicy, { today: TODAY });
    const html = reportOf(artifacts, 'report.html');
    const md = reportOf(artifacts, 'report.md');
    expect(count(html, 'href="https://example.gov/orders/2020-06?a&#x3D;1&amp;b&#x3D;2"')).toBe(1);
    expect(count(html, 'javascript:alert(1)')).toBe(1);
    expect(count(md, '(<https://example.gov/orders/2020-06?a=1&b=2>)')).toBe(1);
    expect(count(md, 'Listed by the order')).toBe(1);
    expect(section(md, '## Rules and sources')).toContain('- <a id="rule-1"></a>**R1** publisher rule "bytedance" (ByteDance Ltd.) (policy.yaml:70:7): Listed by the order [\\[1\\]](#ref-1)\n');
    // Every marker a row cites is defined once.
    for (const [, anchor] of html.matchAll(/href="#((?:rule|ref)-\d+)"/g)) expect(count(html, `id="${anchor}"`), anchor).toBe(1);
  });

  it('lists apps by name, not by identifier', async () => {
    const md = reportOf((await compile(fleetsPolicy, { today: TODAY })).artifacts, 'report.md');
    const rows = [...section(md, '### Android (fleet corporate)').matchAll(/^- (.+?) \([\w-]+\)[,:] .*—/gm)];
    expect(rows.map((r) => r[1])).toEqual(['SHAREit', 'TikTok', "WeChat \\<script\\>alert('x')\\</script\\>"]);
    const ios = reportOf((await compile(fleetsPolicy, { today: TODAY })).artifacts, 'report.html');
    expect(ios.indexOf('>Lemon8 <')).toBeLessThan(ios.indexOf('>TikTok <'));
  });

  it('says when an Android base policy is kept as an allowlist, naming the base relative to the policy', async () => {
    const base = { playStoreMode: 'WHITELIST', applications: [{ packageName: 'com.example.mail', installType: 'FORCE_INSTALLED' }] };
    const result = await compile(fleetsPolicy, { today: TODAY, displayBase: repoRoot, basePolicies: { corporate: base } });
    expect(result.ok).toBe(true);
    const md = reportOf(result.artifacts, 'report.md');
    const android = section(md, '### Android (fleet corporate)');
    expect(android).toMatch(/Laid onto the existing policy .+: its other fields are kept/);
    expect(android).toContain('is an allowlist (playStoreMode WHITELIST) and stays one');
    // The overlay has its own import instructions, not a pointer to the documentation.
    expect(android).toContain('- corporate/android/policy.json: Android Management API Policy: the base policy with the blocklist laid onto it ([how to import](#import-amapi-policy-overlay))');
    expect(section(md, '## Import guide')).toContain('<a id="import-amapi-policy-overlay"></a>');
    expect(md).not.toContain('See the documentation of the target');
  });

  it('lists low-confidence identifiers whether or not they are blocked', async () => {
    const base = readFileSync(fleetsPolicy, 'utf8');
    const off = reportOf((await compile(fleetsPolicy, { today: TODAY })).artifacts, 'report.md');
    expect(section(off, '## Low-confidence identifiers')).toContain('- com.bd.lemon8.guess: Android package of Lemon8, not blocked; fleets byod, corporate\n');
    expect(section(off, '## Low-confidence identifiers')).toContain('- ZZ99YY88XX: Apple Team ID of ByteDance Ltd., not blocked; fleets corporate\n');
    const on = await compileFiles({ 'policy.yaml': base.replace('includeLowConfidence: false', 'includeLowConfidence: true') });
    expect(on.ok).toBe(true);
    expect(section(reportOf(on.artifacts, 'report.md'), '## Low-confidence identifiers')).toContain('- com.bd.lemon8.guess: Android package of Lemon8, blocked (includeLowConfidence); fleets byod, corporate\n');
  });

  it('has import instructions for every kind of file the compiler writes', async () => {
    // verify refuses an artifact whose kind has no output schema, so the schemas name every kind.
    const schemaKinds = readdirSync(join(repoRoot, 'schemas', 'output')).map((f) => f.replace(/\.schema\.json$/, ''));
    expect(schemaKinds.length).toBeGreaterThan(5);
    expect(schemaKinds.filter((k) => !(k in IMPORT_GUIDES))).toEqual([]);
    const result = await compile(fleetsPolicy, { today: TODAY, basePolicies: { corporate: { playStoreMode: 'BLACKLIST' } } });
    const kinds = new Set(result.artifacts.map((a) => a.kind));
    for (const kind of NOT_IMPORTED_KINDS) kinds.delete(kind);
    expect(kinds).toContain('amapi-policy-overlay');
    expect([...kinds].filter((k) => !(k in IMPORT_GUIDES))).toEqual([]);
  });

  it('is the same bytes from templates compiled here as from the build\'s precompiled ones', async () => {
    const result = await compile(fleetsPolicy, { today: TODAY, report: false });
    const artifacts = result.artifacts.filter((a) => a.kind !== 'manifest');
    const model = buildReportModel({ plan: result.plan!, diagnostics: result.diagnostics, artifacts });
    const now = compileReportTemplates();
    const decoded = (pieces: Uint8Array[]) => new TextDecoder().decode(joinBytes([pieces])[0]);
    expect(decoded(renderHtml(model, now))).toBe(decoded(renderHtml(model)));
    expect(decoded(renderMarkdown(model, now))).toBe(decoded(renderMarkdown(model)));
  });

  it('uses {{ }} only: no template outputs a value unescaped', () => {
    const files = ['report.html.hbs', 'report.md.hbs', ...readdirSync(join(templatesDir, 'partials')).map((f) => join('partials', f))];
    for (const f of files) expect(readFileSync(join(templatesDir, f), 'utf8'), f).not.toContain('{{{');
    for (const f of ['report.css', 'report.js']) expect(readFileSync(join(templatesDir, f), 'utf8'), f).not.toContain('{{');
  });
});

describe('report: deprecated keys', () => {
  const artifact = (platform: 'ios' | 'android', data: unknown): Artifact => ({ path: 'x', bytes: new Uint8Array(), kind: 'k', platform, data });

  it('finds deprecated Apple keys at any depth and AMAPI fields only where AMAPI deprecates them', () => {
    const uses = findDeprecatedKeys([
      artifact('ios', { PayloadContent: [{ blacklistedAppBundleIDs: ['a.b'], blockedAppBundleIDs: ['a.b'] }] }),
      artifact('android', {
        installUnknownSourcesAllowed: true,
        applications: [{ packageName: 'a.b', installType: 'KIOSK', lockTaskAllowed: true }, { packageName: 'c.d', installType: 'BLOCKED' }],
        personalUsagePolicies: { cameraDisabled: true, personalPlayStoreMode: 'BLACKLIST' },
        playStoreMode: 'BLACKLIST',
      }),
    ]);
    expect(uses.map((u) => `${u.path}${u.value !== undefined ? `=${u.value}` : ''}`).sort()).toEqual([
      'PayloadContent/0/blacklistedAppBundleIDs',
      'applications/0/installType=KIOSK',
      'applications/0/lockTaskAllowed',
      'installUnknownSourcesAllowed',
      'personalUsagePolicies/personalPlayStoreMode=BLACKLIST',
    ]);
  });

  it('ignores the keys of the other platform', () => {
    expect(findDeprecatedKeys([artifact('android', { blacklistedAppBundleIDs: [] }), artifact('ios', { cameraDisabled: true })])).toEqual([]);
  });
});

describe('report: safe links', () => {
  it.each([
    ['https://example.com/a?b=1', 'https://example.com/a?b=1'],
    ['http://example.com', 'http://example.com/'],
    ['javascript:alert(1)', undefined],
    ['JAVASCRIPT:alert(1)', undefined],
    ['data:text/html,<b>x</b>', undefined],
    ['file:///etc/passwd', undefined],
    ['not a url', undefined],
  ])('%s', (url, href) => expect(safeHref(url)).toBe(href));
});

/** The text from a heading to the next heading of the same or a higher level. */
function section(md: string, heading: string): string {
  const start = md.indexOf(`${heading}\n`);
  expect(start, `heading ${heading}`).toBeGreaterThanOrEqual(0);
  const level = heading.indexOf(' ');
  const rest = md.slice(start + heading.length);
  const end = rest.search(new RegExp(`\\n#{1,${level}} `));
  return end === -1 ? rest : rest.slice(0, end);
}

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('report: one stylesheet hash for report.html and audit.html (reportStyle)', () => {
  it('both pages allow the stylesheet by the hash reportStyle gives, which is the sha256 of the style they inline', async () => {
    const result = await compile(fleetsPolicy, { today: TODAY, displayBase: repoRoot });
    const pages = [reportOf(result.artifacts, 'report.html'), new TextDecoder().decode(auditHtml(result.plan!, await audit(result.plan!, []), []))];
    const { style, styleHash } = reportStyle();
    expect(styleHash).toBe(`sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}`);
    // Handlebars escapes "=" as &#x3D; in the attribute, which the browser decodes back.
    for (const page of pages) {
      expect(page.match(/style-src '([^']+)'/)?.[1]).toBe(styleHash.replace(/=/g, '&#x3D;'));
      expect(page).toContain(`<style>${style}</style>`);
    }
  });
});
