// Which Apple artifacts a fleet gets, by the OS versions and enrollment it holds (issue 3).
import { describe, expect, it } from 'vitest';
import { compileText, type IosEnforcement, type MacosEnforcement } from '../../../src/index.js';

const catalog = `
version: 1
id: org.example.blocklist
name: Example
publishers:
  - { id: acme, name: Acme, apple: { teamIds: [ACMETEAM01] } }
apps:
  - { id: acme-video, name: Acme Video, publisher: acme, ios: { bundleId: com.acme.video }, macos: { bundleId: com.acme.video.mac } }
  - { id: solo, name: Solo, ios: { bundleId: com.solo.app }, macos: { bundleId: com.solo.app } }
  - { id: signed, name: Signed, macos: { bundleId: com.signed.app, teamId: SIGNED0001 } }
block:
  publishers: [{ id: acme }]
  apps: [{ id: solo }, { id: signed }]
`;

async function fleet(platform: 'ios' | 'macos', settings: string) {
  const result = await compileText(`${catalog}\nfleets:\n  f:\n    ${platform}: ${settings}\n`);
  const codes = [...new Set(result.diagnostics.map((d) => d.code))].filter((c) => c !== 'NO_IDENTIFIER_FOR_PLATFORM').sort();
  const plan = result.plan?.fleets[0];
  return { codes, ios: plan?.ios?.enforcement, macos: plan?.macos, artifacts: result.artifacts.filter((a) => a.fleet !== undefined).map((a) => a.path).sort() };
}

describe('iOS fleets', () => {
  const cases: [string, string, Partial<IosEnforcement>, string[]][] = [
    ['supervised 17, open-ended', '{ minVersion: "17" }', { restrictionsProfile: true, legacyKey: false, declarations: true, caveats: ['profile-key-deprecated-on-27', 'remove-managed-apps-only'] }, []],
    ['supervised 26+: unmanaged apps removable too', '{ minVersion: "26" }', { restrictionsProfile: true, declarations: true, caveats: ['profile-key-deprecated-on-27'] }, []],
    ['held at 26', '{ minVersion: "17", maxVersion: "26.4" }', { restrictionsProfile: true, declarations: false, caveats: ['remove-managed-apps-only'] }, []],
    ['27 only', '{ minVersion: "27" }', { restrictionsProfile: false, declarations: true, caveats: [] }, []],
    // No restrictions profile: its keys are supervised-only, so it would do nothing there (issue #13).
    ['unsupervised', '{ supervised: false, minVersion: "17" }', { restrictionsProfile: false, declarations: false, caveats: ['unsupervised-profile-does-not-block', 'unsupervised-no-declarations', 'remove-managed-apps-only'] }, ['EFFECT_NOT_ENFORCED', 'IOS_UNSUPERVISED_NO_BLOCKING']],
    ['legacy with legacyKeys', '{ minVersion: "12", legacyKeys: true }', { legacyKey: true, caveats: ['legacy-key-deprecated', 'profile-key-deprecated-on-27', 'remove-managed-apps-only'] }, ['IOS_LEGACY_KEY_DEPRECATED']],
    ['legacy without legacyKeys', '{ minVersion: "14.8" }', { legacyKey: false, caveats: ['before-15-not-blocked', 'profile-key-deprecated-on-27', 'remove-managed-apps-only'] }, ['EFFECT_NOT_ENFORCED', 'IOS_BEFORE_15_NOT_BLOCKED']],
    ['legacyKeys with nothing before 15', '{ minVersion: "15", legacyKeys: true }', { legacyKey: false }, ['IOS_LEGACY_KEYS_UNUSED']],
    ['removeApps off', '{ minVersion: "17", removeApps: false }', { removeApplication: false, caveats: ['profile-key-deprecated-on-27'] }, []],
  ];
  for (const [name, settings, want, codes] of cases) {
    it(name, async () => {
      const got = await fleet('ios', settings);
      expect(got.ios).toMatchObject(want);
      expect(got.codes).toEqual(codes);
    });
  }

  it('writes each artifact only where the plan says so', async () => {
    expect((await fleet('ios', '{ minVersion: "27", removeApps: false }')).artifacts).toEqual(['f/ios/ddm/activation.json', 'f/ios/ddm/app-settings.json']);
    expect((await fleet('ios', '{ minVersion: "17", maxVersion: "26", removeApps: false }')).artifacts).toEqual(['f/ios/commands/install-restrictions.plist', 'f/ios/restrictions.mobileconfig']);
  });

  it('refuses a maxVersion below the minVersion', async () => {
    expect((await fleet('ios', '{ minVersion: "17", maxVersion: "16" }')).codes).toEqual(['FLEET_VERSION_RANGE']);
  });
});

describe('macOS fleets', () => {
  const cases: [string, string, Partial<MacosEnforcement>, string[]][] = [
    ['Santa, open-ended', '{ minVersion: "14", santa: true }', { santa: 'com.northpolesec.santa', declarations: true, santaUncovered: ['com.solo.app'], caveats: ['santa-apps-without-team-id'] }, ['EFFECT_NOT_ENFORCED', 'SANTA_APP_WITHOUT_TEAM_ID']],
    ['older Santa payload, held at 26', '{ minVersion: "14", maxVersion: "26", santa: { payloadType: com.google.santa } }', { santa: 'com.google.santa', declarations: false }, ['EFFECT_NOT_ENFORCED', 'SANTA_APP_WITHOUT_TEAM_ID']],
    ['no Santa before 27', '{ minVersion: "15" }', { santa: false, declarations: true, santaUncovered: [], caveats: ['macos-before-27-not-blocked'] }, ['EFFECT_NOT_ENFORCED', 'MACOS_BEFORE_27_NOT_BLOCKED']],
    ['27 only', '{ minVersion: "27" }', { santa: false, declarations: true, caveats: [] }, []],
    ['unsupervised 27', '{ minVersion: "27", supervised: false }', { declarations: false, caveats: ['unsupervised-no-declarations'] }, ['EFFECT_NOT_ENFORCED', 'MACOS_UNSUPERVISED_NO_DECLARATIONS']],
  ];
  for (const [name, settings, want, codes] of cases) {
    it(name, async () => {
      const got = await fleet('macos', settings);
      expect(got.macos?.enforcement).toMatchObject(want);
      expect(got.codes).toEqual(codes);
    });
  }

  it('gives each app no Team ID rule covers a rule of its own', async () => {
    const { macos } = await fleet('macos', '{ minVersion: "27" }');
    expect(macos?.teams.map((t) => t.teamId)).toEqual(['ACMETEAM01']);
    // acme-video has no Team ID of its own: its publisher's team rule covers it.
    expect(macos?.appRules.map((b) => [b.identifier, b.teamId])).toEqual([
      ['com.signed.app', 'SIGNED0001'],
      ['com.solo.app', undefined],
    ]);
  });
});
