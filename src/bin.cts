#!/usr/bin/env node
// The installed command. CommonJS, so a cold start skips the ES module loader; it loads the
// bundled CLI (dist/cli.cjs, scripts/bundle-cli.mjs) from V8's code cache where the build saved one.
import { useCodeCache } from './code-cache.cjs';

useCodeCache(__dirname);
void (require('./cli.cjs') as typeof import('./cli.js')).runProcess();
