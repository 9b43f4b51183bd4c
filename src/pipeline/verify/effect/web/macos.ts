import type { MacosDeviceClass } from '../../../../plan/device-classes.js';
import type { Effect, PlatformModel } from '../types.js';
import { readApple, userScoped, type AppleReading } from '../apple/read.js';
import { chromeBlocks, stringList, WEB_FACTS } from './facts.js';
import { webSubjects, type DomainId } from './subjects.js';

/**
 * Macs, web: only Google Chrome's com.google.Chrome payload (a device-scoped profile) blocks a
 * domain, through URLBlocklist less URLAllowlist. Apple's built-in filter has no deny list on
 * macOS (FilterType Plugin only; DenyListURLs n/a), so no artifact of the compiler's could block
 * a domain on a fleet that does not say its Macs take Chrome profiles.
 */
export const macosWebModel: PlatformModel<MacosDeviceClass, DomainId, AppleReading> = {
  platform: 'macos',
  subjects: webSubjects,
  read: readApple,
  effect(reading, _device, subject) {
    const out: Effect[] = [];
    for (const profile of reading.profiles) {
      if (userScoped(profile)) continue;
      for (const p of profile.payloads) {
        if (p.type !== WEB_FACTS.chromeMacPayload) continue;
        if (chromeBlocks(stringList(p.keys.URLBlocklist), stringList(p.keys.URLAllowlist), subject.id.domain)) out.push({ outcome: 'blocked-in-browser', by: profile.path });
      }
    }
    return out;
  },
  canBlock: (fleet) => fleet.macos!.settings.chrome,
  gaps: (fleet) => fleet.web?.macos?.gaps ?? [],
};
