import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../../../../scripts/conformance-facts.mjs';
import { AMAPI_FACTS, INSTALLED_OR_OFFERED } from '../../../../src/pipeline/verify/effect/android/facts.js';
import { loadDiscovery } from '../../../conformance/amapi-schema.js';
import { conformanceSources } from '../../../conformance/locate.js';

/** Every fact the Android effect model encodes is quoted from the discovery document: this keeps the quotes true. */
describe('the Android effect model facts', () => {
  it('the install types that put an app on the work side are the enum less BLOCKED', () => {
    const d = loadDiscovery();
    expect([...INSTALLED_OR_OFFERED].sort()).toEqual(d.schemas['ApplicationPolicy']!.properties!['installType']!.enum!.filter((v) => v !== 'BLOCKED').sort());
  });

  // The quotes are prose, which the committed facts do not keep: they are checked against the
  // discovery document itself where it is on this machine (CI has it; under CI=true it must be).
  if (conformanceSources || process.env['CI'] === 'true') {
    it.each(Object.entries(AMAPI_FACTS))('%s is quoted from the discovery document', (_, fact) => {
      // Compared as JSON writes the text, so escapes (\" in a quote) are the same on both sides.
      const all = JSON.stringify(JSON.parse(readFileSync(sourceFiles(conformanceSources ?? 'missing').discovery, 'utf8')));
      expect(all).toContain(JSON.stringify(fact.quote).slice(1, -1));
    });
  }
});
