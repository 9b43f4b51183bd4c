import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { builtinPoliciesDir } from '../common/paths.js';
import { PARSE_CACHE_PATH, sha256Hex, type ParseCache } from '../pipeline/load/parse-cache.js';
import { parseHere, structuralTokens } from '../pipeline/load/parse-yaml.js';
import { LIMITS } from '../pipeline/load/limits.js';
import { decodeUtf8 } from '../pipeline/load/read-file.js';

/**
 * The parse cache of every shipped policy and catalog file (policies/): what the YAML parser
 * gives for it, keyed by its bytes' sha256. A file is cached only when it parses without any
 * problem and its data survives JSON unchanged. Nothing is validated here: that stays at run time.
 */
export async function buildParseCache(dir = builtinPoliciesDir): Promise<ParseCache> {
  const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  const cache: ParseCache = {};
  for (const file of walk(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const bytes = readFileSync(file);
    if (bytes.byteLength > LIMITS.maxFileBytes) continue;
    let text: string;
    try {
      text = decodeUtf8(bytes);
    } catch {
      continue; // not UTF-8: the loader reports it at run time
    }
    const { problems, parsed } = await parseHere(text);
    if (problems.length > 0 || !parsed?.jsonSafe) continue;
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(parsed.data)), parsed.data)) continue;
    cache[sha256Hex(bytes)] = { data: parsed.data, positions: parsed.positions.toTables(), tokens: structuralTokens(text) };
  }
  return cache;
}

/** Build step: writes the cache to dist/pipeline/load/policies.parsed.json. */
export async function writeParseCache(): Promise<void> {
  const cache = await buildParseCache();
  mkdirSync(dirname(PARSE_CACHE_PATH), { recursive: true });
  writeFileSync(PARSE_CACHE_PATH, JSON.stringify(cache));
}
