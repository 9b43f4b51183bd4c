import type { IosDeviceClass } from '../../../../plan/device-classes.js';
import type { Effect, PlatformModel } from '../types.js';
import { readApple, type AppleReading } from '../apple/read.js';
import { appleDenies, stringList, WEB_FACTS } from './facts.js';
import { webSubjects, type DomainId } from './subjects.js';

/**
 * iPhone and iPad, web: a com.apple.webcontent-filter payload with FilterType BuiltIn (or none:
 * BuiltIn is the default) denies the URLs of its DenyListURLs (from 14.5, counted from 15) and
 * BlacklistedURLs lists on supervised devices. Several filter payloads combine: a URL any deny
 * list names is denied (facts.ts). A plug-in filter is another vendor's and decides nothing here.
 */
export const iosWebModel: PlatformModel<IosDeviceClass, DomainId, AppleReading> = {
  platform: 'ios',
  subjects: webSubjects,
  read: readApple,
  effect(reading, device, subject) {
    const out: Effect[] = [];
    if (!device.supervised) return out;
    for (const profile of reading.profiles) {
      for (const p of profile.payloads) {
        if (p.type !== 'com.apple.webcontent-filter' || (p.keys.FilterType ?? 'BuiltIn') !== 'BuiltIn') continue;
        const lists = [
          ...(device.major >= WEB_FACTS.denyListFromIos ? [stringList(p.keys.DenyListURLs)] : []),
          ...(device.major >= WEB_FACTS.blacklistedFromIos ? [stringList(p.keys.BlacklistedURLs)] : []),
        ];
        if (lists.some((l) => appleDenies(l, subject.id.domain))) out.push({ outcome: 'blocked-in-browser', by: profile.path });
      }
    }
    return out;
  },
  canBlock(fleet, device) {
    return device.supervised && (device.major >= WEB_FACTS.denyListFromIos || fleet.ios!.settings.legacyKeys);
  },
  gaps: (fleet) => fleet.web?.ios?.gaps ?? [],
};
