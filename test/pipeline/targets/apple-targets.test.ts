// Properties of the Apple artifacts the golden files cannot show: what changes with what.
import { describe, expect, it } from 'vitest';
import { compileText, type Artifact, type CompileResult } from '../../../src/index.js';
import { DiagnosticBag } from '../../../src/common/diagnostics/diagnostic.js';
import { verifyArtifacts } from '../../../src/pipeline/verify/verify.js';

const policy = (apps: string[], { id = 'org.example.blocklist', fleet = 'phones', extra = '' } = {}) => `
version: 1
id: ${id}
name: Example
apps:
${apps.map((a) => `  - { id: ${a}, name: ${a}, ios: { bundleId: com.example.${a} } }`).join('\n')}
block:
  apps: [${apps.map((a) => `{ id: ${a} }`).join(', ')}]
fleets:
  ${fleet}:
    ios: { minVersion: "17" }
${extra}`;

const file = (r: CompileResult, suffix: string): Artifact => {
  const a = r.artifacts.find((x) => x.path.endsWith(suffix));
  if (!a) throw new Error(`no artifact ending in ${suffix}: ${r.artifacts.map((x) => x.path).join(', ')}`);
  return a;
};
const json = (a: Artifact) => JSON.parse(Buffer.from(a.bytes).toString('utf8')) as { Identifier: string; ServerToken: string; Payload: { StandardConfigurations?: string[] } };
const text = (a: Artifact) => Buffer.from(a.bytes).toString('utf8');
const uuidOf = (a: Artifact) => /<key>CommandUUID<\/key>\s*<string>([^<]+)</.exec(text(a))![1];

describe('determinism', () => {
  it('compiles the same input to the same bytes, whatever order the apps are listed in', async () => {
    // The report cites each rule's line and column, which the order changes; the artifacts must not.
    const a = await compileText(policy(['alpha', 'beta', 'gamma']), { report: false });
    const b = await compileText(policy(['gamma', 'alpha', 'beta']), { report: false });
    expect(a.artifacts.length).toBeGreaterThan(5);
    expect(b.artifacts.map((x) => [x.path, text(x)])).toEqual(a.artifacts.map((x) => [x.path, text(x)]));
  });
});

describe('app.settings declarations', () => {
  it('changes ServerToken exactly when the content changes', async () => {
    const one = await compileText(policy(['alpha', 'beta']));
    const same = await compileText(policy(['beta', 'alpha']));
    const other = await compileText(policy(['alpha']));
    const token = (r: CompileResult) => json(file(r, 'ios/ddm/app-settings.json')).ServerToken;
    expect(token(same)).toBe(token(one));
    expect(token(other)).not.toBe(token(one));
    expect(token(one)).toMatch(/^[0-9a-f]{32}$/);
    // The activation names the same configuration, so its token does not move.
    expect(json(file(other, 'ios/ddm/activation.json')).ServerToken).toBe(json(file(one, 'ios/ddm/activation.json')).ServerToken);
  });

  it('keeps Identifier within 64 octets, readable when it fits', async () => {
    const short = json(file(await compileText(policy(['alpha'])), 'ios/ddm/app-settings.json'));
    expect(short.Identifier).toBe('org.example.blocklist.phones.ios.app-settings');
    const long = await compileText(policy(['alpha'], { id: `org.example.${'a'.repeat(50)}`, fleet: 'field-phones' }));
    const config = json(file(long, 'ios/ddm/app-settings.json'));
    expect(config.Identifier).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    expect(json(file(long, 'ios/ddm/activation.json')).Payload.StandardConfigurations).toEqual([config.Identifier]);
  });
});

describe('CommandUUID', () => {
  it('is stable, differs per command, and changes with a salt', async () => {
    const plain = await compileText(policy(['alpha', 'beta']));
    const again = await compileText(policy(['alpha', 'beta']));
    const salted = await compileText(policy(['alpha', 'beta']), { commandUuidSalt: 'run-42' });
    const commands = (r: CompileResult) => r.artifacts.filter((a) => a.kind === 'apple-command').map(uuidOf);
    expect(commands(plain)).toHaveLength(3);
    expect(commands(again)).toEqual(commands(plain));
    expect(new Set(commands(plain)).size).toBe(3);
    expect(commands(salted).filter((u) => commands(plain).includes(u))).toEqual([]);
  });

  it('gives InstallProfile a new UUID when the profile changes', async () => {
    const before = await compileText(policy(['alpha']));
    const after = await compileText(policy(['alpha', 'beta']));
    expect(uuidOf(file(after, 'install-restrictions.plist'))).not.toBe(uuidOf(file(before, 'install-restrictions.plist')));
    expect(uuidOf(file(after, 'remove-com.example.alpha.plist'))).toBe(uuidOf(file(before, 'remove-com.example.alpha.plist')));
  });
});

describe('block and allow lists', () => {
  it('never pass verify together', async () => {
    const result = await compileText(policy(['alpha']));
    const profile = file(result, 'restrictions.mobileconfig');
    const data = structuredClone(profile.data) as { PayloadContent: Record<string, unknown>[] };
    expect(Object.keys(data.PayloadContent[0]!).filter((k) => /allow|white/i.test(k))).toEqual([]);
    data.PayloadContent[0]!['allowListedAppBundleIDs'] = ['com.example.beta'];
    const bag = new DiagnosticBag();
    verifyArtifacts([{ ...profile, data }], bag);
    expect(bag.items.map((d) => d.code)).toContain('OUTPUT_INVALID');
  });
});
