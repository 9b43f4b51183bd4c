// Build step after tsc: bundles the CLI (dist/cli.js, replaced in place) with its dependencies
// into a few files, so a command's start reads and compiles a handful of modules instead of
// about a hundred (issue #8). Lazy imports stay lazy (yaml is its own chunk, loaded only when a
// file needs parsing); chunks sit in dist/ itself because src/paths.ts finds the package root one
// folder above the running module. The library (dist/index.js) is not bundled.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
for (const f of readdirSync(dist)) if (/^cli-.+\.js$/.test(f)) rmSync(join(dist, f));

await build({
  input: { cli: join(dist, 'cli.js') },
  platform: 'node',
  // ES module builds where a package has both: jsonc-parser's UMD build hides its requires from the bundler.
  resolve: { mainFields: ['module', 'main'] },
  // plist's parser (and @xmldom with it) is never used: let tree-shaking drop it.
  treeshake: { moduleSideEffects: (id) => !/node_modules[\\/](plist|@xmldom)[\\/]/.test(id) },
  output: { dir: dist, entryFileNames: '[name].js', chunkFileNames: 'cli-[name]-[hash].js', format: 'esm' },
  logLevel: 'warn',
});
