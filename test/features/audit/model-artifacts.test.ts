import { afterEach, describe, expect, it, vi } from 'vitest';
import { audit } from '../../../src/features/audit/audit.js';
import { buildArtifacts } from '../../../src/pipeline/build-artifacts.js';
import { EFFECT_MODELS } from '../../../src/pipeline/verify/effect/models.js';
import { compileFiles } from '../../helpers/compile.js';
import { memoryHost } from '../../helpers/memory-host.js';

// Audit's "what will act" reads the artifacts compile ships, built by the one function compile calls.
vi.mock('../../../src/pipeline/build-artifacts.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/pipeline/build-artifacts.js')>();
  return { ...real, buildArtifacts: vi.fn(real.buildArtifacts) };
});

const policy = `version: 1
id: com.example.models
name: Models
apps:
  - id: chat
    name: Chat
    ios: { bundleId: com.sub.chat }
    macos: { bundleId: com.sub.chat.mac, teamId: ABCDE12345 }
  - id: game
    name: Game
    ios: { bundleId: com.sub.game }
    macos: { bundleId: com.sub.game.mac, teamId: ABCDE12345 }
block:
  apps:
    - { id: chat }
    - { id: game }
fleets:
  phones: { ios: { supervised: true } }
  macs: { intune: true, macos: { supervised: true, santa: true } }
`;

const response = (udid: string, ...identifiers: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict>
<key>CommandUUID</key><string>1</string><key>Status</key><string>Acknowledged</string>
<key>UDID</key><string>${udid}</string>
<key>InstalledApplicationList</key><array>${identifiers.map((id) => `<dict><key>Identifier</key><string>${id}</string></dict>`).join('')}</array>
</dict></plist>`;

afterEach(() => vi.restoreAllMocks());

describe('audit models what compile ships', () => {
  it("builds the artifacts once, through buildArtifacts, and lists each fleet's subjects once", async () => {
    const { plan } = await compileFiles({ 'p.yaml': policy });
    const build = vi.mocked(buildArtifacts);
    build.mockClear();
    const subjects = { ios: vi.spyOn(EFFECT_MODELS.ios!, 'subjects'), macos: vi.spyOn(EFFECT_MODELS.macos!, 'subjects') };
    const files: Record<string, string> = {};
    for (let i = 1; i <= 3; i++) files[`macs/m${i}.plist`] = response(`MAC-${i}`, 'com.sub.chat.mac', 'com.sub.game.mac');
    for (let i = 1; i <= 2; i++) files[`phones/p${i}.plist`] = response(`PHONE-${i}`, 'com.sub.chat', 'com.sub.game');
    const { host, root } = memoryHost(files);
    const r = await audit(plan!, [
      { path: `${root}/macs`, label: 'macs', fleet: 'macs', platform: 'macos' },
      { path: `${root}/phones`, label: 'phones', fleet: 'phones', platform: 'ios' },
    ], { host });
    expect(r.findings).toHaveLength(10);
    expect(r.findings.every((f) => f.effect.acts.includes('blocked-from-launch'))).toBe(true);
    expect(build).toHaveBeenCalledTimes(1);
    expect(build.mock.calls[0]![0]).toBe(plan);
    // Two apps on five devices in two fleets: one listing of subjects per fleet, not per app or device.
    expect(subjects.macos).toHaveBeenCalledTimes(1);
    expect(subjects.ios).toHaveBeenCalledTimes(1);
  });

  it('builds nothing when the plan alone decides every finding (a device in no fleet)', async () => {
    const { plan } = await compileFiles({ 'p.yaml': policy });
    const build = vi.mocked(buildArtifacts);
    build.mockClear();
    const { host, root } = memoryHost({ 'm.plist': response('MAC-9', 'com.sub.chat.mac') });
    const r = await audit(plan!, [{ path: `${root}/m.plist`, label: 'm.plist', platform: 'macos' }], { host });
    expect(r.findings.map((f) => f.effect.nothing)).toEqual(['no-fleet']);
    expect(build).not.toHaveBeenCalled();
  });
});
