// The facts the checkers read (facts/*.json) are extracted from the official schemas by
// scripts/conformance-facts.mjs. Where the sources are on this machine (CI has them beside the
// clone), the committed facts must be exactly a fresh extraction: a changed source, or a hand
// edit of the facts, fails here. A clone of the project alone has no sources: the check is then
// not run (under CI=true that is a failure).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFacts, FACTS_DIR } from '../../scripts/conformance-facts.mjs';
import { loadDiscovery } from './amapi-schema.js';
import { loadAppleSchemas } from './apple-schema.js';
import { conformanceSources } from './locate.js';

describe('conformance facts', () => {
  if (conformanceSources) {
    it('are exactly what scripts/conformance-facts.mjs extracts from the official schemas now', () => {
      const fresh = extractFacts(conformanceSources);
      for (const [name, text] of Object.entries(fresh)) expect(readFileSync(join(FACTS_DIR, name), 'utf8'), `${name}: run node scripts/conformance-facts.mjs`).toBe(text);
    });
  } else if (process.env['CI'] === 'true') {
    it('have their sources beside the clone under CI (../shared/conformance or MDM_BLOCKLIST_CONFORMANCE)', () => {
      expect.fail('the official schemas are missing: CI checks the committed facts against them');
    });
  }

  it('hold facts, not prose: no titles, descriptions or content text', () => {
    const apple = readFileSync(join(FACTS_DIR, 'apple.json'), 'utf8');
    expect(apple).not.toMatch(/"(title|description|content|notes|examples|default)":/);
    // AMAPI has fields named "title" and "description": look at what each property says, not at names.
    const amapi = JSON.parse(readFileSync(join(FACTS_DIR, 'amapi.json'), 'utf8')) as { schemas: Record<string, { properties: Record<string, object> }> };
    const facts = new Set(['type', '$ref', 'format', 'enum', 'enumDeprecated', 'deprecated', 'readOnly', 'required', 'items', 'additionalProperties']);
    for (const [name, schema] of Object.entries(amapi.schemas)) {
      expect(Object.keys(schema).filter((k) => !['type', 'deprecated', 'properties'].includes(k)), name).toEqual([]);
      for (const [field, prop] of Object.entries(schema.properties)) expect(Object.keys(prop).filter((k) => !facts.has(k)), `${name}.${field}`).toEqual([]);
    }
  });

  it('cover every Apple type and AMAPI schema the compiler emits or the checkers name', () => {
    const apple = loadAppleSchemas();
    for (const t of ['TopLevel', 'CommonPayloadKeys', 'com.apple.applicationaccess', 'com.apple.webcontent-filter']) expect(apple.profiles.has(t), t).toBe(true);
    for (const t of ['RemoveApplication', 'InstallProfile', 'RemoveProfile', 'InstallApplication', 'DeclarativeManagement']) expect(apple.commands.has(t), t).toBe(true);
    for (const t of ['any', 'com.apple.configuration.app.settings', 'com.apple.activation.simple', 'com.apple.configuration.legacy']) expect(apple.declarations.has(t), t).toBe(true);
    const amapi = loadDiscovery();
    for (const s of ['Policy', 'ApplicationPolicy', 'ModifyPolicyApplicationsRequest', 'RemovePolicyApplicationsRequest', 'Device']) expect(amapi.schemas[s], s).toBeDefined();
    expect(amapi.methods.get('androidmanagement.enterprises.policies.patch')?.parameters?.['updateMask']).toMatchObject({ type: 'string', format: 'google-fieldmask' });
  });
});
