import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { builtinPoliciesDir, packageRoot } from '../../common/paths.js';
import { PositionIndex, type PositionTables } from './positions.js';

/**
 * The shipped policies and catalog, parsed at build time (scripts/build-parse-cache.mjs): the
 * default compile then reads JSON instead of running the YAML parser, which on a cold start is
 * most of the run. An entry is used only for a file under policies/ whose bytes have the same
 * sha256 as at build time, so an edited file is parsed like any other.
 */
export const PARSE_CACHE_PATH = resolve(packageRoot, 'dist', 'pipeline', 'load', 'policies.parsed.json');

export interface ParseCacheEntry {
  data: unknown;
  positions: PositionTables;
  checked: BuildChecks;
  /** The file's structural tokens, which count against the policy's value cap as if parsed. */
  tokens: number;
}

/**
 * What the build found checking the file's data, which is a function of the data alone: whether
 * it is valid as a root policy and as an included file against the input schemas with this
 * digest, and whether its text is safe for the outputs.
 */
export interface BuildChecks {
  schemas: string;
  root: boolean;
  include: boolean;
  text: boolean;
}

/** Entries by the sha256 of the file's bytes. */
export type ParseCache = Record<string, ParseCacheEntry>;

let entries: Map<string, ParseCacheEntry> | undefined;
let known: Set<string> | undefined;
let builtinDir: string | undefined;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function cachedParse(absPath: string, bytes: Uint8Array): { data: unknown; positions: PositionIndex; checked: BuildChecks; tokens: number } | undefined {
  builtinDir ??= realpathOr(builtinPoliciesDir);
  if (!absPath.startsWith(builtinDir + sep)) return undefined;
  const key = sha256Hex(bytes);
  if (!entries || (!entries.has(key) && known?.has(key))) read();
  const entry = entries!.get(key);
  if (!entry) return undefined;
  // Handed over, not shared: a later compile in this process reads the file again.
  entries!.delete(key);
  return { data: entry.data, positions: PositionIndex.fromTables(entry.positions), checked: entry.checked, tokens: entry.tokens };
}

function read(): void {
  const cache = existsSync(PARSE_CACHE_PATH) ? (JSON.parse(readFileSync(PARSE_CACHE_PATH, 'utf8')) as ParseCache) : {};
  entries = new Map(Object.entries(cache));
  known = new Set(entries.keys());
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
