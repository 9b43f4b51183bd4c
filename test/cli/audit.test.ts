import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';
import { TODAY } from '../helpers/compile.js';

const cwd = join(import.meta.dirname, '../features/audit/fixtures');
const audit = (...args: string[]) => runCli(['audit', 'policy.yaml', ...args, '--today', TODAY], { cwd });

describe('mdm-blocklist audit', () => {
  it('exit 1 when a flagged app is installed, with the findings grouped by app then device', () => {
    const r = audit('amapi/devices-page-1.json');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Chat \(chat\) — Group Holdings → Sub Ltd\n {2}flagged by publisher rule "group"/);
    expect(r.stdout).toContain('enterprises/LC00abc/devices/3f1a0c9e5b7d2a41 (android, fleet phones) com.sub.chat 8.2.1 → uninstalled by AMAPI installType BLOCKED');
    expect(r.stdout).toMatch(/Audited 3 devices \(android 3\), 8 installed apps: 3 flagged installs on 2 devices, 1 more allowed by an exception; 1 device is in no fleet/);
  });

  it('exit 0 when only apps an exception allows, or nothing flagged, are installed', () => {
    const r = audit('amapi/devices-page-2.json', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: true, findings: [], devices: 2, apps: 1 });
    expect(out.diagnostics.map((d: { code: string }) => d.code)).toContain('INVENTORY_NO_APP_REPORTS');
  });

  it('--json lists each finding with device, platform, identifier, app, reasons and effect', () => {
    const r = audit('apple', '--fleet', 'phones', '--platform', 'ios', '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.devices).toBe(4);
    expect(out.findings[0]).toMatchObject({
      device: '00008110-001A2D8E0E38802E',
      platform: 'ios',
      fleet: 'phones',
      identifier: 'com.sub.chat',
      app: { id: 'chat', name: 'Chat' },
      publishers: [{ id: 'group' }, { id: 'sub' }],
      status: 'blocked',
      effect: { acts: ['blocked-from-launch', 'removed-by-remove-application'] },
      inventory: { file: 'apple/00008110-001A2D8E0E38802E.plist', line: 4, col: 1 },
    });
  });

  it('exit 2 for an inventory that cannot be read, with file:line:col', () => {
    const r = audit('bad/truncated.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad/truncated.json:22:3: error INVENTORY_SYNTAX');
  });

  it.each([
    [['amapi', '--fleet', 'nope'], 'no fleet "nope"'],
    [['amapi', '--platform', 'tvos'], '--platform takes ios or macos'],
    [['amapi', '--fleet', 'phones=elsewhere.json'], 'is not one of the inventories'],
    [[], 'at least one inventory'],
  ])('usage errors exit 2: %s', (args, message) => {
    const r = audit(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('--commands writes RemoveApplication plists per Apple device, the same bytes every run', () => {
    const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'mdm-blocklist-audit-')));
    for (const dir of dirs) expect(audit('apple', '--fleet', 'phones', '--platform', 'ios', '--commands', dir).code).toBe(1);
    const [a, b] = dirs.map((d) => readdirSync(d, { recursive: true, encoding: 'utf8' }).sort());
    expect(a).toEqual(b);
    expect(a).toContain(join('00008110-001A2D8E0E38802E', 'remove-com.sub.chat.plist'));
    expect(a).toContain(join('7D3E1F5A-9B2C-4E8D-A6F0-1C2B3D4E5F60', 'remove-com.sub.chat.plist'));
    const file = join('00008120-0004659E3C82201E', 'remove-com.other.tool.plist');
    const bytes = readFileSync(join(dirs[0]!, file), 'utf8');
    expect(bytes).toBe(readFileSync(join(dirs[1]!, file), 'utf8'));
    expect(bytes).toMatch(/<key>Identifier<\/key>\s*<string>com.other.tool<\/string>\s*<key>RequestType<\/key>\s*<string>RemoveApplication<\/string>/);
    expect(bytes).toMatch(/<key>CommandUUID<\/key>\s*<string>[0-9A-F-]{36}<\/string>/);
  });
});

describe('mdm-blocklist audit --report', () => {
  it("writes audit.html in report.html's look: its stylesheet, allowed by hash, no script, https links only", () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mdm-blocklist-audit-')), 'audit.html');
    expect(audit('amapi', '--report', file).code).toBe(1);
    const html = readFileSync(file, 'utf8');
    const css = readFileSync(join(repoRoot, 'templates/report/report.css'), 'utf8');
    expect(html).toContain(`<style>${css}</style>`);
    // Handlebars escapes "=" in the hash as &#x3D;, which the attribute decodes back (as in report.html).
    expect(html).toContain(`style-src 'sha256-${createHash('sha256').update(css).digest('base64').replace(/=/g, '&#x3D;')}'`);
    expect(html).not.toMatch(/<script/);
    expect(html).toContain('<a href="https://example.gov/7" rel="noreferrer noopener" target="_blank">Order 7</a>');
    expect(html).toMatch(/<code>enterprises\/LC00abc\/devices\/3f1a0c9e5b7d2a41<\/code><\/td><td>Android<\/td><td>phones<\/td><td><code>com.sub.chat<\/code> 8.2.1<\/td><td>uninstalled by AMAPI installType BLOCKED/);
    expect(html).toContain('INVENTORY_NO_APP_REPORTS');
  });
});
