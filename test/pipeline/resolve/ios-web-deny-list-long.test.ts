import { describe, expect, it } from 'vitest';
import { compileFiles, located } from '../../helpers/compile.js';

/** IOS_WEB_DENY_LIST_LONG: Apple advises about 500 DenyListURLs entries; each three-label domain takes two. */
const policy = (domains: number, ios: string) => {
  const list = Array.from({ length: domains }, (_, i) => `      - { value: d${i}.acme.example, sources: [{ text: page, url: "https://acme.example/" }] }`).join('\n');
  return [
    'version: 1',
    'id: org.example.deny-list',
    'name: Deny list',
    'options: { blockWebDomains: true }',
    'publishers:',
    '  - id: acme',
    '    name: Acme',
    '    domains:',
    list,
    'fleets:',
    '  phones:',
    `    ios: ${ios}`,
    'block:',
    '  publishers: [{ id: acme }]',
    '',
  ].join('\n');
};
const fleetLine = (domains: number) => domains + 11;

describe('IOS_WEB_DENY_LIST_LONG', () => {
  it('warns at the fleet\'s ios key when the filter would list more than 500 URLs', async () => {
    const r = await compileFiles({ 'policy.yaml': policy(251, '{ supervised: true }') });
    expect(located(r.diagnostics.filter((d) => d.code === 'IOS_WEB_DENY_LIST_LONG'))).toEqual([`policy.yaml:${fleetLine(251)}:5 IOS_WEB_DENY_LIST_LONG`]);
    expect(r.artifacts.some((a) => a.path === 'phones/ios/web-content-filter.mobileconfig')).toBe(true);
  });

  it('is quiet at exactly 500 URLs', async () => {
    const r = await compileFiles({ 'policy.yaml': policy(250, '{ supervised: true }') });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.artifacts.some((a) => a.path === 'phones/ios/web-content-filter.mobileconfig')).toBe(true);
    expect(r.diagnostics.map((d) => d.code)).not.toContain('IOS_WEB_DENY_LIST_LONG');
  });

  it('is quiet for an unsupervised fleet, which gets no filter', async () => {
    const r = await compileFiles({ 'policy.yaml': policy(251, '{ supervised: false }') });
    expect(r.artifacts.some((a) => a.path.endsWith('web-content-filter.mobileconfig'))).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toContain('EFFECT_NOT_ENFORCED');
    expect(r.diagnostics.map((d) => d.code)).not.toContain('IOS_WEB_DENY_LIST_LONG');
  });
});
