import { describe, expect, it } from 'vitest';
import { DiagnosticBag } from '../../src/common/diagnostics/diagnostic.js';
import { buildArtifacts } from '../../src/pipeline/build-artifacts.js';
import { compileFiles } from '../helpers/compile.js';

// A Mac fleet through Intune: its body carries the Santa profile's bytes (a target that reads an
// earlier one), and every profile has its InstallProfile command.
const policy = `version: 1
id: com.example.build
name: Build
apps:
  - id: chat
    name: Chat
    ios: { bundleId: com.sub.chat }
    macos: { bundleId: com.sub.chat.mac, teamId: ABCDE12345 }
block:
  apps:
    - { id: chat }
fleets:
  phones: { intune: true, ios: { supervised: true } }
  macs: { intune: true, macos: { supervised: true, santa: true } }
`;

describe('buildArtifacts: what compile ships, built in one place', () => {
  it("is exactly compile's artifacts before the report and manifest, with the Intune Santa body and the InstallProfile commands", async () => {
    const compiled = await compileFiles({ 'p.yaml': policy });
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const built = await buildArtifacts(compiled.plan!, new DiagnosticBag());
    const shipped = compiled.artifacts.filter((a) => !/^(report\.(html|md)|manifest\.json)$/.test(a.path));
    expect(built.map((a) => [a.path, Buffer.from(a.bytes).toString('base64')])).toEqual(shipped.map((a) => [a.path, Buffer.from(a.bytes).toString('base64')]));
    const paths = built.map((a) => a.path);
    // The body needs the Santa profile built before it (Target.reads); built without it, it is missing.
    expect(paths).toContain('macs/intune/macos-santa.json');
    expect(paths.filter((p) => /\/commands\/install-[^/]+\.plist$/.test(p)).sort()).toEqual(['macs/macos/commands/install-santa.plist', 'phones/ios/commands/install-restrictions.plist'].sort());
  });
});
