// Build step after tsc: bundles the CLI (dist/cli.js, as tsc wrote it) with its dependencies into
// CommonJS (dist/cli.cjs and dist/cli-*.cjs), so a command's start reads a handful of files
// instead of about a hundred and skips the ES module loader (issue #8); dist/bin.cjs, the
// installed command, loads it. Lazy imports stay lazy (yaml and pkijs are chunks loaded only when
// needed); chunks sit in dist/ itself because src/common/paths.ts finds the package root one folder
// above the running module. dist/cli.js then becomes a two-line ES module that runs the same
// command, for `node dist/cli.js`. The library (dist/index.js) is not bundled.
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
for (const f of readdirSync(dist)) if (/^cli(-.+)?\.c?js$/.test(f) && f !== 'cli.js') rmSync(join(dist, f));

await build({
  input: { cli: join(dist, 'cli.js') },
  platform: 'node',
  // ES module builds where a package has both: jsonc-parser's UMD build hides its requires from the bundler.
  resolve: { mainFields: ['module', 'main'] },
  // plist's parser (and @xmldom with it) is never used: let tree-shaking drop it.
  treeshake: { moduleSideEffects: (id) => !/node_modules[\\/](plist|@xmldom)[\\/]/.test(id) },
  output: { dir: dist, entryFileNames: '[name].cjs', chunkFileNames: 'cli-[name]-[hash].cjs', format: 'cjs' },
  logLevel: 'warn',
});

// Every function of the bundle compiled with its file, so Node's compile cache holds it (src/build/eager.ts).
const { eagerFunctions } = await import('../dist/build/eager.js');
for (const f of readdirSync(dist)) if (/^cli(-.+)?\.cjs$/.test(f)) writeFileSync(join(dist, f), eagerFunctions(readFileSync(join(dist, f), 'utf8'), f));

// The `plist` package's XML parser, which the effect check falls back to for a plist its one-pass
// reader does not expect (src/pipeline/verify/effect/apple/plist-xml.ts), as a CommonJS module of
// its own: the package is ES modules only, and the fallback is synchronous and rare, so it is
// loaded with require() when taken instead of with every compile.
const plistEntry = join(dirname(fileURLToPath(import.meta.resolve('plist'))), 'parse.js');
await build({
  input: plistEntry,
  platform: 'node',
  output: { file: join(dist, 'pipeline', 'verify', 'effect', 'apple', 'plist-parse.generated.cjs'), format: 'cjs' },
  logLevel: 'warn',
});

writeFileSync(join(dist, 'cli.js'), "#!/usr/bin/env node\n// The CLI is bundled into cli.cjs (scripts/bundle-cli.mjs); bin.cjs runs it.\nimport './bin.cjs';\n");

// tsc and the bundler write files without the executable bit; `npx mdm-blocklist` runs dist/bin.cjs
// directly, and `dist/cli.js` is kept runnable the same way.
for (const file of ['bin.cjs', 'cli.js']) chmodSync(join(dist, file), 0o755);
