import type { JsonPath, JsonText } from './json-text.js';
import type { InstalledApp, ReadContext } from './types.js';

/**
 * AMAPI `enterprises.devices.list` responses (`{devices: [Device], nextPageToken}`), a single
 * `Device`, or an array of either (pages saved into one file). Field names and enums from the
 * discovery document (androidmanagement v1: schemas Device, ApplicationReport, ListDevicesResponse):
 * `Device.name` is "enterprises/{enterpriseId}/devices/{deviceId}", `ApplicationReport.state` is
 * REMOVED or INSTALLED ("App is installed on the device"); only INSTALLED apps count.
 */
export function looksLikeAmapi(value: unknown): boolean {
  const first = Array.isArray(value) ? value[0] : value;
  if (!isObject(first)) return false;
  return Array.isArray(first['devices']) || 'nextPageToken' in first || 'applicationReports' in first || (typeof first['name'] === 'string' && first['name'].startsWith('enterprises/'));
}

const DEVICE_NAME = /^enterprises\/[^/\s]+\/devices\/[^/\s]+$/;

export function readAmapi(value: unknown, source: JsonText, ctx: ReadContext): void {
  const pages = Array.isArray(value) ? value : [value];
  const quiet = { withoutReports: 0, firstWithout: undefined as JsonPath | undefined };
  pages.forEach((page, p) => {
    const path: JsonPath = Array.isArray(value) ? [p] : [];
    if (!isObject(page)) return ctx.problem('INVENTORY_SHAPE', 'expected an AMAPI devices.list response or a Device object here', source.positionOf(path));
    if (!('devices' in page) && !('nextPageToken' in page)) return readDevice(page, path, source, ctx, quiet);
    const devices = page['devices'];
    if (devices === undefined) return; // an empty page: the API leaves "devices" out
    if (!Array.isArray(devices)) return ctx.problem('INVENTORY_SHAPE', '"devices" must be an array of Device objects', source.positionOf([...path, 'devices']));
    for (let d = 0; d < devices.length; d++) {
      const device = devices[d];
      if (isObject(device)) readDevice(device, [...path, 'devices', d], source, ctx, quiet);
      else ctx.problem('INVENTORY_SHAPE', 'a device must be a Device object', source.positionOf([...path, 'devices', d]));
    }
  });
  if (quiet.withoutReports > 0) {
    ctx.problem(
      'INVENTORY_NO_APP_REPORTS',
      `${quiet.withoutReports} device(s) have no applicationReports: the policy must set statusReportingSettings.applicationReportsEnabled for AMAPI to report apps`,
      source.positionOf(quiet.firstWithout!),
    );
  }
}

function readDevice(device: Record<string, unknown>, path: JsonPath, source: JsonText, ctx: ReadContext, quiet: { withoutReports: number; firstWithout: JsonPath | undefined }): void {
  const name = device['name'];
  if (typeof name !== 'string' || !DEVICE_NAME.test(name)) {
    const what = typeof name === 'string' ? `"${name.slice(0, 80)}" is not` : 'the device has no "name";';
    return ctx.problem('INVENTORY_DEVICE_ID', `${what} a device name of the form enterprises/{enterpriseId}/devices/{deviceId}`, source.positionOf([...path, 'name']));
  }
  const reports = device['applicationReports'];
  if (reports === undefined) {
    quiet.withoutReports++;
    quiet.firstWithout ??= path;
  } else if (!Array.isArray(reports)) {
    return ctx.problem('INVENTORY_SHAPE', '"applicationReports" must be an array', source.positionOf([...path, 'applicationReports']));
  }
  const { apps, count } = installedApps(reports ?? [], [...path, 'applicationReports'], source, ctx);
  ctx.device({
    id: name,
    format: 'amapi',
    platform: 'android',
    at: { file: source.file, path: pointer(path) },
    ...stringField(device, 'policyName', 'policyName'),
    ...stringField(device, 'ownership', 'ownership'),
    ...stringField(device, 'managementMode', 'managementMode'),
    ...hardwareOf(device['hardwareInfo']),
    appCount: count,
    apps,
  });
}

/** The loop every report goes through (15 million in a big inventory): one known() look-up per installed app. */
function installedApps(reports: unknown[], path: JsonPath, source: JsonText, ctx: ReadContext): { apps: InstalledApp[]; count: number } {
  const apps: InstalledApp[] = [];
  let count = 0;
  for (let i = 0; i < reports.length; i++) {
    const r = reports[i] as Record<string, unknown> | null;
    const pkg = r !== null && typeof r === 'object' ? r['packageName'] : undefined;
    if (typeof pkg !== 'string' || pkg === '') {
      ctx.problem('INVENTORY_SHAPE', 'an application report needs a "packageName"', source.positionOf([...path, i]));
      continue;
    }
    if (r!['state'] !== 'INSTALLED') continue;
    count++;
    if (!ctx.known(pkg)) continue;
    const app: InstalledApp = { identifier: pkg };
    if (typeof r!['displayName'] === 'string') app.name = r!['displayName'];
    if (typeof r!['versionName'] === 'string') app.version = r!['versionName'];
    apps.push(app);
  }
  return { apps, count };
}

function stringField<K extends string>(o: Record<string, unknown>, key: string, as: K): Partial<Record<K, string>> {
  const v = o[key];
  return typeof v === 'string' ? ({ [as]: v } as Record<K, string>) : {};
}

/** The device's brand and manufacturer, the two HardwareInfo fields device-level findings read. */
function hardwareOf(value: unknown): { hardwareInfo?: { brand?: string; manufacturer?: string } } {
  if (!isObject(value)) return {};
  const hw = { ...stringField(value, 'brand', 'brand'), ...stringField(value, 'manufacturer', 'manufacturer') };
  return Object.keys(hw).length ? { hardwareInfo: hw } : {};
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A JSON pointer ("/devices/17"): where a finding's device is, without a walk of the text for its line. */
export function pointer(path: JsonPath): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
