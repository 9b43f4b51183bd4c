// Build step after tsc: writes each schema family's validators as standalone code into dist/,
// so a compile loads ready validation functions instead of compiling the schemas (issue #8), and
// records the schema files' digests and times, so a compile need not hash them to trust that code.
import { writeFileSync } from 'node:fs';
import { generatedPath, schemaStamps, standaloneSource, STAMPS_PATH } from '../dist/pipeline/validate/validators.js';

for (const family of ['input', 'output', 'base-policy']) writeFileSync(generatedPath(family), standaloneSource(family));
writeFileSync(STAMPS_PATH, schemaStamps());
