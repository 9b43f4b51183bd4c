// Build step after tsc: precompiles the Handlebars templates (templates/) into dist/, so a compile
// renders them with Handlebars' small runtime instead of loading and running its compiler
// (issue #8). A template edited after the build no longer matches its recorded text and options
// and is compiled at run time, so admins can still reword text in place.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { reportTemplates } from '../dist/pipeline/report/render.js';
import { textTemplates } from '../dist/pipeline/targets/text.js';
import { PRECOMPILED_PATH, precompiledSource } from '../dist/common/precompiled-templates.js';

mkdirSync(dirname(PRECOMPILED_PATH), { recursive: true });
writeFileSync(PRECOMPILED_PATH, precompiledSource([...textTemplates(), ...reportTemplates()]));
