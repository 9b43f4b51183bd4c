import type { Platform } from '../../../../plan/types.js';
import type { PlatformModel } from '../types.js';
import { androidWebModel } from './android.js';
import { iosWebModel } from './ios.js';
import { macosWebModel } from './macos.js';

/** The web models: what each platform's devices do with a fleet's blocked domains (docs/effect.md). */
export const WEB_MODELS: Partial<Record<Platform, PlatformModel>> = {
  ios: iosWebModel as PlatformModel,
  macos: macosWebModel as PlatformModel,
  android: androidWebModel as PlatformModel,
};
