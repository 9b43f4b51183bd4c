// Build step after tsc: writes each schema family's validators as standalone code into dist/,
// so a compile loads ready validation functions instead of compiling the schemas (issue #8).
import { writeFileSync } from 'node:fs';
import { generatedPath, standaloneSource } from '../dist/validate/validators.js';

for (const family of ['input', 'output', 'base-policy']) writeFileSync(generatedPath(family), standaloneSource(family));
