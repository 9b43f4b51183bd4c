// Proves the conformance checkers can fail: each hand-written fixture breaks one rule of the
// official schemas and must produce exactly the expected problem, while the valid ones pass.
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFieldMask, checkRequestBody, checkResource, loadDiscovery, type Discovery } from './amapi-schema.js';
import {
  checkCommand,
  checkDeclaration,
  checkProfile,
  loadAppleSchemas,
  parsePlistXml,
  type AppleCheckOptions,
  type AppleSchemas,
  type Problem,
} from './apple-schema.js';

/** [code, path] pairs: compact to compare, and a stray extra problem fails the test. */
const found = (problems: Problem[]): [string, string][] => problems.map((p) => [p.code, p.path]);

const TIKTOK = 'com.zhiliaoapp.musically';
const WECHAT = 'com.tencent.xin';

describe('Apple schema checkers', () => {
  let schemas: AppleSchemas;
  let ios17: AppleCheckOptions;
  beforeAll(() => {
    schemas = loadAppleSchemas();
    ios17 = { schemas, os: 'iOS', osVersion: '17.0' };
  });

  const restrictionsPayload = (): Record<string, unknown> => ({
    PayloadType: 'com.apple.applicationaccess',
    PayloadVersion: 1,
    PayloadIdentifier: 'org.example.blocklist.restrictions',
    PayloadUUID: '0C4D7B6E-6B0F-5D8A-9B1E-2F3A4B5C6D7E',
    PayloadDisplayName: 'Blocked apps',
    blockedAppBundleIDs: [TIKTOK, WECHAT],
  });
  const profile = (...content: Record<string, unknown>[]): Record<string, unknown> => ({
    PayloadType: 'Configuration',
    PayloadVersion: 1,
    PayloadIdentifier: 'org.example.blocklist',
    PayloadUUID: '9A1B2C3D-4E5F-5A6B-8C7D-0E1F2A3B4C5D',
    PayloadDisplayName: 'Blocklist',
    PayloadContent: content.length ? content : [restrictionsPayload()],
  });

  it('loads every Apple schema file, recursive aliases included', () => {
    const s = loadAppleSchemas();
    expect(s.files.length).toBeGreaterThanOrEqual(30);
    const seen = new Set<object>();
    const types = new Set(['<string>', '<integer>', '<real>', '<boolean>', '<date>', '<data>', '<array>', '<dictionary>', '<any>']);
    const visit = (keys: unknown): void => {
      if (!Array.isArray(keys) || seen.has(keys)) return; // com.apple.applicationaccess.new aliases its own ancestor
      seen.add(keys);
      for (const k of keys as { key: unknown; type: unknown; subkeys?: unknown }[]) {
        expect(typeof k.key).toBe('string');
        expect(types.has(String(k.type)), `${String(k.key)}: ${String(k.type)}`).toBe(true);
        visit(k.subkeys);
      }
    };
    for (const f of s.files) visit(f.payloadkeys);
    expect(s.profiles.has('com.apple.applicationaccess')).toBe(true);
    expect(s.declarations.get('com.apple.configuration.app.settings')?.newest.source).toBe('newer');
    const removeApp = s.commands.get('RemoveApplication');
    expect(removeApp?.all.map((f) => f.source)).toEqual(['newer', 'snapshot']);
    expect(removeApp?.snapshot?.relPath).toBe('mdm/commands/application.remove.yaml');
  });

  describe('checkProfile', () => {
    it('passes a valid restrictions profile', () => {
      expect(checkProfile(profile(), ios17)).toEqual([]);
    });

    it('reports an unknown key', () => {
      const p = { ...restrictionsPayload(), blockedApps: [TIKTOK] };
      expect(found(checkProfile(profile(p), ios17))).toEqual([['unknown-key', 'PayloadContent[0].blockedApps']]);
    });

    it('reports a string where an integer belongs', () => {
      const p = { ...restrictionsPayload(), ratingApps: '600' };
      expect(found(checkProfile(profile(p), ios17))).toEqual([['wrong-type', 'PayloadContent[0].ratingApps']]);
    });

    it('reports a non-string array element by index', () => {
      const p = { ...restrictionsPayload(), blockedAppBundleIDs: [TIKTOK, 42] };
      expect(found(checkProfile(profile(p), ios17))).toEqual([['wrong-type', 'PayloadContent[0].blockedAppBundleIDs[1]']]);
    });

    it('reports PayloadVersion 2', () => {
      const p = { ...profile(), PayloadVersion: 2 };
      expect(found(checkProfile(p, ios17))).toEqual([['not-in-rangelist', 'PayloadVersion']]);
    });

    it('reports a missing PayloadUUID', () => {
      const { PayloadUUID: _dropped, ...p } = restrictionsPayload();
      expect(found(checkProfile(profile(p), ios17))).toEqual([['missing-required', 'PayloadContent[0].PayloadUUID']]);
    });

    it('reports a duplicate PayloadUUID', () => {
      const second = { ...restrictionsPayload(), PayloadIdentifier: 'org.example.blocklist.restrictions2' };
      expect(found(checkProfile(profile(restrictionsPayload(), second), ios17))).toEqual([
        ['duplicate-uuid', 'PayloadContent[1].PayloadUUID'],
      ]);
    });

    it('reports blacklistedAppBundleIDs on iOS 17 unless allowed', () => {
      const { blockedAppBundleIDs: _b, ...rest } = restrictionsPayload();
      const p = profile({ ...rest, blacklistedAppBundleIDs: [TIKTOK] });
      expect(found(checkProfile(p, ios17))).toEqual([['deprecated-key', 'PayloadContent[0].blacklistedAppBundleIDs']]);
      expect(checkProfile(p, { ...ios17, osVersion: '14.0' })).toEqual([]);
      expect(checkProfile(p, { ...ios17, allowDeprecated: ['blacklistedAppBundleIDs'] })).toEqual([]);
    });

    it('reports OS support and supervision of blockedAppBundleIDs', () => {
      const key = 'PayloadContent[0].blockedAppBundleIDs';
      expect(found(checkProfile(profile(), { schemas, os: 'macOS', osVersion: '15.0' }))).toEqual([['unsupported-on-os', key]]);
      expect(found(checkProfile(profile(), { ...ios17, osVersion: '14.8' }))).toEqual([['unsupported-on-os', key]]);
      expect(found(checkProfile(profile(), { ...ios17, supervised: false }))).toEqual([['requires-supervision', key]]);
    });

    it('accepts TCC Authorization in place of the "required" Allowed, but not both', () => {
      const tcc = (entry: Record<string, unknown>) =>
        profile({
          PayloadType: 'com.apple.TCC.configuration-profile-policy',
          PayloadVersion: 1,
          PayloadIdentifier: 'org.example.tcc',
          PayloadUUID: '2C3D4E5F-6071-5829-9ABC-DEF012345678',
          Services: { Camera: [{ Identifier: TIKTOK, IdentifierType: 'bundleID', CodeRequirement: 'anchor apple generic', ...entry }] },
        });
      const macOS = { schemas, os: 'macOS', osVersion: '15.0' } as const;
      expect(checkProfile(tcc({ Authorization: 'Deny' }), macOS)).toEqual([]);
      expect(found(checkProfile(tcc({}), macOS))).toEqual([['missing-required', 'PayloadContent[0].Services.Camera[0].Allowed']]);
      expect(found(checkProfile(tcc({ Allowed: false, Authorization: 'Deny' }), macOS))).toEqual([
        ['conflicting-keys', 'PayloadContent[0].Services.Camera[0]'],
      ]);
    });

    it('reports third-party payloads unless a checker is supplied', () => {
      const santa = {
        PayloadType: 'com.northpolesec.santa',
        PayloadVersion: 1,
        PayloadIdentifier: 'org.example.blocklist.santa',
        PayloadUUID: '1B2C3D4E-5F60-5718-89AB-CDEF01234567',
        StaticRules: [{ identifier: 'XXXXXXXXXX', policy: 'BLOCKLIST', rule_type: 'TEAMID' }],
      };
      const opts = { schemas, os: 'macOS', osVersion: '15.0' } as const;
      expect(found(checkProfile(profile(santa), opts))).toEqual([['unknown-payload-type', 'PayloadContent[0].PayloadType']]);
      const seen: string[] = [];
      const thirdParty = { 'com.northpolesec.santa': (_p: Record<string, unknown>, path: string) => (seen.push(path), []) };
      expect(checkProfile(profile(santa), { ...opts, thirdParty })).toEqual([]);
      expect(seen).toEqual(['PayloadContent[0]']);
    });

    it('checks a profile parsed from XML', () => {
      const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
  <key>PayloadContent</key><array><dict>
    <key>PayloadIdentifier</key><string>org.example.blocklist.restrictions</string>
    <key>PayloadType</key><string>com.apple.applicationaccess</string>
    <key>PayloadUUID</key><string>0C4D7B6E-6B0F-5D8A-9B1E-2F3A4B5C6D7E</string>
    <key>PayloadVersion</key><integer>1</integer>
    <key>blockedAppBundleIDs</key><array><string>${TIKTOK}</string></array>
  </dict></array>
  <key>PayloadIdentifier</key><string>org.example.blocklist</string>
  <key>PayloadType</key><string>Configuration</string>
  <key>PayloadUUID</key><string>9A1B2C3D-4E5F-5A6B-8C7D-0E1F2A3B4C5D</string>
  <key>PayloadVersion</key><integer>1</integer>
  <key>RemovalDate</key><date>2030-01-01T00:00:00Z</date>
</dict></plist>`;
      expect(checkProfile(parsePlistXml(xml), ios17)).toEqual([]);
    });
  });

  describe('checkCommand', () => {
    // Apple's examples/mdm/commands/application.remove/example1.plist
    const removeXml = `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict>
  <key>Command</key><dict>
    <key>Identifier</key><string>com.acme.myenterpriseapp</string>
    <key>RequestType</key><string>RemoveApplication</string>
  </dict>
  <key>CommandUUID</key><string>0001_RemoveApplication</string>
</dict></plist>`;

    it('passes a valid RemoveApplication', () => {
      expect(checkCommand(parsePlistXml(removeXml), ios17)).toEqual([]);
      expect(checkCommand(parsePlistXml(removeXml), { ...ios17, schemaSet: 'snapshot' })).toEqual([]);
    });

    it('reports a missing Identifier', () => {
      const cmd = { CommandUUID: 'x', Command: { RequestType: 'RemoveApplication' } };
      expect(found(checkCommand(cmd, ios17))).toEqual([['missing-required', 'Command.Identifier']]);
    });

    it('reports an unknown RequestType and a missing CommandUUID', () => {
      const cmd = { Command: { RequestType: 'RemoveApp', Identifier: TIKTOK } };
      expect(found(checkCommand(cmd, ios17))).toEqual([
        ['missing-required', 'CommandUUID'],
        ['unknown-request-type', 'Command.RequestType'],
      ]);
    });
  });

  describe('checkDeclaration', () => {
    const appSettings = (allowed: Record<string, unknown>): Record<string, unknown> => ({
      Type: 'com.apple.configuration.app.settings',
      Identifier: 'org.example.blocklist.app-settings',
      ServerToken: '1',
      Payload: { Allowed: allowed },
    });

    it('passes a valid app.settings with DeniedApps', () => {
      expect(checkDeclaration(appSettings({ DeniedApps: [TIKTOK, WECHAT] }), { schemas })).toEqual([]);
      expect(checkDeclaration(appSettings({ DeniedApps: [TIKTOK] }), { schemas, osVersion: '27.0' })).toEqual([]);
    });

    it('reports an unknown Payload key', () => {
      expect(found(checkDeclaration(appSettings({ DenyApps: [TIKTOK] }), { schemas }))).toEqual([
        ['unknown-key', 'Payload.Allowed.DenyApps'],
      ]);
    });

    it('reports app.settings before 27.0 and DeniedBinaries on iOS', () => {
      expect(found(checkDeclaration(appSettings({ DeniedApps: [TIKTOK] }), ios17))).toEqual([['unsupported-on-os', 'Type']]);
      const byTeam = appSettings({ DeniedBinaries: [{ TeamID: 'XXXXXXXXXX' }] });
      expect(found(checkDeclaration(byTeam, { schemas }))).toEqual([['unsupported-on-os', 'Payload.Allowed.DeniedBinaries']]);
      expect(checkDeclaration(byTeam, { schemas, os: 'macOS' })).toEqual([]);
    });

    it('applies the binary identifier rules from the app.settings notes', () => {
      const byPath = appSettings({ DeniedBinaries: [{ PathPrefix: '/Applications/' }] });
      expect(found(checkDeclaration(byPath, { schemas, os: 'macOS' }))).toEqual([
        ['missing-required', 'Payload.Allowed.DeniedBinaries[0]'],
      ]);
    });

    it('passes a valid activation.simple', () => {
      const activation = {
        Type: 'com.apple.activation.simple',
        Identifier: 'org.example.blocklist.activation',
        ServerToken: '1',
        Payload: { StandardConfigurations: ['org.example.blocklist.app-settings'] },
      };
      expect(checkDeclaration(activation, ios17)).toEqual([]);
    });

    it('reports an over-long Identifier, an unknown type and a missing ProfileURL', () => {
      const legacy = { Type: 'com.apple.configuration.legacy', Identifier: 'x'.repeat(65), ServerToken: '1', Payload: {} };
      expect(found(checkDeclaration(legacy, ios17))).toEqual([
        ['too-long', 'Identifier'],
        ['missing-required', 'Payload.ProfileURL'],
      ]);
      expect(found(checkDeclaration({ ...legacy, Identifier: 'a', Type: 'com.apple.configuration.app.block' }, ios17))).toEqual([
        ['unknown-declaration-type', 'Type'],
      ]);
    });
  });
});

describe('AMAPI discovery checkers', () => {
  let discovery: Discovery;
  beforeAll(() => {
    discovery = loadDiscovery();
  });

  const blocked = (packageName: string) => ({ packageName, installType: 'BLOCKED' });
  const policy = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    name: 'enterprises/LC00abc123/policies/blocklist',
    playStoreMode: 'BLACKLIST',
    applications: [blocked(TIKTOK), blocked(WECHAT)],
    personalUsagePolicies: { personalPlayStoreMode: 'BLOCKLIST', personalApplications: [blocked(TIKTOK)] },
    advancedSecurityOverrides: { untrustedAppsPolicy: 'DISALLOW_INSTALL' },
    ...extra,
  });
  const check = (json: unknown) => found(checkResource(json, 'Policy', discovery));

  it('passes a valid blocklist Policy, also as a patch body', () => {
    expect(check(policy())).toEqual([]);
    expect(checkRequestBody(policy(), 'androidmanagement.enterprises.policies.patch', discovery)).toEqual([]);
  });

  it('reports an unknown field', () => {
    expect(check(policy({ blockedApps: [TIKTOK] }))).toEqual([['unknown-key', 'blockedApps']]);
  });

  it('reports a value outside the enum', () => {
    expect(check(policy({ playStoreMode: 'BLOCKLIST' }))).toEqual([['not-in-enum', 'playStoreMode']]);
  });

  it('takes an int64 as a number or a string of digits (proto3 JSON), and reports read-only version', () => {
    expect(check(policy({ maximumTimeToLock: 300000 }))).toEqual([]);
    expect(check(policy({ maximumTimeToLock: '300000' }))).toEqual([]);
    expect(check(policy({ maximumTimeToLock: 1.5 }))).toEqual([['wrong-type', 'maximumTimeToLock']]);
    expect(check(policy({ maximumTimeToLock: '5m' }))).toEqual([['format', 'maximumTimeToLock']]);
    expect(check(policy({ version: '3' }))).toEqual([['read-only', 'version']]);
  });

  it('reports deprecated enum values and fields', () => {
    const personal = { personalPlayStoreMode: 'BLACKLIST', personalApplications: [blocked(TIKTOK)] };
    expect(check(policy({ personalUsagePolicies: personal }))).toEqual([
      ['deprecated-enum', 'personalUsagePolicies.personalPlayStoreMode'],
    ]);
    const kiosk = policy({ applications: [{ packageName: 'org.example.kiosk', installType: 'KIOSK' }] });
    expect(check(kiosk)).toEqual([['deprecated-enum', 'applications[0].installType']]);
    expect(check(policy({ blockApplicationsEnabled: true }))).toEqual([['deprecated-field', 'blockApplicationsEnabled']]);
  });

  it('reports more than 3000 applications', () => {
    const apps = Array.from({ length: 3001 }, (_, i) => blocked(`org.example.app${i}`));
    expect(check(policy({ applications: apps }))).toEqual([['too-many', 'applications']]);
  });

  it('reports duplicate packageNames, work and personal', () => {
    expect(check(policy({ applications: [blocked(TIKTOK), blocked(TIKTOK)] }))).toEqual([
      ['duplicate-package', 'applications[1].packageName'],
    ]);
    const personal = { personalPlayStoreMode: 'BLOCKLIST', personalApplications: [blocked(WECHAT), blocked(WECHAT)] };
    expect(check(policy({ personalUsagePolicies: personal }))).toEqual([
      ['duplicate-package', 'personalUsagePolicies.personalApplications[1].packageName'],
    ]);
  });

  describe('request bodies', () => {
    const modify = 'androidmanagement.enterprises.policies.modifyPolicyApplications';
    const remove = 'androidmanagement.enterprises.policies.removePolicyApplications';

    it('passes valid modifyPolicyApplications and removePolicyApplications bodies', () => {
      const body = { changes: [{ application: blocked(TIKTOK), updateMask: 'installType' }, { application: blocked(WECHAT) }] };
      expect(checkRequestBody(body, modify, discovery)).toEqual([]);
      expect(checkRequestBody({ packageNames: [TIKTOK] }, remove, discovery)).toEqual([]);
    });

    it('reports empty changes, unknown mask paths and conflicting changes', () => {
      expect(found(checkRequestBody({ changes: [] }, modify, discovery))).toEqual([['missing-required', 'changes']]);
      const body = { changes: [{ application: blocked(TIKTOK), updateMask: 'installTyp' }, { application: blocked(TIKTOK) }] };
      expect(found(checkRequestBody(body, modify, discovery))).toEqual([
        ['unknown-key', 'changes[0].updateMask'],
        ['duplicate-package', 'changes[1].application.packageName'],
      ]);
    });

    it('checks a patch updateMask against Policy', () => {
      expect(checkFieldMask('applications,playStoreMode', 'Policy', discovery)).toEqual([]);
      expect(found(checkFieldMask('applications,playStoreModes', 'Policy', discovery))).toEqual([['unknown-key', 'updateMask']]);
    });
  });
});
