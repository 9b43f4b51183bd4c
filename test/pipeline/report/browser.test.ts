import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicyPath } from '../../../src/common/paths.js';
import { compile } from '../../../src/index.js';
import { TODAY } from '../../helpers/compile.js';
import { missing } from '../../helpers/prerequisite.js';

/**
 * The HTML report in a real browser: Debian's chromium driven by playwright-core. The page must
 * render its content, run its filter box, load nothing but itself, and log no console error (a
 * Content-Security-Policy violation would be one).
 */
const executable = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const haveChromium = !missing(`Chromium (${executable})`, existsSync(executable));
if (!haveChromium) {
  console.warn(`report browser test skipped: no Chromium at ${executable} (apt-get install chromium, or set CHROMIUM_PATH)`);
}

describe.skipIf(!haveChromium)('report.html in headless Chromium', () => {
  let dir: string;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];
  let url: string;
  let defaultUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mdm-blocklist-report-'));
    const result = await compile(join(import.meta.dirname, 'golden', 'fleets', 'policy.yaml'), { today: TODAY });
    const html = result.artifacts.find((a) => a.path === 'report.html')!;
    writeFileSync(join(dir, 'report.html'), html.bytes);
    url = pathToFileURL(join(dir, 'report.html')).href;
    const byDefault = await compile(defaultPolicyPath, { today: TODAY });
    writeFileSync(join(dir, 'default.html'), byDefault.artifacts.find((a) => a.path === 'report.html')!.bytes);
    defaultUrl = pathToFileURL(join(dir, 'default.html')).href;
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: executable,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders the policy, the summary and a working table of contents', async () => {
    expect(await page.title()).toBe('Example <Agency> blocklist: blocklist report');
    expect(await page.locator('h1').textContent()).toBe('Example <Agency> blocklist');
    expect(await page.locator('table.summary tbody tr').count()).toBe(5);
    const targets = await page.locator('nav.toc a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).hash.slice(1)));
    expect(targets).toContain('fleet-corporate-macos');
    for (const id of targets) expect(await page.locator(`[id="${id}"]`).count(), id).toBe(1);
    // The YAML's markup is text on the page, never markup.
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.getByText("WeChat <script>alert('x')</script>").first().isVisible()).toBe(true);
    expect(await page.locator('a[href^="javascript"]').count()).toBe(0);
  });

  it('filters the app lists as the admin types', async () => {
    const rows = page.locator('[data-search]');
    const total = await rows.count();
    await page.locator('#filter').fill('douyin');
    const visible = await rows.evaluateAll((trs) => trs.filter((tr) => !(tr as HTMLElement).hidden).map((tr) => tr.textContent ?? ''));
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.length).toBeLessThan(total);
    for (const row of visible) expect(row).toContain('TikTok');
    expect(await page.locator('#filter-count').textContent()).toBe(`${visible.length} of ${total} rows match`);
    // A table with no match hides, and says so.
    const lowConfidence = page.locator('#low-confidence table.apps');
    expect(await lowConfidence.isHidden()).toBe(true);
    expect(await page.locator('#low-confidence .no-match').isVisible()).toBe(true);

    await page.locator('#filter').fill('com.tencent.mm wechat');
    expect(await page.locator('#filter-count').textContent()).toMatch(/^[1-9]\d* of \d+ rows match$/);
    await page.locator('#filter').fill('');
    expect(await rows.evaluateAll((items) => items.filter((item) => (item as HTMLElement).hidden).length)).toBe(0);
    expect(await page.locator('#filter-count').textContent()).toBe('');
  });

  it('prints without the filter box and with every row', async () => {
    await page.locator('#filter').fill('douyin');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#filter-box').isHidden()).toBe(true);
    expect(await page.locator('#low-confidence table.apps').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await page.locator('#filter').fill('');
  });

  it('opens a folded list that holds a match, and folds it again when the filter is cleared', async () => {
    const notEnforced = page.locator('#fleet-corporate-macos details.list').filter({ hasText: 'not enforced here' });
    expect(await notEnforced.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await page.locator('#filter').fill('shareit');
    expect(await notEnforced.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await notEnforced.getByText('SHAREit').isVisible()).toBe(true);
    await page.locator('#filter').fill('');
    expect(await notEnforced.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
  });

  it('loads nothing but itself and logs no console error', () => {
    expect(requests).toEqual([url]);
    expect(problems).toEqual([]);
  });

  describe("the default policy's report", () => {
    let reading: Page;
    beforeAll(async () => {
      reading = await context.newPage();
      reading.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      await reading.setViewportSize({ width: 1400, height: 900 });
      await reading.goto(defaultUrl);
    }, 60_000);

    // A "Blocked apps" list is open as the report opens only while it fits a screen (25 rows), so
    // the apps the catalog learns to identify no longer lengthen it: 3,683 px with the catalog at the end of
    // issue #14's second pass, which with both lists open would be 6,122 px.
    it('is at most 6,000 px tall at 1,400 px wide, as it opens (issue #16: it was 24,881)', async () => {
      const height = await reading.evaluate(() => document.documentElement.scrollHeight);
      expect(height).toBeGreaterThan(1000);
      expect(height).toBeLessThanOrEqual(6000);
    });

    it('shows each source once', async () => {
      const links = await reading.locator('a[href^="http"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(links.length).toBeGreaterThan(0);
      expect(new Set(links).size).toBe(links.length);
      const text = (await reading.locator('body').textContent()) ?? '';
      expect(text.split('Announcing the Expansion of the Clean Network').length - 1).toBe(1);
    });

    it('finds an app by name and by identifier', async () => {
      const visible = () => reading.locator('tr[data-search]:not([hidden]), li[data-search]:not([hidden])').evaluateAll((rows) => rows.filter((r) => (r as HTMLElement).offsetParent !== null).map((r) => r.textContent ?? ''));
      await reading.locator('#filter').fill('WeChat');
      const byName = await visible();
      expect(byName.length).toBeGreaterThan(0);
      for (const row of byName) expect(row).toMatch(/WeChat/i);
      await reading.locator('#filter').fill('com.tencent.xin');
      const byId = await visible();
      expect(byId).toHaveLength(1);
      expect(byId[0]).toContain('WeChat');
      await reading.locator('#filter').fill('');
    });
  });
});
