import type { Platform } from '../../../plan/types.js';
import { androidModel } from './android/model.js';
import { iosModel } from './apple/ios.js';
import { macosModel } from './apple/macos.js';
import type { PlatformModel } from './types.js';

/**
 * The platform models the effect check runs. A platform without one is reported unchecked
 * (EFFECT_UNCHECKED); docs/effect.md says how to add one.
 */
export const EFFECT_MODELS: Partial<Record<Platform, PlatformModel>> = {
  ios: iosModel as PlatformModel,
  macos: macosModel as PlatformModel,
  android: androidModel as PlatformModel,
};
