import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuiltModule } from '../../src/common/built-module.js';
import { generatedPath } from '../../src/pipeline/validate/validators.js';
import { repoRoot } from '../helpers/cli.js';

// One loader for what the build writes into dist/ (validators, templates, the plist parser).
describe('loadBuiltModule', () => {
  it('loads a module the build wrote', () => {
    const mod = loadBuiltModule<Record<string, unknown>>(generatedPath('input'));
    expect(Object.values(mod).some((v) => typeof v === 'function')).toBe(true);
  });

  it('says the package is not built, naming the file and the command, when the module is missing', () => {
    const missing = join(repoRoot, 'dist', 'no-such.generated.cjs');
    expect(() => loadBuiltModule(missing)).toThrow(`mdm-blocklist is not built: ${missing} cannot be loaded (run \`npm run build\`)`);
  });
});
