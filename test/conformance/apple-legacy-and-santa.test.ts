// What the shared conformance run (artifacts.test.ts) cannot show: a legacy fleet's profile at
// its oldest OS version, and that the Santa rule checker it uses can fail.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/index.js';
import { TODAY } from '../helpers/compile.js';
import { checkProfile, parsePlistXml } from './apple-schema.js';
import { checkSantaPayload } from './santa-rules.js';

describe('a legacy iOS fleet', () => {
  it('is checked at its oldest version too: only blockedAppBundleIDs (iOS 15+) is unknown there', async () => {
    const policy = join(import.meta.dirname, '..', 'golden', 'ios-restrictions-profile', 'ios-12-legacy', 'policy.yaml');
    const result = await compile(policy, { today: TODAY });
    const profile = result.artifacts.find((a) => a.path.endsWith('restrictions.mobileconfig'))!;
    const problems = checkProfile(parsePlistXml(Buffer.from(profile.bytes).toString('utf8')), { os: 'iOS', osVersion: '12.0' });
    expect(problems.map((p) => [p.code, p.path])).toEqual([['unsupported-on-os', 'PayloadContent[0].blockedAppBundleIDs']]);
  });
});

describe('Santa rule checker', () => {
  const rule = (r: Record<string, unknown>) => checkSantaPayload({ PayloadType: 'com.northpolesec.santa', StaticRules: [r] }, 'P').map((p) => [p.code, p.path]);
  const block = { identifier: 'ABCDE12345', policy: 'BLOCKLIST', rule_type: 'TEAMID' };

  it('passes documented rules', () => {
    expect(rule(block)).toEqual([]);
    expect(rule({ ...block, identifier: 'ABCDE12345:com.example.app', rule_type: 'SIGNINGID', custom_msg: 'm', custom_url: 'https://e.x', comment: 'c' })).toEqual([]);
  });

  it('reports bad formats, unknown fields and values, missing fields', () => {
    expect(rule({ ...block, identifier: 'ABCDE1234' })).toEqual([['format', 'P.StaticRules[0].identifier']]);
    expect(rule({ ...block, identifier: 'com.example.app', rule_type: 'SIGNINGID' })).toEqual([['format', 'P.StaticRules[0].identifier']]);
    expect(rule({ ...block, message: 'x' })).toEqual([['unknown-key', 'P.StaticRules[0].message']]);
    expect(rule({ ...block, policy: 'DENY' })).toEqual([['not-in-rangelist', 'P.StaticRules[0].policy']]);
    const { policy: _p, ...noPolicy } = block;
    expect(rule(noPolicy)).toEqual([['missing-required', 'P.StaticRules[0].policy']]);
    expect(checkSantaPayload({ PayloadType: 'com.northpolesec.santa', ClientMode: 1 }, 'P').map((p) => p.code)).toEqual(['unknown-key', 'missing-required']);
  });
});
