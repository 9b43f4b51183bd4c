// The Apple schema facts (test/conformance/facts/apple.json, extracted from Apple's
// device-management YAML by scripts/conformance-facts.mjs), indexed by type. The snapshot (18.1)
// and the newer files from the search index can describe the same type; both are kept so a
// caller can pick, and "newest" is the default.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compareVersions } from './apple-os.js';

/** One entry of `payloadkeys` / `subkeys` (docs/schema.yaml); only what the checker reads. */
export interface SchemaKey {
  key: string;
  type: string;
  presence?: 'required' | 'optional';
  supportedOS?: unknown;
  rangelist?: unknown[];
  range?: { min?: number; max?: number };
  format?: string;
  repetition?: { min?: number; max?: number };
  subkeys?: SchemaKey[];
}

export type SchemaKind = 'profile' | 'command' | 'declaration' | 'status';

export interface AppleSchemaFile {
  kind: SchemaKind;
  /** payloadtype / requesttype / declarationtype / statusitemtype */
  type: string;
  /** Path of the source file relative to the sources' apple/ folder. */
  relPath: string;
  source: 'snapshot' | 'newer';
  /** Commit folder name for newer-from-index files. */
  commit?: string;
  /** The type's own facts: its `supportedOS`. */
  payload: { supportedOS?: unknown };
  payloadkeys: SchemaKey[];
  /** Highest OS version the file mentions; orders several newer files of one type. */
  maxVersion: string;
}

export interface SchemaVariants {
  /** What checks use by default: a newer-from-index file beats the snapshot. */
  newest: AppleSchemaFile;
  /** The 18.1 snapshot file, when the type exists there. */
  snapshot?: AppleSchemaFile;
  /** Every file with this type, newest first (payloadtype is not unique per file upstream). */
  all: AppleSchemaFile[];
}

export interface AppleSchemas {
  files: AppleSchemaFile[];
  profiles: Map<string, SchemaVariants>;
  commands: Map<string, SchemaVariants>;
  declarations: Map<string, SchemaVariants>;
  statusItems: Map<string, SchemaVariants>;
}

/** A key as the facts file writes it: a shared subkey list once, with an id, then by that id. */
interface FactKey extends Omit<SchemaKey, 'subkeys'> {
  subkeys?: FactKey[];
  subkeysId?: string;
  subkeysOf?: string;
}

interface FactFile extends Omit<AppleSchemaFile, 'payload' | 'payloadkeys'> {
  supportedOS?: unknown;
  payloadkeys: FactKey[];
}

export const appleFactsPath = path.join(import.meta.dirname, 'facts', 'apple.json');

/** Rebuilds the key tree, shared (and recursive) subkey lists included. */
function keysOf(list: FactKey[], shared: Map<string, SchemaKey[]>): SchemaKey[] {
  return list.map(({ subkeys, subkeysId, subkeysOf, ...facts }) => {
    const key: SchemaKey = { ...facts };
    if (subkeysOf !== undefined) {
      const found = shared.get(subkeysOf);
      if (!found) throw new Error(`apple.json: subkeysOf "${subkeysOf}" names no earlier list`);
      key.subkeys = found;
    } else if (subkeys) {
      const into: SchemaKey[] = [];
      if (subkeysId !== undefined) shared.set(subkeysId, into); // before its items: they may point back at it
      into.push(...keysOf(subkeys, shared));
      key.subkeys = into;
    }
    return key;
  });
}

function newerFirst(a: AppleSchemaFile, b: AppleSchemaFile): number {
  if (a.source !== b.source) return a.source === 'newer' ? -1 : 1;
  return compareVersions(b.maxVersion, a.maxVersion) || a.relPath.localeCompare(b.relPath);
}

/** The committed facts, or `facts` (the text of an apple.json) when given. */
export function loadAppleSchemas(facts = readFileSync(appleFactsPath, 'utf8')): AppleSchemas {
  const raw = JSON.parse(facts) as { files: FactFile[] };
  const files: AppleSchemaFile[] = raw.files.map(({ supportedOS, payloadkeys, ...f }) => ({
    ...f,
    payload: supportedOS === undefined ? {} : { supportedOS },
    payloadkeys: keysOf(payloadkeys, new Map()),
  }));
  const maps: Record<SchemaKind, Map<string, AppleSchemaFile[]>> = {
    profile: new Map(),
    command: new Map(),
    declaration: new Map(),
    status: new Map(),
  };
  for (const f of files) {
    const list = maps[f.kind].get(f.type) ?? [];
    list.push(f);
    maps[f.kind].set(f.type, list);
  }
  const variants = (m: Map<string, AppleSchemaFile[]>): Map<string, SchemaVariants> =>
    new Map(
      [...m].map(([type, list]) => {
        const all = [...list].sort(newerFirst);
        const snapshot = all.find((f) => f.source === 'snapshot');
        return [type, { newest: all[0]!, ...(snapshot ? { snapshot } : {}), all }];
      }),
    );
  return { files, profiles: variants(maps.profile), commands: variants(maps.command), declarations: variants(maps.declaration), statusItems: variants(maps.status) };
}
