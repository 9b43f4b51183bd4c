import type { Platform } from './types.js';

/** How the report and the CLI name each platform. */
export const PLATFORM_LABELS: Readonly<Record<Platform, string>> = { ios: 'iOS / iPadOS', macos: 'macOS', android: 'Android' };

/** What an identifier is called on each platform. */
export const IDENTIFIER_LABELS: Readonly<Record<Platform, string>> = { ios: 'bundle ID', macos: 'bundle ID', android: 'package' };
