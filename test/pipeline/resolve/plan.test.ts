import { describe, expect, it } from 'vitest';
import { codes, compileFiles, located } from '../../helpers/compile.js';

const catalog = `version: 1
publishers:
  - { id: group, name: Group }
  - { id: sub, name: Sub, parent: group, apple: { teamIds: [{ value: ABCDE12345, sources: [sig] }] } }
  - { id: other, name: Other }
apps:
  - id: main
    name: Main
    publisher: sub
    ios: { bundleId: com.sub.main }
    android: { package: com.sub.main }
  - { id: main-pay, name: Main Pay, publisher: sub, featureOf: main }
  - id: lite
    name: Lite
    publisher: group
    android: { package: com.group.lite }
  - id: weak
    name: Weak
    publisher: other
    android: { package: { value: com.other.weak, confidence: low } }
  - id: solo
    name: Solo
    ios: { bundleId: com.solo.app }
`;

const policy = (body: string) => ({ 'p.yaml': `version: 1\nid: com.example.p\nname: P\ninclude: [c.yaml]\n${body}`, 'c.yaml': catalog });
const blocked = (r: Awaited<ReturnType<typeof compileFiles>>, fleet: string, platform: 'ios' | 'android' | 'macos') =>
  r.plan!.fleets.find((f) => f.id === fleet)![platform]!.blocked.map((b) => b.identifier);

describe('resolve', () => {
  it('expands a publisher to its and its subsidiaries\' apps, with the chain', async () => {
    const r = await compileFiles(policy('block:\n  publishers: [{ id: group, reason: flagged }]\n'));
    expect(blocked(r, 'default', 'android')).toEqual(['com.group.lite', 'com.sub.main']);
    const main = r.plan!.fleets[0]!.android!.blocked.find((b) => b.app.id === 'main')!;
    expect(main.because.map((p) => [p.rule, p.ruleId, p.via])).toEqual([
      ['publisher', 'group', ['group', 'sub']],
      ['publisher', 'group', ['group', 'sub', 'main-pay']],
    ]);
    expect(main.because[0]!.reason).toBe('flagged');
  });

  it('blocks the host app when an in-app feature is blocked', async () => {
    const r = await compileFiles(policy('block:\n  apps: [{ id: main-pay }]\n'));
    expect(blocked(r, 'default', 'ios')).toEqual(['com.sub.main']);
  });

  it('warns once per app and platform when an app has no identifier there', async () => {
    const r = await compileFiles(policy('block:\n  apps: [{ id: lite }, { id: solo }]\n'));
    expect(located(r.diagnostics)).toEqual(['p.yaml:6:10 NO_IDENTIFIER_FOR_PLATFORM', 'p.yaml:6:24 NO_IDENTIFIER_FOR_PLATFORM']);
    expect(r.plan!.fleets[0]!.ios!.notEnforced.map((n) => [n.app.id, n.why])).toEqual([['lite', 'no-identifier']]);
  });

  it('lists low-confidence identifiers without blocking them, unless the policy opts in', async () => {
    const off = await compileFiles(policy('block:\n  apps: [{ id: weak }]\n'));
    expect(blocked(off, 'default', 'android')).toEqual([]);
    expect(codes(off.diagnostics)).toContain('LOW_CONFIDENCE_EXCLUDED');
    expect(off.plan!.fleets[0]!.android!.notEnforced[0]).toMatchObject({ why: 'low-confidence', identifier: 'com.other.weak' });
    const on = await compileFiles(policy('options: { includeLowConfidence: true }\nblock:\n  apps: [{ id: weak }]\n'));
    expect(blocked(on, 'default', 'android')).toEqual(['com.other.weak']);
  });

  it('lets an exception win in its fleets only, and reports it', async () => {
    const r = await compileFiles(
      policy(`block:
  publishers: [{ id: group }]
allow:
  - { app: lite, fleets: [a] }
fleets:
  a: { android: { mode: fully-managed } }
  b: { android: { mode: fully-managed } }
`),
    );
    expect(blocked(r, 'a', 'android')).toEqual(['com.sub.main']);
    expect(blocked(r, 'b', 'android')).toEqual(['com.group.lite', 'com.sub.main']);
    expect(located(r.diagnostics)).toEqual(['p.yaml:8:5 BLOCKED_AND_ALLOWED']);
    expect(r.plan!.fleets[0]!.exceptions[0]).toMatchObject({ id: 'lite', lets: ['lite'] });
  });

  it('does not apply an expired exception, and warns', async () => {
    const r = await compileFiles(policy('block:\n  apps: [{ id: lite }]\nallow:\n  - { app: lite, until: "2020-01-01" }\n'));
    expect(blocked(r, 'default', 'android')).toEqual(['com.group.lite']);
    expect(codes(r.diagnostics)).toContain('EXCEPTION_EXPIRED');
    expect(r.plan!.fleets[0]!.expiredExceptions.map((e) => e.id)).toEqual(['lite']);
  });

  it('blocks a publisher on macOS by Team ID unless an exception covers one of its apps', async () => {
    const fleets = 'fleets:\n  macs: { macos: { santa: true } }\n';
    const whole = await compileFiles(policy('block:\n  publishers: [{ id: group }]\n' + fleets));
    expect(whole.plan!.fleets[0]!.macos!.teams.map((t) => [t.teamId, t.publisher.id])).toEqual([['ABCDE12345', 'sub']]);
    const excepted = await compileFiles(policy('block:\n  publishers: [{ id: group }]\nallow: [{ app: main }]\n' + fleets));
    expect(excepted.plan!.fleets[0]!.macos!.teams).toEqual([]);
  });

  it('lists a publisher\'s low-confidence or excepted Team ID instead of dropping it silently', async () => {
    const weakTeam = catalog.replace("teamIds: [{ value: ABCDE12345, sources: [sig] }]", "teamIds: [{ value: ABCDE12345, confidence: low, sources: [sig] }]");
    const files = (body: string) => ({ ...policy(body + 'fleets:\n  macs: { macos: { santa: true } }\n'), 'c.yaml': weakTeam });
    const held = await compileFiles(files('block:\n  publishers: [{ id: group }]\n'));
    const macos = held.plan!.fleets[0]!.macos!;
    expect(macos.teams).toEqual([]);
    expect(macos.teamsNotEnforced.map((t) => [t.teamId, t.why, t.confidence, t.because[0]!.ruleId])).toEqual([['ABCDE12345', 'low-confidence', 'low', 'group']]);
    expect(codes(held.diagnostics)).toContain('LOW_CONFIDENCE_EXCLUDED');
    const optedIn = await compileFiles(files('options: { includeLowConfidence: true }\nblock:\n  publishers: [{ id: group }]\n'));
    expect(optedIn.plan!.fleets[0]!.macos!.teams.map((t) => [t.teamId, t.confidence])).toEqual([['ABCDE12345', 'low']]);
    const allowed = await compileFiles({ ...policy('block:\n  publishers: [{ id: group }]\nallow: [{ app: main }]\nfleets:\n  macs: { macos: { santa: true } }\n') });
    expect(allowed.plan!.fleets[0]!.macos!.teamsNotEnforced.map((t) => [t.teamId, t.why])).toEqual([['ABCDE12345', 'allowed']]);
  });

  it.each([
    ['an unknown app', 'block:\n  apps: [{ id: nope }]\n', 'UNKNOWN_APP'],
    ['an unknown publisher', 'block:\n  publishers: [{ id: nope }]\n', 'UNKNOWN_PUBLISHER'],
    ['an app named as a publisher', 'block:\n  publishers: [{ id: main }]\n', 'UNKNOWN_PUBLISHER'],
    ['an unknown reference key', 'block:\n  apps: [{ id: main, references: [nope] }]\n', 'UNKNOWN_REFERENCE'],
    ['an unknown fleet', 'block:\n  apps: [{ id: main, fleets: [nope] }]\n', 'UNKNOWN_FLEET'],
    ['an exception for an unknown app', 'block:\n  apps: [{ id: main }]\nallow: [{ app: nope }]\n', 'UNKNOWN_APP'],
    ['no block rules at all', 'allow: []\n', 'EMPTY_BLOCKLIST'],
    ['a fleet with no platform', 'block:\n  apps: [{ id: main }]\nfleets:\n  empty: { description: nothing }\n', 'FLEET_NO_PLATFORM'],
    ['an inline app reusing a catalog id', 'block:\n  apps: [{ id: main, ios: { bundleId: com.x.y } }]\n', 'INLINE_APP_CONFLICT'],
  ])('refuses %s', async (_what, body, code) => {
    const r = await compileFiles(policy(body));
    expect(codes(r.diagnostics, 'error')).toEqual([code]);
    expect(r.diagnostics.find((d) => d.code === code)!.line).toBeGreaterThan(0);
    expect(r.artifacts).toEqual([]);
  });

  it.each([
    ['a duplicate app id', 'apps:\n  - { id: main, name: Again }\n', 'DUPLICATE_ID'],
    ['an app id equal to a publisher id', 'apps:\n  - { id: other, name: Clash }\n', 'ID_COLLISION'],
    ['an identifier under two apps', 'apps:\n  - { id: copy, name: Copy, android: { package: com.sub.main } }\n', 'DUPLICATE_IDENTIFIER'],
    ['a publisher cycle', 'publishers:\n  - { id: p1, name: P1, parent: p2 }\n  - { id: p2, name: P2, parent: p1 }\n', 'PUBLISHER_CYCLE'],
    ['a feature of an unknown app', 'apps:\n  - { id: feat, name: Feat, featureOf: nope }\n', 'FEATURE_OF_INVALID'],
    ['a Team ID under two publishers', 'publishers:\n  - { id: twin, name: Twin, apple: { teamIds: [ABCDE12345] } }\n', 'DUPLICATE_IDENTIFIER'],
    ['a feature with identifiers of its own', 'apps:\n  - { id: feat, name: Feat, featureOf: main, android: { package: com.sub.feat } }\n', 'FEATURE_HAS_IDENTIFIERS'],
  ])('refuses a catalog with %s', async (_what, extra, code) => {
    const files = policy('block:\n  apps: [{ id: main }]\n');
    files['p.yaml'] = files['p.yaml']!.replace('include: [c.yaml]', 'include: [c.yaml, d.yaml]');
    const r = await compileFiles({ ...files, 'd.yaml': `version: 1\n${extra}` });
    expect(codes(r.diagnostics, 'error')).toContain(code);
  });

  it.each([
    // A domain under a publisher and under an app: reported at the app's, publishers come first whatever the file order.
    ['a publisher and an app', 'apps:\n  - { id: copy, name: Copy, domains: [{ value: sub.example }] }\npublishers:\n  - { id: owner, name: Owner, domains: [{ value: sub.example }] }\n', 'd.yaml:3:48 DUPLICATE_IDENTIFIER'],
    ['two apps', 'apps:\n  - { id: a1, name: A1, domains: [{ value: sub.example }] }\n  - { id: a2, name: A2, domains: [{ value: sub.example }] }\n', 'd.yaml:4:44 DUPLICATE_IDENTIFIER'],
  ])('refuses a web domain catalogued under %s, at the second, as compiling does a Team ID', async (_what, extra, at) => {
    const files = policy('block:\n  apps: [{ id: main }]\n');
    files['p.yaml'] = files['p.yaml']!.replace('include: [c.yaml]', 'include: [c.yaml, d.yaml]');
    const r = await compileFiles({ ...files, 'd.yaml': `version: 1\n${extra}` });
    expect(located(r.diagnostics.filter((d) => d.severity === 'error'))).toEqual([at]);
    expect(r.diagnostics.find((d) => d.code === 'DUPLICATE_IDENTIFIER')!.message).toMatch(/web domain "sub\.example"/);
    expect(r.artifacts).toEqual([]);
  });
});

describe('resolve: platform absence', () => {
  const absentCatalog = `version: 1
apps:
  - id: droid
    name: Droid
    android: { package: com.droid.app }
    ios: { absent: { sources: [store search] } }
  - id: gap
    name: Gap
    android: { package: com.gap.app }
`;
  const files = (body: string, cat = absentCatalog) => ({ 'p.yaml': `version: 1\nid: com.example.p\nname: P\ninclude: [c.yaml]\n${body}`, 'c.yaml': cat });

  it('lists an app without an iOS build as absent: no warning, not in notEnforced; a real gap still warns', async () => {
    const r = await compileFiles(files('block:\n  apps: [{ id: droid }, { id: gap }]\n'));
    // iOS then blocks nothing: gap has no bundle ID (issue #13).
    expect(located(r.diagnostics)).toEqual(['p.yaml:1:1 FLEET_BLOCKS_NOTHING', 'p.yaml:6:25 NO_IDENTIFIER_FOR_PLATFORM']);
    const ios = r.plan!.fleets[0]!.ios!;
    expect(ios.absent.map((a) => [a.app.id, a.confidence, a.sources])).toEqual([['droid', 'high', [{ text: 'store search' }]]]);
    expect(ios.notEnforced.map((n) => [n.app.id, n.why])).toEqual([['gap', 'no-identifier']]);
    const summary = r.artifacts.find((a) => a.path === 'plan.json')!.data as { fleets: { platforms: Record<string, { absent?: unknown[] }> }[] };
    expect(summary.fleets[0]!.platforms['ios']!.absent).toEqual([{ app: 'droid', name: 'Droid', confidence: 'high' }]);
    expect(summary.fleets[0]!.platforms['android']!.absent).toBeUndefined();
  });

  it('refuses an absence beside an identifier of the same platform', async () => {
    const cat = `version: 1\napps:\n  - id: both\n    name: Both\n    ios:\n      bundleId: com.both.app\n      absent: { sources: [store search] }\n`;
    const r = await compileFiles(files('block:\n  apps: [{ id: both }]\n', cat));
    expect(located(r.diagnostics).filter((d) => d.includes('ABSENT'))).toEqual(['c.yaml:7:15 ABSENT_WITH_IDENTIFIERS']);
    expect(r.ok).toBe(false);
  });
});
