// Deterministic synthetic AMAPI inventories for the audit benchmark: enterprises.devices.list pages
// of 100 devices (the API's largest page), each device with 150 INSTALLED application reports, as
// the API returns them with prettyPrint=false. About one device in twenty has one flagged app.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prng } from './generate.mjs';

export const APPS_PER_DEVICE = 150;
export const DEVICES_PER_PAGE = 100;
/** Ordinary apps devices pick from: a fleet's long tail, none of them flagged. */
const POOL = 5_000;

/** Writes `<dir>/devices-page-N.json`; returns the paths and the bytes written. */
export function generateInventory(dir, { devices, flagged, seed = 18 }) {
  mkdirSync(dir, { recursive: true });
  const rnd = prng(seed * 1_000_003 + devices);
  const pool = Array.from({ length: POOL }, (_, i) => ({ pkg: `com.vendor${i % 97}.app${i}`, name: `App ${i}`, ver: `${1 + (i % 9)}.${i % 13}.${i % 7}` }));
  const files = [];
  let bytes = 0;
  for (let page = 0; page * DEVICES_PER_PAGE < devices; page++) {
    const list = [];
    for (let d = page * DEVICES_PER_PAGE; d < Math.min(devices, (page + 1) * DEVICES_PER_PAGE); d++) list.push(device(d, rnd, pool, flagged));
    const text = JSON.stringify({ devices: list, ...((page + 1) * DEVICES_PER_PAGE < devices && { nextPageToken: `page-${page + 2}` }) }) + '\n';
    const file = join(dir, `devices-page-${page + 1}.json`);
    writeFileSync(file, text);
    files.push(file);
    bytes += Buffer.byteLength(text);
  }
  return { files, bytes };
}

function device(n, rnd, pool, flagged) {
  const start = Math.floor(rnd() * POOL);
  const reports = [];
  for (let i = 0; i < APPS_PER_DEVICE; i++) {
    const app = pool[(start + i * 31) % POOL];
    reports.push(report(app.pkg, app.name, app.ver, i % 40 === 39 ? 'REMOVED' : 'INSTALLED'));
  }
  if (rnd() < 0.05 && flagged.length) reports[Math.floor(rnd() * APPS_PER_DEVICE)] = report(flagged[Math.floor(rnd() * flagged.length)], 'Flagged', '1.0.0', 'INSTALLED');
  const id = n.toString(16).padStart(16, '0');
  return {
    name: `enterprises/LC00bench/devices/${id}`,
    managementMode: 'DEVICE_OWNER',
    state: 'ACTIVE',
    appliedState: 'ACTIVE',
    policyCompliant: true,
    enrollmentTime: '2026-09-01T10:00:00Z',
    lastStatusReportTime: '2026-11-27T06:00:00Z',
    policyName: 'enterprises/LC00bench/policies/default',
    hardwareInfo: { brand: 'google', manufacturer: 'Google', model: 'Pixel 9', serialNumber: `SN${id}` },
    softwareInfo: { androidVersion: '15', securityPatchLevel: '2026-10-05' },
    ownership: 'COMPANY_OWNED',
    applicationReports: reports,
  };
}

function report(packageName, displayName, versionName, state) {
  return { packageName, displayName, versionName, versionCode: 100, state, applicationSource: 'INSTALLED_FROM_PLAY_STORE', installerPackageName: 'com.android.vending' };
}
