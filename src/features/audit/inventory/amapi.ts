import { END, JsonStream, JsonSyntaxError, keyTable } from './json-stream.js';
import type { InstalledApp, InventoryDevice, InventoryLocation, ReadContext } from './types.js';

/**
 * AMAPI `enterprises.devices.list` responses (`{devices: [Device], nextPageToken}`), a single
 * `Device`, or an array of either (pages saved into one file). Field names and enums from the
 * discovery document (androidmanagement v1: schemas Device, ApplicationReport, HardwareInfo,
 * ListDevicesResponse): `Device.name` is "enterprises/{enterpriseId}/devices/{deviceId}",
 * `ApplicationReport.state` is REMOVED or INSTALLED ("App is installed on the device"); only
 * INSTALLED apps count.
 *
 * Read as it streams (json-stream.ts): a device is handed over when its closing brace is read,
 * with only the apps the policy might flag, so a page's tree never exists. A syntax error stops
 * the file where it is; the devices complete before it have been audited.
 */

const DEVICE_NAME = /^enterprises\/[^/\s]+\/devices\/[^/\s]+$/;

// Keys of a page or Device, of HardwareInfo, of ApplicationReport (indexes into the tables).
const K = { devices: 0, nextPageToken: 1, name: 2, policyName: 3, ownership: 4, managementMode: 5, hardwareInfo: 6, applicationReports: 7 } as const;
// The last five tell an osquery results line (osquery.ts), which is JSON too: its first line is read here.
const DEVICE_KEYS = keyTable('devices', 'nextPageToken', 'name', 'policyName', 'ownership', 'managementMode', 'hardwareInfo', 'applicationReports', 'hostIdentifier', 'hostname', 'snapshot', 'columns', 'diffResults');
const OSQUERY_HOST = 8;
const OSQUERY_ROWS = 10;
const HARDWARE_KEYS = keyTable('brand', 'manufacturer');
const R = { packageName: 0, state: 1, displayName: 2, versionName: 3 } as const;
const REPORT_KEYS = keyTable('packageName', 'state', 'displayName', 'versionName');
const INSTALLED = new TextEncoder().encode('INSTALLED');

/** What one object of the file said: a page, a Device, or (the first value only) neither. */
interface Draft {
  page: boolean;
  /** Keys of an osquery results line seen: 1 a host, 2 rows. */
  osquery: number;
  at: InventoryLocation;
  path: (string | number)[];
  name?: string;
  nameAt?: InventoryLocation;
  fields: Pick<InventoryDevice, 'policyName' | 'ownership' | 'managementMode' | 'hardwareInfo'>;
  reports: 'absent' | 'read' | 'not-array';
  reportsAt?: InventoryLocation;
  apps: InstalledApp[];
  count: number;
}

/** Per file: devices without application reports are said once, at the first; the caller is told once the file is AMAPI. */
interface Quiet {
  withoutReports: number;
  firstWithout?: InventoryLocation;
  isAmapi: () => void;
}

export type AmapiOutcome = 'read' | 'not-amapi' | 'osquery';

/**
 * Reads the file's JSON value; 'not-amapi' when its first object is neither a page nor a Device,
 * 'osquery' when it is an osquery results line (the caller reads the file as a log). `isAmapi` is
 * told (perhaps more than once) as soon as the answer can no longer be 'osquery': the caller stops
 * keeping the bytes it would read again as a log.
 */
export function readAmapi(s: JsonStream, file: string, ctx: ReadContext, isAmapi: () => void = () => {}): AmapiOutcome {
  const quiet: Quiet = { withoutReports: 0, isAmapi };
  try {
    // An osquery results line is an object: an array is never one.
    const array = s.peek() === 0x5b;
    if (array) isAmapi();
    const outcome = array ? readArray(s, file, ctx, quiet) : readTop(s, file, [], ctx, quiet, true);
    if (outcome !== 'read') return outcome;
    s.finish();
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    ctx.problem('INVENTORY_SYNTAX', `the JSON cannot be read: ${e.message}`, { file, line: e.line, col: e.col });
  }
  if (quiet.withoutReports > 0) {
    ctx.problem(
      'INVENTORY_NO_APP_REPORTS',
      `${quiet.withoutReports} device(s) have no applicationReports: the policy must set statusReportingSettings.applicationReportsEnabled for AMAPI to report apps`,
      quiet.firstWithout!,
    );
  }
  return 'read';
}

function readArray(s: JsonStream, file: string, ctx: ReadContext, quiet: Quiet): AmapiOutcome {
  s.openArray();
  for (let i = 0; s.item(i === 0); i++) {
    if (s.peek() !== 0x7b) {
      if (i === 0) return 'not-amapi';
      ctx.problem('INVENTORY_SHAPE', 'expected an AMAPI devices.list response or a Device object here', here(s, file));
      s.skip();
      continue;
    }
    const outcome = readTop(s, file, [i], ctx, quiet, i === 0);
    if (outcome !== 'read') return outcome;
  }
  return 'read';
}

/** A page or a Device at the top of the file (or of its array of pages). */
function readTop(s: JsonStream, file: string, path: (string | number)[], ctx: ReadContext, quiet: Quiet, first: boolean): AmapiOutcome {
  const draft = readObject(s, file, path, ctx, quiet, true);
  if (draft.page) return 'read';
  if (first && draft.osquery === 3 && path.length === 0) return 'osquery';
  if (first && draft.reports === 'absent' && !draft.name?.startsWith('enterprises/')) return 'not-amapi';
  quiet.isAmapi();
  handOver(draft, file, ctx, quiet);
  return 'read';
}

/** One object's keys: a page's devices are read (and handed over) as they come. */
function readObject(s: JsonStream, file: string, path: (string | number)[], ctx: ReadContext, quiet: Quiet, top: boolean): Draft {
  const draft: Draft = { page: false, osquery: 0, at: here(s, file), path, fields: {}, reports: 'absent', apps: [], count: 0 };
  s.openObject();
  for (let first = true, k: number; (k = s.key(DEVICE_KEYS, first)) !== END; first = false) {
    switch (k) {
      case K.devices:
        if (!top) s.skip();
        else {
          draft.page = true;
          quiet.isAmapi();
          readDevices(s, file, path, ctx, quiet);
        }
        break;
      case K.nextPageToken:
        draft.page ||= top;
        if (top) quiet.isAmapi();
        s.skip();
        break;
      case K.name:
        draft.nameAt = here(s, file);
        draft.name = s.string();
        break;
      case K.policyName:
      case K.ownership:
      case K.managementMode:
        setField(draft.fields, k, s.string());
        break;
      case K.hardwareInfo:
        readHardware(s, draft.fields);
        break;
      case K.applicationReports:
        readReports(s, file, draft, ctx);
        break;
      default:
        if (k >= OSQUERY_ROWS) draft.osquery |= 2;
        else if (k >= OSQUERY_HOST) draft.osquery |= 1;
        s.skip();
    }
  }
  return draft;
}

function setField(fields: Draft['fields'], k: number, value: string | undefined): void {
  if (value === undefined) return;
  if (k === K.policyName) fields.policyName = value;
  else if (k === K.ownership) fields.ownership = value;
  else fields.managementMode = value;
}

function readDevices(s: JsonStream, file: string, path: (string | number)[], ctx: ReadContext, quiet: Quiet): void {
  if (!s.openArray()) {
    ctx.problem('INVENTORY_SHAPE', '"devices" must be an array of Device objects', here(s, file));
    return s.skip();
  }
  for (let d = 0; s.item(d === 0); d++) {
    if (s.peek() !== 0x7b) {
      ctx.problem('INVENTORY_SHAPE', 'a device must be a Device object', here(s, file));
      s.skip();
      continue;
    }
    handOver(readObject(s, file, [...path, 'devices', d], ctx, quiet, false), file, ctx, quiet);
  }
}

/** The device's brand and manufacturer, the two HardwareInfo fields device-level findings read. */
function readHardware(s: JsonStream, fields: Draft['fields']): void {
  if (!s.openObject()) return s.skip();
  const hw: { brand?: string; manufacturer?: string } = {};
  for (let first = true, k: number; (k = s.key(HARDWARE_KEYS, first)) !== END; first = false) {
    if (k < 0) {
      s.skip();
      continue;
    }
    const v = s.string();
    if (v !== undefined) hw[k === 0 ? 'brand' : 'manufacturer'] = v;
  }
  if (hw.brand !== undefined || hw.manufacturer !== undefined) fields.hardwareInfo = hw;
}

/** The loop every report goes through (15 million in a big inventory): one known() look-up per installed app. */
function readReports(s: JsonStream, file: string, draft: Draft, ctx: ReadContext): void {
  draft.reportsAt = here(s, file);
  if (!s.openArray()) {
    draft.reports = 'not-array';
    return s.skip();
  }
  draft.reports = 'read';
  for (let first = true; s.item(first); first = false) {
    if (s.peek() !== 0x7b) {
      ctx.problem('INVENTORY_SHAPE', 'an application report needs a "packageName"', here(s, file));
      s.skip();
      continue;
    }
    readReport(s, file, draft, ctx);
  }
}

function readReport(s: JsonStream, file: string, draft: Draft, ctx: ReadContext): void {
  const line = s.atLine;
  const col = s.atCol;
  // The report's strings stay in the buffer until it is read: its name and version are decoded
  // only if its package turns out to be one the policy flags.
  s.keep(s.offset);
  let pkg: string | undefined;
  let installed = false;
  let name = -1;
  let nameEnd = 0;
  let namePlain = true;
  let version = -1;
  let versionEnd = 0;
  let versionPlain = true;
  s.openObject();
  for (let first = true, k: number; (k = s.key(REPORT_KEYS, first)) !== END; first = false) {
    if (k === R.packageName) pkg = s.string();
    else if (k === R.state) installed = s.stringIs(INSTALLED);
    else if (k === R.displayName) {
      if (s.span()) (name = s.spanStart), (nameEnd = s.spanEnd), (namePlain = s.spanPlain);
    } else if (k === R.versionName) {
      if (s.span()) (version = s.spanStart), (versionEnd = s.spanEnd), (versionPlain = s.spanPlain);
    } else s.skip();
  }
  if (pkg === undefined || pkg === '') {
    s.keep(-1);
    return ctx.problem('INVENTORY_SHAPE', 'an application report needs a "packageName"', { file, line, col });
  }
  if (installed) {
    draft.count++;
    if (ctx.known(pkg)) {
      const app: InstalledApp = { identifier: pkg };
      if (name >= 0) app.name = s.decode(name, nameEnd, namePlain);
      if (version >= 0) app.version = s.decode(version, versionEnd, versionPlain);
      draft.apps.push(app);
    }
  }
  s.keep(-1);
}

/** A Device read whole: checked and handed to the audit. */
function handOver(draft: Draft, file: string, ctx: ReadContext, quiet: Quiet): void {
  const name = draft.name;
  if (name === undefined || !DEVICE_NAME.test(name)) {
    const what = name !== undefined ? `"${name.slice(0, 80)}" is not` : 'the device has no "name";';
    return ctx.problem('INVENTORY_DEVICE_ID', `${what} a device name of the form enterprises/{enterpriseId}/devices/{deviceId}`, draft.nameAt ?? draft.at);
  }
  if (draft.reports === 'not-array') return ctx.problem('INVENTORY_SHAPE', '"applicationReports" must be an array', draft.reportsAt!);
  if (draft.reports === 'absent') {
    quiet.withoutReports++;
    quiet.firstWithout ??= draft.at;
  }
  ctx.device({ id: name, format: 'amapi', platform: 'android', at: { file, path: pointer(draft.path) }, ...draft.fields, appCount: draft.count, apps: draft.apps });
}

function here(s: JsonStream, file: string): InventoryLocation {
  s.peek();
  return { file, line: s.atLine, col: s.atCol };
}

/** A JSON pointer ("/devices/17"): where a finding's device is, without a walk of the text for its line. */
export function pointer(path: (string | number)[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
