import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDiscovery, type DiscoveryProperty } from '../conformance/amapi-schema.js';
import { sourceFiles } from '../../scripts/conformance-facts.mjs';
import { conformanceSources } from '../conformance/locate.js';
import { REMOVED_FIELDS } from '../../src/pipeline/validate/removed-fields.js';
import { MODE_BOUND_FIELDS } from '../../src/pipeline/resolve/android-base.js';

/**
 * schemas/amapi-base-policy.schema.json is written from the discovery document; this keeps it in
 * step: the same field names, the same JSON types, the same enums where the compiler decides.
 */
interface JsonSchema {
  type?: string | string[];
  pattern?: string;
  $ref?: string;
  enum?: string[];
  properties?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
}

const schema = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../schemas/amapi-base-policy.schema.json'), 'utf8')) as JsonSchema;

/**
 * The JSON type a discovery property has on the wire ("any" has none). An int64 is a decimal
 * string in the document, and proto3 JSON, which AMAPI reads, takes a number too: "Either numbers
 * or strings are accepted" (https://protobuf.dev/programming-guides/json/).
 */
function wireType(p: DiscoveryProperty): string | string[] | undefined {
  if (p.$ref) return 'object';
  if (p.format === 'int64') return ['integer', 'string'];
  return p.type === 'any' ? undefined : p.type;
}

describe('the base policy schema against the discovery document', () => {
  const d = loadDiscovery();
  const pairs: [string, JsonSchema][] = [
    ['Policy', schema],
    ...['ApplicationPolicy', 'PersonalUsagePolicies', 'PersonalApplicationPolicy', 'AdvancedSecurityOverrides'].map((n) => [n, schema.definitions![n]!] as [string, JsonSchema]),
  ];

  it.each(pairs.map(([n]) => n))('%s: every field, with its JSON type and enum', (name) => {
    const ours = pairs.find(([n]) => n === name)![1];
    const theirs = d!.schemas[name]!.properties!;
    expect(Object.keys(ours.properties!).sort()).toEqual(Object.keys(theirs).sort());
    for (const [field, prop] of Object.entries(theirs)) {
      const mine = ours.properties![field]!;
      const type = mine.$ref ? 'object' : mine.type;
      expect(type, `${name}.${field}`).toEqual(wireType(prop));
      if (prop.format === 'int64') expect(mine.pattern, `${name}.${field}`).toBe('^-?[0-9]{1,19}$');
      if (mine.enum) expect(mine.enum, `${name}.${field}`).toEqual(prop.enum);
    }
  });

  it('carries the enums the compiler decides on', () => {
    const enums = pairs.flatMap(([n, s]) => Object.entries(s.properties!).filter(([, p]) => p.enum).map(([f]) => `${n}.${f}`));
    expect(enums.sort()).toEqual(['AdvancedSecurityOverrides.untrustedAppsPolicy', 'ApplicationPolicy.installType', 'PersonalApplicationPolicy.installType', 'PersonalUsagePolicies.personalPlayStoreMode', 'Policy.playStoreMode']);
  });

  it.each(REMOVED_FIELDS.map((r) => `${r.owner}.${r.field}`))('%s is not in the document, and what the message names instead is', (name) => {
    const r = REMOVED_FIELDS.find((x) => `${x.owner}.${x.field}` === name)!;
    expect(Object.keys(d!.schemas[r.owner]!.properties!)).not.toContain(r.field);
    const replacement = d!.schemas[r.replacement.owner]!.properties![r.replacement.field]!;
    expect(replacement).toBeDefined();
    if (r.replacement.value) expect(replacement.enum).toContain(r.replacement.value);
  });

  // The quotes are prose, which the committed facts do not keep: they are checked against the
  // discovery document itself where it is on this machine (CI has it; under CI=true it must be).
  if (conformanceSources || process.env['CI'] === 'true') {
    it.each(MODE_BOUND_FIELDS.map((f) => f.field))('%s: the words that bind it to some ownership modes are in its description', (field) => {
      const { quote } = MODE_BOUND_FIELDS.find((f) => f.field === field)!;
      const document = JSON.parse(readFileSync(sourceFiles(conformanceSources ?? 'missing').discovery, 'utf8')) as { schemas: Record<string, { properties: Record<string, { description?: string }> }> };
      expect(document.schemas['Policy']!.properties[field]!.description).toContain(quote);
      expect(d.schemas['Policy']!.properties![field], 'the facts know the field').toBeDefined();
    });
  }
});
