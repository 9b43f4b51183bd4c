// Build step after tsc: parses every shipped policy and catalog file once, so the default compile
// reads the result as JSON instead of parsing YAML on every run (issue #8). A file is cached only
// when it parses without any diagnostic and its data survives JSON unchanged. Each entry records
// what checking its data found (input schemas as root and as included file, unsafe text), so a
// compile need not check an unchanged shipped file again.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DiagnosticBag } from '../dist/common/diagnostics/diagnostic.js';
import { PARSE_CACHE_PATH, sha256Hex } from '../dist/pipeline/load/parse-cache.js';
import { parseYaml, structuralTokens } from '../dist/pipeline/load/parse-yaml.js';
import { builtinPoliciesDir } from '../dist/common/paths.js';
import { checkText } from '../dist/pipeline/validate/text.js';
import { schemaDigest, validators } from '../dist/pipeline/validate/validators.js';

rmSync(PARSE_CACHE_PATH, { force: true }); // parse for real, not from a previous build
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));

const cache = {};
for (const file of walk(builtinPoliciesDir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
  const bytes = readFileSync(file);
  const bag = new DiagnosticBag();
  const source = await parseYaml(bytes, file, file, bag);
  if (!source?.positions || bag.items.length > 0) continue;
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(source.data)), source.data)) continue;
  const input = validators('input');
  const text = new DiagnosticBag();
  checkText([{ source, role: 'include' }], text);
  const checked = {
    schemas: schemaDigest('input'),
    root: input.get('root')(source.data),
    include: input.get('fragment')(source.data),
    text: text.items.length === 0,
  };
  cache[sha256Hex(bytes)] = { data: source.data, positions: source.positions.toTables(), checked, tokens: structuralTokens(bytes.toString('utf8')) };
}
mkdirSync(dirname(PARSE_CACHE_PATH), { recursive: true });
writeFileSync(PARSE_CACHE_PATH, JSON.stringify(cache));
