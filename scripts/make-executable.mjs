// tsc and the bundler write files without the executable bit; `npx mdm-blocklist` runs dist/bin.cjs
// directly, and `dist/cli.js` is kept runnable the same way.
import { chmodSync } from 'node:fs';

for (const file of ['bin.cjs', 'cli.js']) chmodSync(new URL(`../dist/${file}`, import.meta.url), 0o755);
