#!/usr/bin/env node
// The installed command. CommonJS, so a cold start skips the ES module loader. Where the running
// Node has it (22.1 and later), Node's own compile cache keeps V8's compiled code of the bundled
// CLI between runs: Node keys it by its version and checks each file's content hash, so an edited
// file is compiled afresh. NODE_COMPILE_CACHE, if set, chooses its folder (Node's own variable).
import Module = require('node:module');

(Module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
void (require('./cli.cjs') as typeof import('./cli.js')).runProcess();
