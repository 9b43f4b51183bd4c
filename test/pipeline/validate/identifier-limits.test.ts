// Issue 19, "one place for identifier limits": every length limit on an identifier is in
// IDENTIFIER_LIMITS; the schemas' maxLength say the same, and the rules check them with the
// identifier's position (a 300-character bundle ID is a validate error, not ENAMETOOLONG at write).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileText } from '../../../src/index.js';
import { bundleIdRule, checkIdentifier, IDENTIFIER_LIMITS, packageNameRule } from '../../../src/pipeline/validate/identifiers.js';
import { TODAY, located } from '../../helpers/compile.js';

const schema = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../../schemas', name), 'utf8'));

describe('identifier limits', () => {
  it('the schemas carry the limits of IDENTIFIER_LIMITS', () => {
    const catalog = schema('catalog.schema.json');
    const blocklist = schema('blocklist.schema.json');
    expect(catalog.definitions.id.maxLength).toBe(IDENTIFIER_LIMITS.catalogId);
    expect(blocklist.properties.id.maxLength).toBe(IDENTIFIER_LIMITS.policyId);
    expect(blocklist.definitions.androidFleet.properties.policyName.maxLength).toBe(IDENTIFIER_LIMITS.policyName);
  });

  it('a bundle ID fits the file name it gives its RemoveApplication command, with NAME_MAX to spare', () => {
    expect(`remove-${'a'.repeat(IDENTIFIER_LIMITS.bundleId)}.plist`).toHaveLength(255);
    const longest = `com.example.${'a'.repeat(IDENTIFIER_LIMITS.bundleId - 12)}`;
    expect(checkIdentifier(longest, bundleIdRule, 'bundle ID')).toBeUndefined();
    expect(checkIdentifier(longest + 'a', bundleIdRule, 'bundle ID')?.code).toBe('MALFORMED_BUNDLE_ID');
    expect(checkIdentifier(`com.example.${'a'.repeat(IDENTIFIER_LIMITS.packageName - 11)}`, packageNameRule, 'package')?.code).toBe('MALFORMED_PACKAGE_NAME');
  });

  it('the longest bundle ID compiles and its command file is written under its own name', async () => {
    const id = `com.example.${'a'.repeat(IDENTIFIER_LIMITS.bundleId - 12)}`;
    const result = await compileText(`version: 1\nid: org.example.long\nname: Long\nblock:\n  apps:\n    - { id: long, name: Long, ios: { bundleId: ${id} } }\n`, { today: TODAY, baseDir: '/nonexistent' });
    expect(located(result.diagnostics).filter((d) => !d.endsWith('NO_IDENTIFIER_FOR_PLATFORM'))).toEqual([]);
    expect(result.artifacts.map((a) => a.path)).toContain(`default/ios/commands/remove-${id}.plist`);
    for (const a of result.artifacts) for (const part of a.path.split('/')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(255);
  });
});
