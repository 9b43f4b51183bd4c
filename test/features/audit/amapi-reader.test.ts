import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/common/host.js';
import { INVENTORY_LIMITS, readInventories, type InventoryInput } from '../../../src/features/audit/inventory/read-inventories.js';
import type { InventoryDevice } from '../../../src/features/audit/inventory/types.js';
import { memoryHost } from '../../helpers/memory-host.js';

const FIXTURES = resolve(import.meta.dirname, 'fixtures');

/** The devices a reader hands over for the inventories, with every app counted as known. */
async function devicesOf(...files: string[]): Promise<InventoryDevice[]> {
  return (await readAll(files)).devices;
}

/** Devices and problems (code at line:col) of the inventories, read `readChunk` bytes at a time. */
async function readAll(files: string[], readChunk = INVENTORY_LIMITS.readChunk) {
  const devices: InventoryDevice[] = [];
  const problems: string[] = [];
  const inputs: InventoryInput[] = files.map((f) => ({ path: join(FIXTURES, f), label: f }));
  const known = (id: string) => id.startsWith('com.sub.') || id.startsWith('com.other.');
  await readInventories(inputs, nodeHost, { known, device: (d) => devices.push(d), problem: (code, _m, at) => problems.push(`${at.file}:${at.line}:${at.col} ${code}`) }, { ...INVENTORY_LIMITS, readChunk });
  return { devices, problems };
}

describe('AMAPI reader: device records', () => {
  it('carries hardwareInfo brand and manufacturer, for device-level findings', async () => {
    const devices = await devicesOf('amapi/devices-page-1.json', 'amapi/device.json');
    expect(devices.map((d) => [d.id.split('/').pop(), d.hardwareInfo])).toEqual([
      ['3f1a0c9e5b7d2a41', { brand: 'google', manufacturer: 'Google' }],
      ['8c2e4f6a1b3d5e70', { brand: 'google', manufacturer: 'Google' }],
      ['a0b1c2d3e4f50617', { brand: 'google', manufacturer: 'Google' }],
      ['d1e2f3a4b5c6d7e8', { brand: 'google', manufacturer: 'Google' }],
    ]);
  });
});

describe('AMAPI reader: read as it streams', () => {
  const files = ['amapi/devices-page-1.json', 'amapi/devices-page-2.json', 'amapi/device.json', 'bad/device-ids.json', 'bad/truncated.json', 'osquery/osqueryd.results.log', 'bad/unknown.json'];

  it('reads the same devices and problems, at the same places, whatever the chunk size', async () => {
    const whole = await readAll(files);
    expect(whole.devices.length).toBeGreaterThan(5);
    expect(whole.problems).toEqual([
      'amapi/devices-page-2.json:46:5 INVENTORY_NO_APP_REPORTS',
      'bad/device-ids.json:4:15 INVENTORY_DEVICE_ID',
      'bad/device-ids.json:8:5 INVENTORY_DEVICE_ID',
      'bad/truncated.json:22:3 INVENTORY_SYNTAX',
      'bad/unknown.json:1:1 INVENTORY_UNKNOWN_FORMAT',
    ]);
    for (const chunk of [1, 2, 3, 5, 16, 100, 4096]) expect(await readAll(files, chunk)).toEqual(whole);
  });

  it('keeps only the apps the policy might flag, with their names and versions, INSTALLED ones counted', async () => {
    const [chat] = await devicesOf('amapi/device.json');
    expect(chat).toMatchObject({ id: 'enterprises/LC00abc/devices/d1e2f3a4b5c6d7e8', policyName: 'enterprises/LC00abc/policies/phones', ownership: 'PERSONALLY_OWNED', managementMode: 'PROFILE_OWNER', appCount: 1 });
    expect(chat!.apps).toEqual([{ identifier: 'com.sub.chat', name: 'Chat', version: '8.2.1' }]);
  });

  it('an application report without a package name, and a devices list that is no array, are said where they are', async () => {
    const { host, root } = memoryHost({
      'a.json': '{"devices": [\n {"name": "enterprises/E/devices/1", "applicationReports": [\n  {"state": "INSTALLED"}, 7]}]}',
      'b.json': '{"nextPageToken": "x",\n "devices": {}}',
    });
    const problems: string[] = [];
    const inputs = ['a.json', 'b.json'].map((f) => ({ path: `${root}/${f}`, label: f }));
    await readInventories(inputs, host, { known: () => true, device: () => {}, problem: (code, _m, at) => problems.push(`${at.file}:${at.line}:${at.col} ${code}`) });
    expect(problems).toEqual(['a.json:3:3 INVENTORY_SHAPE', 'a.json:3:27 INVENTORY_SHAPE', 'b.json:2:13 INVENTORY_SHAPE']);
  });

  it('a syntax error stops the file where it is; the devices complete before it are read', async () => {
    const deep = '['.repeat(70) + ']'.repeat(70);
    const { host, root } = memoryHost({
      'cut.json': '{"devices": [{"name": "enterprises/E/devices/1", "applicationReports": []},\n {"name": "enterprises/E/devices/2", "applicationReports": [{"packageName": "com.x", "sta',
      'deep.json': `{"devices": [{"name": "enterprises/E/devices/3", "extra": ${deep}}]}`,
    });
    const problems: string[] = [];
    const devices: string[] = [];
    const inputs = ['cut.json', 'deep.json'].map((f) => ({ path: `${root}/${f}`, label: f }));
    await readInventories(inputs, host, { known: () => true, device: (d) => devices.push(d.id), problem: (code, _m, at) => problems.push(`${at.file}:${at.line}:${at.col} ${code}`) });
    expect(devices).toEqual(['enterprises/E/devices/1']);
    expect(problems).toEqual(['cut.json:2:90 INVENTORY_SYNTAX', 'deep.json:1:123 INVENTORY_SYNTAX']);
  });
});

describe('osquery reader: line by line as the log streams', () => {
  const line = (host: string, id: string, name: string) => JSON.stringify({ name: 'pack_apps', hostIdentifier: host, action: 'snapshot', snapshot: [{ bundle_identifier: id, display_name: name }] });

  it('joins characters a chunk cuts in two, and says where bytes are not UTF-8', async () => {
    const good = [line('mac-1', 'com.sub.chat', 'Chät 微信'), line('mac-2', 'com.sub.chat', 'Chat')].join('\n') + '\n';
    const bad = new Uint8Array([...new TextEncoder().encode(good + '{"hé": '), 0xff, 0x7d, 0x0a]);
    const { host, root } = memoryHost({ 'good.log': good, 'bad.log': bad });
    for (const readChunk of [1, 2, 3, 7, 1 << 20]) {
      const devices: InventoryDevice[] = [];
      const problems: string[] = [];
      const inputs = ['good.log', 'bad.log'].map((f) => ({ path: `${root}/${f}`, label: f }));
      await readInventories(inputs, host, { known: () => true, device: (d) => devices.push(d), problem: (code, _m, at) => problems.push(`${at.file}:${at.line}:${at.col} ${code}`) }, { ...INVENTORY_LIMITS, readChunk });
      expect(devices.map((d) => `${d.id} ${d.apps[0]!.name}`)).toEqual(['mac-1 Chät 微信', 'mac-2 Chat', 'mac-1 Chät 微信', 'mac-2 Chat']);
      expect(problems).toEqual(['bad.log:3:8 INVENTORY_SYNTAX']);
    }
  });
});
