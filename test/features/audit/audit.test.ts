import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, type Plan } from '../../../src/index.js';
import { audit, type AuditResult, type Finding } from '../../../src/features/audit/audit.js';
import type { InventoryInput } from '../../../src/features/audit/inventory/read-inventories.js';
import { memoryHost } from '../../helpers/memory-host.js';
import { TODAY } from '../../helpers/compile.js';

const FIXTURES = resolve(import.meta.dirname, 'fixtures');
const input = (rel: string, extra: Partial<InventoryInput> = {}): InventoryInput => ({ path: join(FIXTURES, rel), label: rel, ...extra });

let plan: Plan;
beforeAll(async () => {
  const r = await compile(join(FIXTURES, 'policy.yaml'), { today: TODAY, report: false, displayBase: FIXTURES });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  plan = r.plan!;
});

/** `device identifier status effect` per finding: what an admin reads, in one line each. */
const lines = (r: AuditResult) =>
  r.findings.map((f: Finding) => `${f.device.split('/').pop()} ${f.fleet ?? '-'} ${f.platform} ${f.identifier} ${f.status} ${f.effect.acts.join('+') || `nothing:${f.effect.nothing}`}`);
const located = (r: AuditResult) => r.diagnostics.map((d) => `${d.file}:${d.line ?? ''}:${d.col ?? ''} ${d.code}`);

describe('audit: AMAPI devices.list pages', () => {
  it('finds the flagged INSTALLED apps per device and fleet (policyName), never a REMOVED report', async () => {
    const r = await audit(plan, [input('amapi/devices-page-1.json'), input('amapi/devices-page-2.json')]);
    expect(lines(r)).toEqual([
      '3f1a0c9e5b7d2a41 phones android com.sub.chat blocked uninstalled-by-amapi-blocked',
      '8c2e4f6a1b3d5e70 kiosk android com.sub.chat allowed nothing:exception',
      '3f1a0c9e5b7d2a41 phones android com.group.game not-enforced nothing:low-confidence',
      'a0b1c2d3e4f50617 - android com.other.tool blocked nothing:no-fleet',
    ]);
    expect(r.devices).toBe(5);
    expect(r.devicesWithFindings).toBe(2);
    expect(r.unassigned).toBe(1);
    // Installed apps only (not the REMOVED report): page 1 has 3 + 3 + 2, page 2 has 1; the device without reports none.
    expect(r.apps).toBe(9);
    expect(located(r)).toEqual(['amapi/devices-page-2.json:46:5 INVENTORY_NO_APP_REPORTS']);
  });

  it('gives each finding its rule, references, publisher chain, exception and place in the file', async () => {
    const r = await audit(plan, [input('amapi/devices-page-1.json')]);
    const chat = r.findings.find((f) => f.fleet === 'phones' && f.identifier === 'com.sub.chat')!;
    expect(chat.app).toEqual({ id: 'chat', name: 'Chat' });
    expect(chat.publishers.map((p) => p.id)).toEqual(['group', 'sub']);
    expect(chat.reasons.map((c) => [c.rule.kind, c.rule.id, c.publishers.map((p) => p.id), c.references.map((x) => x.url)])).toEqual([['publisher', 'group', ['group', 'sub'], ['https://example.gov/7']]]);
    expect(chat.inventory).toEqual({ file: 'amapi/devices-page-1.json', path: '/devices/0' });
    expect(chat.installed).toEqual({ name: 'Chat', version: '8.2.1' });
    const allowed = r.findings.find((f) => f.status === 'allowed')!;
    expect(allowed.exception).toMatchObject({ kind: 'app', id: 'chat', until: '2099-06-30', reason: 'vendor pilot' });
  });

  it('reads a single Device, and --fleet places devices whose policyName matches no fleet', async () => {
    const single = await audit(plan, [input('amapi/device.json')]);
    expect(lines(single)).toEqual(['d1e2f3a4b5c6d7e8 phones android com.sub.chat blocked uninstalled-by-amapi-blocked']);
    const placed = await audit(plan, [input('amapi/devices-page-1.json', { fleet: 'phones' })]);
    expect(lines(placed)).toContain('a0b1c2d3e4f50617 phones android com.other.tool blocked uninstalled-by-amapi-blocked');
  });
});

describe('audit: Apple InstalledApplicationList responses', () => {
  it('reads XML and binary responses from a folder; the fleet and --platform place them', async () => {
    const r = await audit(plan, [input('apple', { fleet: 'phones', platform: 'ios' })]);
    expect(lines(r)).toEqual([
      '00008110-001A2D8E0E38802E phones ios com.sub.chat blocked blocked-from-launch+removed-by-remove-application',
      '6B29FC40-CA47-1067-B31D-00DD010662DA phones ios com.sub.chat blocked blocked-from-launch+removed-by-remove-application',
      '7D3E1F5A-9B2C-4E8D-A6F0-1C2B3D4E5F60 phones ios com.sub.chat blocked removed-by-remove-application',
      '00008110-001A2D8E0E38802E phones ios com.group.game blocked blocked-from-launch+removed-by-remove-application',
      '00008120-0004659E3C82201E phones ios com.other.tool blocked blocked-from-launch+removed-by-remove-application',
    ]);
    expect(r.devices).toBe(4);
  });

  it('an unsupervised fleet without removeApps: nothing acts, and says why', async () => {
    const r = await audit(plan, [input('apple/00008110-001A2D8E0E38802E.plist', { fleet: 'kiosk' })]);
    expect(lines(r)).toEqual([
      '00008110-001A2D8E0E38802E kiosk ios com.sub.chat allowed nothing:exception',
      '00008110-001A2D8E0E38802E kiosk ios com.group.game blocked nothing:unsupervised',
    ]);
  });

  it('a Mac: Santa blocks the Mac app; an iPad app the macOS plan has no identifier for is found by its iOS one', async () => {
    const r = await audit(plan, [input('apple/mac-6B29FC40.plist', { fleet: 'macs' })]);
    expect(lines(r)).toEqual([
      '6B29FC40-CA47-1067-B31D-00DD010662DA macs macos com.sub.chat.mac blocked blocked-from-launch+removed-by-remove-application',
    ]);
    expect(r.apps).toBe(3);
  });

  it('an Apple device whose OS cannot be told is a diagnostic, not a guess', async () => {
    const r = await audit(plan, [input('apple/user-enrollment.plist')]);
    expect(r.findings).toEqual([]);
    expect(located(r)).toEqual(['apple/user-enrollment.plist:4:1 INVENTORY_PLATFORM_UNKNOWN']);
  });
});

describe('audit: osquery results log', () => {
  it('applies snapshot and removed lines in order, and skips other queries', async () => {
    const r = await audit(plan, [input('osquery/osqueryd.results.log', { fleet: 'macs' })]);
    expect(lines(r)).toEqual(['mac-lab-01.example.org macs macos com.sub.chat.mac blocked blocked-from-launch+removed-by-remove-application']);
    expect(r.devices).toBe(2);
    expect(r.findings[0]!.inventory).toEqual({ file: 'osquery/osqueryd.results.log', line: 1, col: 1 });
  });
});

describe('audit: bad inventories', () => {
  it.each([
    ['bad/truncated.json', 'bad/truncated.json:22:3 INVENTORY_SYNTAX'],
    ['bad/command.plist', 'bad/command.plist:4:1 INVENTORY_NOT_RESPONSE'],
    ['bad/unknown.json', 'bad/unknown.json:1:1 INVENTORY_UNKNOWN_FORMAT'],
    ['bad/broken.plist', 'bad/broken.plist:5:15 INVENTORY_SYNTAX'],
    ['bad/notes.txt', 'bad/notes.txt:1:1 INVENTORY_UNKNOWN_FORMAT'],
    ['bad/missing.json', 'bad/missing.json:: FILE_NOT_FOUND'],
  ])('%s gets a diagnostic with its position', async (file, want) => {
    const r = await audit(plan, [input(file)]);
    expect(located(r)).toEqual([want]);
    expect(r.findings).toEqual([]);
  });

  it('device ids not of the documented form are refused where they are', async () => {
    const r = await audit(plan, [input('bad/device-ids.json')]);
    expect(located(r)).toEqual(['bad/device-ids.json:4:15 INVENTORY_DEVICE_ID', 'bad/device-ids.json:8:5 INVENTORY_DEVICE_ID']);
  });

  it('the same device in two inventories is audited once', async () => {
    const r = await audit(plan, [input('amapi/device.json'), input('amapi/device.json')]);
    expect(r.findings).toHaveLength(1);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['INVENTORY_DUPLICATE_DEVICE']);
  });

  it('reads through the host it is given, and caps a file by size', async () => {
    const text = readFileSync(join(FIXTURES, 'amapi/device.json'));
    const { host, root } = memoryHost({ 'inv/device.json': text });
    const ok = await audit(plan, [{ path: `${root}/inv/device.json`, label: 'inv/device.json' }], { host });
    expect(ok.findings).toHaveLength(1);
    const capped = await audit(plan, [{ path: `${root}/inv/device.json`, label: 'inv/device.json' }], { host, limits: { fileBytes: 100 } });
    expect(capped.diagnostics.map((d) => d.code)).toEqual(['FILE_TOO_LARGE']);
  });
});
