import type { App, Identifier, Platform, Publisher } from '../../plan/types.js';

/** One identifier of an app or publisher, with what it is. */
export interface LabelledIdentifier {
  platform: Platform;
  field: 'bundleId' | 'appStoreId' | 'teamId' | 'package';
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

/** Every identifier of an app, iOS then macOS then Android. */
export function appIdentifiers(app: App): LabelledIdentifier[] {
  const out = [...apple(app, 'ios'), ...apple(app, 'macos')];
  if (app.android.package) out.push({ platform: 'android', field: 'package', label: 'Android package', identifier: app.android.package });
  return out;
}

/** A publisher's Apple Team IDs (they apply to its Apple platforms alike). */
export function publisherIdentifiers(publisher: Publisher): LabelledIdentifier[] {
  return publisher.teamIds.map((identifier) => ({ platform: 'macos', field: 'teamId', label: 'Apple Team ID', identifier }));
}
