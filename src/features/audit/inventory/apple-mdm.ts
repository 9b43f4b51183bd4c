import type { PlistValue } from './plist-xml.js';
import type { InstalledApp, InventoryLocation, ReadContext } from './types.js';

type Dict = { [key: string]: PlistValue };

/** Where a value of the plist is, for diagnostics: line and column in XML, the key path in both. */
export type PlistLocator = (value: object | undefined, path: (string | number)[]) => InventoryLocation;

/**
 * One response to the `InstalledApplicationList` command, as an MDM server stores it: the
 * response keys of mdm/commands/application.installed.list.yaml (Apple device-management repo)
 * — `InstalledApplicationList[]` of {Identifier, Name, ShortVersion, …} — with the keys every
 * command response has: `CommandUUID`, `Status`, and `UDID` (device channel) or `EnrollmentID`
 * (a User Enrollment) naming the enrollment.
 */
export function readAppleResponse(value: PlistValue, locate: PlistLocator, ctx: ReadContext): void {
  if (!isDict(value)) return ctx.problem('INVENTORY_NOT_RESPONSE', 'the plist is not a dictionary, so not an MDM command response', locate(undefined, []));
  const list = value['InstalledApplicationList'];
  const status = value['Status'];
  if (list === undefined) {
    const what = typeof value['RequestType'] === 'string' || isDict(value['Command']) ? 'an MDM command, not its response' : typeof status === 'string' ? 'a command response without InstalledApplicationList (the response to another command)' : 'not an InstalledApplicationList command response';
    return ctx.problem('INVENTORY_NOT_RESPONSE', `the plist is ${what}`, locate(value, []));
  }
  if (status !== undefined && status !== 'Acknowledged') {
    return ctx.problem('INVENTORY_COMMAND_FAILED', `the device answered with Status "${String(status)}", so the response lists no apps`, locate(value, ['Status']));
  }
  const id = deviceId(value);
  if (!id) return ctx.problem('INVENTORY_DEVICE_ID', 'the response has neither a UDID nor an EnrollmentID string naming the device', locate(value, []));
  if (!Array.isArray(list)) return ctx.problem('INVENTORY_SHAPE', 'InstalledApplicationList must be an array', locate(value, ['InstalledApplicationList']));

  const apps: InstalledApp[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isDict(item)) {
      ctx.problem('INVENTORY_SHAPE', 'an InstalledApplicationList item must be a dictionary', locate(list, ['InstalledApplicationList', i]));
      continue;
    }
    // "This key is always present on iOS and tvOS, but may be missing on macOS": such an app
    // cannot be matched by identifier, only counted.
    const identifier = item['Identifier'];
    if (typeof identifier !== 'string' || !ctx.known(identifier)) continue;
    const app: InstalledApp = { identifier };
    if (typeof item['Name'] === 'string') app.name = item['Name'];
    const version = item['ShortVersion'] ?? item['Version'];
    if (typeof version === 'string') app.version = version;
    apps.push(app);
  }
  ctx.device({
    id: id.value,
    format: 'apple-mdm',
    platform: 'apple',
    at: locate(value, []),
    ...(id.key === 'EnrollmentID' && { userEnrollment: true }),
    appCount: list.length,
    apps,
  });
}

function deviceId(response: Dict): { key: 'UDID' | 'EnrollmentID'; value: string } | undefined {
  for (const key of ['UDID', 'EnrollmentID'] as const) {
    const v = response[key];
    if (typeof v === 'string' && v.trim() !== '') return { key, value: v };
  }
  return undefined;
}

function isDict(v: PlistValue | undefined): v is Dict {
  return v !== undefined && typeof v === 'object' && !Array.isArray(v);
}

