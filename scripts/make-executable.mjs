// tsc writes dist/cli.js without the executable bit; `npx mdm-blocklist` runs the file directly.
import { chmodSync } from 'node:fs';

chmodSync(new URL('../dist/cli.js', import.meta.url), 0o755);
