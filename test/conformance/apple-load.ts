// Loads and indexes every Apple schema YAML under <conformance>/apple. The snapshot (18.1) and
// the newer files copied from the search index can describe the same type; both are kept so a
// caller can pick, and "newest" is the default.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
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
  [field: string]: unknown;
}

export type SchemaKind = 'profile' | 'command' | 'declaration' | 'status';

export interface AppleSchemaFile {
  kind: SchemaKind;
  /** payloadtype / requesttype / declarationtype / statusitemtype */
  type: string;
  /** Path relative to <conformance>/apple. */
  relPath: string;
  source: 'snapshot' | 'newer';
  /** Commit folder name for newer-from-index files. */
  commit?: string;
  payload: Record<string, unknown>;
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
  dir: string;
  files: AppleSchemaFile[];
  profiles: Map<string, SchemaVariants>;
  commands: Map<string, SchemaVariants>;
  declarations: Map<string, SchemaVariants>;
  statusItems: Map<string, SchemaVariants>;
}

const KIND_FIELDS: [string, SchemaKind][] = [
  ['payloadtype', 'profile'],
  ['requesttype', 'command'],
  ['declarationtype', 'declaration'],
  ['statusitemtype', 'status'],
];

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'docs') out.push(...yamlFiles(p)); // docs/schema.yaml describes the format itself
    } else if (e.name.endsWith('.yaml')) out.push(p);
  }
  return out.sort();
}

/** Highest version string anywhere in the document; guarded because aliases can be recursive. */
function maxVersionIn(doc: unknown): string {
  let max = '0';
  const seen = new Set<object>();
  const visit = (v: unknown): void => {
    if (!v || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    for (const [k, child] of Object.entries(v)) {
      if ((k === 'introduced' || k === 'deprecated' || k === 'removed') && /^\d+(\.\d+)*$/.test(String(child))) {
        if (compareVersions(String(child), max) > 0) max = String(child);
      } else visit(child);
    }
  };
  visit(doc);
  return max;
}

function newerFirst(a: AppleSchemaFile, b: AppleSchemaFile): number {
  if (a.source !== b.source) return a.source === 'newer' ? -1 : 1;
  return compareVersions(b.maxVersion, a.maxVersion) || a.relPath.localeCompare(b.relPath);
}

export function loadAppleSchemaFile(appleDir: string, file: string): AppleSchemaFile {
  const relPath = path.relative(appleDir, file).split(path.sep).join('/');
  // Anchors/aliases share subkey lists; the yaml package resolves recursive ones to cyclic objects.
  const doc: unknown = parse(readFileSync(file, 'utf8'), { maxAliasCount: -1 });
  if (!doc || typeof doc !== 'object') throw new Error(`${relPath}: not a YAML mapping`);
  const { payload, payloadkeys } = doc as { payload?: unknown; payloadkeys?: unknown };
  if (!payload || typeof payload !== 'object') throw new Error(`${relPath}: no payload section`);
  const p = payload as Record<string, unknown>;
  const found = KIND_FIELDS.find(([field]) => typeof p[field] === 'string');
  if (!found) throw new Error(`${relPath}: payload has no payloadtype/requesttype/declarationtype/statusitemtype`);
  const newer = /^newer-from-index\/([^/]+)\//.exec(relPath);
  return {
    kind: found[1],
    type: p[found[0]] as string,
    relPath,
    source: newer ? 'newer' : 'snapshot',
    ...(newer?.[1] ? { commit: newer[1] } : {}),
    payload: p,
    payloadkeys: Array.isArray(payloadkeys) ? (payloadkeys as SchemaKey[]) : [],
    maxVersion: maxVersionIn(doc),
  };
}

/** `dir` is the conformance folder (holding apple/) or the apple folder itself. */
export function loadAppleSchemas(dir: string): AppleSchemas {
  const appleDir = path.basename(dir) === 'apple' ? dir : path.join(dir, 'apple');
  const files = yamlFiles(appleDir).map((f) => loadAppleSchemaFile(appleDir, f));
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
  return {
    dir: appleDir,
    files,
    profiles: variants(maps.profile),
    commands: variants(maps.command),
    declarations: variants(maps.declaration),
    statusItems: variants(maps.status),
  };
}
