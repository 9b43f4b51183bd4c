import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/common/host.js';
import { readInventories, type InventoryInput } from '../../../src/features/audit/inventory/read-inventories.js';
import type { InventoryDevice } from '../../../src/features/audit/inventory/types.js';

const FIXTURES = resolve(import.meta.dirname, 'fixtures');

/** The devices a reader hands over for the inventories, with every app counted as known. */
async function devicesOf(...files: string[]): Promise<InventoryDevice[]> {
  const devices: InventoryDevice[] = [];
  const inputs: InventoryInput[] = files.map((f) => ({ path: join(FIXTURES, f), label: f }));
  await readInventories(inputs, nodeHost, { known: () => true, device: (d) => devices.push(d), problem: () => {} });
  return devices;
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
