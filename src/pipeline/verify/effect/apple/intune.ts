import { readPlistXml } from './plist-xml.js';
import { objectOr } from '../../../../common/json/object.js';
import type { InstalledProfile } from './read.js';

/*
 * Intune's Microsoft Graph request bodies (docs/intune.md) as a device receives them, read from
 * their JSON the way Intune reads it, never through the target that wrote them:
 *
 * - iosGeneralDeviceConfiguration: the hidden-apps list (appsVisibilityList with
 *   appsVisibilityListType "appsNotInListCompliant", Graph appListType: "all apps are compliant
 *   except apps on the list") keeps the listed bundle IDs from being seen or opened, "Automated
 *   device enrollment (supervised)", "iOS 9.3 and newer" (Intune, iOS/iPadOS device restrictions,
 *   "Show or hide apps"): the reach of com.apple.applicationaccess blacklistedAppBundleIDs, as which
 *   it is modelled. The prohibited-apps list (compliantAppsList) only reports: no effect.
 * - macOSCustomConfiguration and iosCustomConfiguration: the payload (Edm.Binary, base64 in JSON)
 *   is a configuration profile Intune installs as it is (Graph v1.0 resource types, "Payload. (UTF8
 *   encoded byte array)"), so the body does what that profile does: Santa's rules, Chrome's
 *   URLBlocklist, the web content filter's deny list.
 */

/** The Graph types whose payload is a whole configuration profile. */
const CUSTOM_CONFIGURATIONS = new Set(['#microsoft.graph.macOSCustomConfiguration', '#microsoft.graph.iosCustomConfiguration']);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The profile an Intune body installs, or undefined when the JSON is no Intune body. */
export function intuneProfile(path: string, body: Record<string, unknown>): InstalledProfile | undefined {
  const type = body['@odata.type'];
  if (type === '#microsoft.graph.iosGeneralDeviceConfiguration') {
    const hidden = body['appsVisibilityListType'] === 'appsNotInListCompliant' && Array.isArray(body['appsVisibilityList']) ? body['appsVisibilityList'] : [];
    const ids = hidden.map((item) => objectOr(item)['appId']).filter((id): id is string => typeof id === 'string');
    return { path, payloads: ids.length > 0 ? [{ type: 'com.apple.applicationaccess', keys: { blacklistedAppBundleIDs: ids } }] : [] };
  }
  if (typeof type === 'string' && CUSTOM_CONFIGURATIONS.has(type) && typeof body['payload'] === 'string') {
    const top = objectOr(readPlistXml(utf8.decode(Buffer.from(body['payload'], 'base64'))));
    if (top['PayloadType'] !== 'Configuration') return { path, payloads: [] };
    const payloads = (Array.isArray(top['PayloadContent']) ? top['PayloadContent'] : []).map(objectOr).map((p) => ({ type: String(p['PayloadType']), keys: p }));
    return { path, ...(typeof top['PayloadScope'] === 'string' && { scope: top['PayloadScope'] }), payloads };
  }
  return undefined;
}
