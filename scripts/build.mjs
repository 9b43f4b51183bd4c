// `npm run build`: the whole build, in order. dist/ is made afresh, so nothing of an earlier build
// (or of a file since deleted from src/) survives into it.
//   1. tsc: src/ to dist/ (JavaScript and declarations);
//   2. the JSON Schemas (schemas/) as ajv standalone validators (src/build/validators.ts);
//   3. the Handlebars templates (templates/) precompiled (src/build/templates.ts);
//   4. the shipped policies/ parsed, keyed by each file's sha256 (src/build/parse-cache.ts);
//   5. the CLI bundled into CommonJS, and the `plist` package's XML parser, which the effect
//      check loads only on its rare fallback path, into a module of its own (scripts/bundle-cli.mjs).
// The library uses 2-5 as the build wrote them and never reads schemas/ or templates/ itself.
// `--if-changed` (npm's pretest) builds only when an input differs from what the last build read,
// so `npm ci` then `npm test` builds once, while an edited source is never tested stale.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stampPath = join(root, 'dist', 'build-inputs.sha256');
const inputs = ['src', 'schemas', 'templates', 'policies', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
const inputsDigest = digestOf(inputs);
if (process.argv.includes('--if-changed') && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === inputsDigest) process.exit(0);

/** sha256 over every input file's path and bytes, in a fixed order. */
function digestOf(paths) {
  const hash = createHash('sha256');
  const visit = (rel) => {
    const abs = join(root, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) for (const name of readdirSync(abs).sort()) visit(join(rel, name));
    else hash.update(`${rel}\0`).update(readFileSync(abs)).update('\0');
  };
  for (const path of inputs) visit(path);
  return hash.digest('hex');
}

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });

const { writeValidators } = await import('../dist/build/validators.js');
const { writeTemplates } = await import('../dist/build/templates.js');
const { writeParseCache } = await import('../dist/build/parse-cache.js');
writeValidators();
writeTemplates();
await writeParseCache();
await import('./bundle-cli.mjs');
writeFileSync(stampPath, inputsDigest);
