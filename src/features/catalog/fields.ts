import type { App, Domain, Identifier, Platform, Publisher } from '../../plan/types.js';

/** One identifier of an app or publisher, with what it is. */
export interface LabelledIdentifier {
  /** 'web': a web domain, blocked in managed browsers on every platform (docs/web.md). */
  platform: Platform | 'web';
  field: 'bundleId' | 'appStoreId' | 'teamId' | 'package' | 'domain';
  /** How people call it: "iOS bundle ID", "Android package", … */
  label: string;
  identifier: Identifier;
}

const apple = (app: App, platform: 'ios' | 'macos'): LabelledIdentifier[] => {
  const name = platform === 'ios' ? 'iOS' : 'macOS';
  const ids = app[platform];
  const out: LabelledIdentifier[] = [];
  if (ids.bundleId) out.push({ platform, field: 'bundleId', label: `${name} bundle ID`, identifier: ids.bundleId });
  if (ids.appStoreId) out.push({ platform, field: 'appStoreId', label: `${name} App Store id`, identifier: ids.appStoreId });
  if (ids.teamId) out.push({ platform, field: 'teamId', label: `${name} Team ID`, identifier: ids.teamId });
  return out;
};

/** Every identifier of an app, iOS then macOS then Android, then its web domains. */
export function appIdentifiers(app: App): LabelledIdentifier[] {
  const out = [...apple(app, 'ios'), ...apple(app, 'macos')];
  if (app.android.package) out.push({ platform: 'android', field: 'package', label: 'Android package', identifier: app.android.package });
  return [...out, ...domains(app.domains)];
}

/** A publisher's Apple Team IDs (they apply to its Apple platforms alike), then its web domains. */
export function publisherIdentifiers(publisher: Publisher): LabelledIdentifier[] {
  return [...publisher.teamIds.map((identifier): LabelledIdentifier => ({ platform: 'macos', field: 'teamId', label: 'Apple Team ID', identifier })), ...domains(publisher.domains)];
}

function domains(list: readonly Domain[]): LabelledIdentifier[] {
  return list.map((identifier) => ({ platform: 'web', field: 'domain', label: identifier.shared ? 'web domain (shared, never blocked)' : 'web domain', identifier }));
}
