import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AMAPI_FACTS, INSTALLED_OR_OFFERED } from '../../../../src/pipeline/verify/effect/android/facts.js';
import { conformanceDir, warnIfSkipped } from '../../../conformance/locate.js';

/** Every fact the Android effect model encodes is quoted from the discovery document: this keeps the quotes true. */
warnIfSkipped();

describe.skipIf(!conformanceDir)('the Android effect model facts', () => {
  const doc = conformanceDir ? readFileSync(resolve(conformanceDir, 'android/androidmanagement-v1.json'), 'utf8') : '';
  // Compared as the JSON writes the text: escapes (\" in a quote) the same on both sides.
  const all = doc ? JSON.stringify(JSON.parse(doc)) : '';

  it.each(Object.entries(AMAPI_FACTS))('%s is quoted from the discovery document', (_, fact) => {
    expect(all).toContain(JSON.stringify(fact.quote).slice(1, -1));
  });

  it('the install types that put an app on the work side are the enum less BLOCKED', () => {
    const d = JSON.parse(doc) as { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> };
    expect([...INSTALLED_OR_OFFERED].sort()).toEqual(d.schemas['ApplicationPolicy']!.properties['installType']!.enum!.filter((v) => v !== 'BLOCKED').sort());
  });
});
