import { parse as parsePlist } from 'plist';
import type { ArtifactBytes } from '../types.js';

/*
 * Apple artifacts as a device receives them, parsed back from their bytes: configuration profiles
 * (XML plist), DDM declarations (JSON) and MDM commands (XML plist). Signed copies hold the same
 * profile in CMS and InstallProfile commands carry one of the profiles as their payload, so the
 * unsigned .mobileconfig stands for what is installed.
 */

export interface ProfilePayload {
  type: string;
  keys: Record<string, unknown>;
}

export interface InstalledProfile {
  path: string;
  /** The profile's PayloadScope (macOS), when it sets one. */
  scope?: string;
  payloads: ProfilePayload[];
}

export interface Declaration {
  path: string;
  type: string;
  identifier: string;
  payload: Record<string, unknown>;
}

export interface AppleReading {
  profiles: InstalledProfile[];
  /** Configurations an activation in the set activates; the others do nothing. */
  activeConfigurations: Declaration[];
  /** RemoveApplication commands by the bundle ID they name. */
  removals: Map<string, string>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function readApple(artifacts: readonly ArtifactBytes[]): AppleReading {
  const profiles: InstalledProfile[] = [];
  const declarations: Declaration[] = [];
  const removals = new Map<string, string>();
  for (const { path, bytes } of artifacts) {
    if (path.includes('/signed/')) continue;
    if (path.endsWith('.json')) {
      const d = record(JSON.parse(utf8.decode(bytes)));
      if (typeof d.Type === 'string' && typeof d.Identifier === 'string') declarations.push({ path, type: d.Type, identifier: d.Identifier, payload: record(d.Payload) });
      continue;
    }
    if (!path.endsWith('.plist') && !path.endsWith('.mobileconfig')) continue;
    const top = record(parsePlist(utf8.decode(bytes)));
    if (top.PayloadType === 'Configuration') {
      const payloads = (Array.isArray(top.PayloadContent) ? top.PayloadContent : []).map(record).map((p) => ({ type: String(p.PayloadType), keys: p }));
      profiles.push({ path, ...(typeof top.PayloadScope === 'string' && { scope: top.PayloadScope }), payloads });
      continue;
    }
    const command = record(top.Command);
    if (command.RequestType === 'RemoveApplication' && typeof command.Identifier === 'string') removals.set(command.Identifier, path);
  }
  return { profiles, activeConfigurations: activated(declarations), removals };
}

/** DDM applies a configuration only when an activation names it (declarative/declarations/activations/simple.yaml). */
function activated(declarations: readonly Declaration[]): Declaration[] {
  const named = new Set(
    declarations
      .filter((d) => d.type === 'com.apple.activation.simple')
      .flatMap((d) => (Array.isArray(d.payload.StandardConfigurations) ? d.payload.StandardConfigurations : []))
      .filter((id): id is string => typeof id === 'string'),
  );
  return declarations.filter((d) => d.type.startsWith('com.apple.configuration.') && named.has(d.identifier));
}

/** The strings of an array value, ignoring anything else. */
export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
