import type { EnforcementGap, WebPlan } from '../../plan/types.js';
import { APPLE_VERSIONS, below, majorOf } from './apple-enforcement.js';
import type { FleetSettings } from './fleets.js';
import type { WebResolution } from './web.js';

/**
 * Which browsers of a fleet's platforms are told about its blocked domains, and where they are not
 * (docs/web.md). iOS: the built-in web content filter, which installs on supervised devices only
 * (com.apple.webcontent-filter.yaml: "Previously it could only be installed on supervised devices";
 * unsupervised installs from iOS 16 need ContentFilterUUID, a plug-in filter's key), DenyListURLs
 * from 14.5, the deprecated BlacklistedURLs before that with legacyKeys. macOS: the built-in filter
 * does not exist there (FilterType: "In macOS, the system only supports the plug-in value";
 * DenyListURLs macOS n/a), so only a Chrome profile, when the fleet says its Macs take one.
 * Android: Chrome's managed configuration, always written (the app model's reach applies).
 */
export function webPlan(fleet: FleetSettings, web: WebResolution): WebPlan {
  const plan: WebPlan = { ...web };
  const domains = web.blocked.map((d) => d.domain);
  const any = domains.length > 0;
  const gap = (g: Omit<EnforcementGap, 'apps' | 'domains'>): EnforcementGap[] => (any ? [{ ...g, apps: [], domains }] : []);
  if (fleet.ios) {
    const s = fleet.ios;
    const before = below(s.minVersion, APPLE_VERSIONS.denyListUrls);
    const legacyKey = s.supervised && s.legacyKeys && before;
    const gaps = !s.supervised ? gap({ why: 'web-unsupervised' }) : before && !legacyKey ? gap({ why: 'web-before-14.5', toMajor: majorOf(APPLE_VERSIONS.denyListUrls) }) : [];
    plan.ios = { filterProfile: any && s.supervised, legacyKey: any && legacyKey, gaps };
  }
  if (fleet.macos) {
    const chrome = fleet.macos.chrome;
    plan.macos = { chromeProfile: any && chrome, gaps: chrome ? [] : gap({ why: 'web-no-browser-channel' }) };
  }
  if (fleet.android) plan.android = { chromeConfiguration: any, gaps: [] };
  return plan;
}
