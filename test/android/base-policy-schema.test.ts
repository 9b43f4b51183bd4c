import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDiscovery, type DiscoveryProperty } from '../conformance/amapi-schema.js';

/**
 * schemas/amapi-base-policy.schema.json is written from the discovery document; this keeps it in
 * step: the same field names, the same JSON types, the same enums where the compiler decides.
 */
interface JsonSchema {
  type?: string;
  $ref?: string;
  enum?: string[];
  properties?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
}

const schema = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../schemas/amapi-base-policy.schema.json'), 'utf8')) as JsonSchema;

/** The JSON type a discovery property has on the wire ("any" has none). */
function wireType(p: DiscoveryProperty): string | undefined {
  if (p.$ref) return 'object';
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
      expect(type, `${name}.${field}`).toBe(wireType(prop));
      if (mine.enum) expect(mine.enum, `${name}.${field}`).toEqual(prop.enum);
    }
  });

  it('carries the enums the compiler decides on', () => {
    const enums = pairs.flatMap(([n, s]) => Object.entries(s.properties!).filter(([, p]) => p.enum).map(([f]) => `${n}.${f}`));
    expect(enums.sort()).toEqual(['AdvancedSecurityOverrides.untrustedAppsPolicy', 'ApplicationPolicy.installType', 'PersonalApplicationPolicy.installType', 'PersonalUsagePolicies.personalPlayStoreMode', 'Policy.playStoreMode']);
  });
});
