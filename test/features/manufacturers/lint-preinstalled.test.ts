import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/cli.js';

/** android.preinstalled changes what the report says BLOCKED does on a device: lint wants its evidence (issue #20). */
const work = mkdtempSync(join(tmpdir(), 'mdm-blocklist-preinstalled-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('catalog lint on android.preinstalled', () => {
  it('refuses a pre-installed claim with no source, at the claim', async () => {
    writeFileSync(
      join(work, 'maker.yaml'),
      [
        'version: 1',
        'publishers:',
        '  - { id: maker, name: Maker, sources: [{ text: registry, url: "https://example.com/r" }] }',
        'apps:',
        '  - id: maker-store',
        '    name: Maker Store',
        '    publisher: maker',
        '    android:',
        '      package: { value: com.maker.store, sources: [{ text: listing, url: "https://example.com/s" }] }',
        '      preinstalled: {}',
        '',
      ].join('\n'),
    );
    const r = await runMain(['catalog', 'lint', 'maker.yaml'], { cwd: work });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('maker.yaml:10:21: error IDENTIFIER_NO_SOURCE:');
  });
});
