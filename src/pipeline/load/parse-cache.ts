import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { resolve, sep } from 'node:path';
import { builtinPoliciesDir, packageRoot } from '../../common/paths.js';
import { PositionIndex, type PositionTables } from './positions.js';

// The cache is data the build wrote into dist/ (src/build/parse-cache.ts), loaded as a module of
// the package, only when a shipped file is read.
const require = createRequire(import.meta.url);

/**
 * The shipped policies and catalog, parsed at build time: the default compile then reads JSON
 * instead of running the YAML parser, which on a cold start is most of the run. Entries are
 * keyed by the sha256 of the file's bytes and hold what the parser gives for them and nothing
 * else (data, positions, value count): an edited file is parsed like any other, and every file
 * is validated at run time.
 */
export const PARSE_CACHE_PATH = resolve(packageRoot, 'dist', 'pipeline', 'load', 'policies.parsed.json');

export interface ParseCacheEntry {
  data: unknown;
  positions: PositionTables;
  /** The file's structural tokens, which count against the policy's value cap as if parsed. */
  tokens: number;
}

/** Entries by the sha256 of the file's bytes. */
export type ParseCache = Record<string, ParseCacheEntry>;

let entries: Map<string, ParseCacheEntry> | undefined;
let known: Set<string> | undefined;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The build's parse of a file under policies/ with these bytes, if it has one. Files elsewhere
 * are not looked up, so compiling an admin's own files never loads the cache. (The package root
 * comes from the module's own real path, as do the loader's absolute paths.)
 */
export function cachedParse(absPath: string, bytes: Uint8Array): { data: unknown; positions: PositionIndex; tokens: number } | undefined {
  if (!absPath.startsWith(builtinPoliciesDir + sep)) return undefined;
  const key = sha256Hex(bytes);
  if (!entries || (!entries.has(key) && known?.has(key))) read();
  const entry = entries!.get(key);
  if (!entry) return undefined;
  // Handed over, not shared: a later compile in this process reads the file again.
  entries!.delete(key);
  return { data: entry.data, positions: PositionIndex.fromTables(entry.positions), tokens: entry.tokens };
}

function read(): void {
  let cache: ParseCache = {};
  try {
    // Required afresh each time: the entries are handed over, not shared.
    delete require.cache[PARSE_CACHE_PATH];
    cache = require(PARSE_CACHE_PATH) as ParseCache;
  } catch {
    // Not built: every file is parsed.
  }
  entries = new Map(Object.entries(cache));
  known = new Set(entries.keys());
}
