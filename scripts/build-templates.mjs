// Build step after tsc: precompiles templates/*.hbs into dist/, so a compile renders them with
// handlebars' small runtime instead of loading its compiler (issue #8). A template edited after
// the build no longer matches its recorded text and is compiled at run time.
import { writeFileSync } from 'node:fs';
import { PRECOMPILED_PATH, precompiledSource } from '../dist/targets/text.js';

writeFileSync(PRECOMPILED_PATH, precompiledSource());
