import type { DiagnosticBag } from '../../../common/diagnostics/diagnostic.js';
import type { App, Platform, Provenance } from '../../../plan/types.js';

/** Blocked apps without an identifier for a platform, gathered over the fleets, reported once each. */
export class MissingIdentifiers {
  private readonly missing = new Map<string, { app: App; platform: Platform; fleets: string[]; at: Provenance['at'] }>();

  note(app: App, platform: Platform, fleet: string, at: Provenance['at']): void {
    const key = `${app.id}|${platform}`;
    const entry = this.missing.get(key) ?? { app, platform, fleets: [], at };
    entry.fleets.push(fleet);
    this.missing.set(key, entry);
  }

  /** NO_IDENTIFIER_FOR_PLATFORM: a rule blocks the app, but nothing names it on the platform. */
  report(bag: DiagnosticBag): void {
    for (const { app, platform, fleets, at } of this.missing.values()) {
      const label = platform === 'ios' ? 'iOS bundle ID' : 'Android package name';
      bag.add('NO_IDENTIFIER_FOR_PLATFORM', `"${app.id}" (${app.name}) has no ${label}: it cannot be blocked on ${platform} in fleet ${fleets.map((f) => `"${f}"`).join(', ')}`, at);
    }
  }
}
