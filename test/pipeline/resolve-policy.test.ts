// Issue #12: one entry point resolves a policy (load → validate → resolve) without building
// artifacts or touching signing material; compile runs the same stages and only then signs.
import { describe, expect, it } from 'vitest';
import { compile, resolvePolicy, type Host } from '../../src/index.js';
import { codes, TODAY } from '../helpers/compile.js';
import { memoryHost } from '../helpers/memory-host.js';

const POLICY = `version: 1
id: com.example.p
name: P
apps:
  - { id: chat, name: Chat, ios: { bundleId: com.example.chat } }
block:
  apps: [{ id: chat }]
allow:
  - { app: chat, fleets: [kiosk] }
apple:
  signing: { cert: signer.pem, key: signer.key }
fleets:
  phones: { ios: { supervised: true } }
  kiosk: { ios: { supervised: true } }
`;

/** The memory host, recording every path read. */
function recording(files: Record<string, string>): { host: Host; root: string; reads: string[] } {
  const { host, root } = memoryHost(files);
  const reads: string[] = [];
  return { root, reads, host: { ...host, readFile: (p) => (reads.push(p), host.readFile(p)) } };
}

describe('resolvePolicy', () => {
  it('gives the plan, with the rules, and never reads the signing files', async () => {
    const { host, root, reads } = recording({ 'policy.yaml': POLICY, 'signer.pem': 'not read', 'signer.key': 'not read' });
    const r = await resolvePolicy(`${root}/policy.yaml`, { host, today: TODAY, displayBase: root });
    expect(r.ok).toBe(true);
    expect(r.plan!.fleets.map((f) => f.id)).toEqual(['kiosk', 'phones']);
    expect(r.plan!.rules.block.map((b) => b.id)).toEqual(['chat']);
    expect(r.plan!.rules.allow.map((a) => [a.id, a.fleets])).toEqual([['chat', ['kiosk']]]);
    expect(reads.filter((p) => p.endsWith('.pem') || p.endsWith('.key'))).toEqual([]);
  });

  it('reports positions as compile does, without the signing problems compile has', async () => {
    const { host, root } = recording({ 'policy.yaml': POLICY.replace('fleets: [kiosk]', 'fleets: [kiosks]') });
    const asked = await resolvePolicy(`${root}/policy.yaml`, { host, today: TODAY, displayBase: root });
    expect(asked.diagnostics.filter((d) => d.code === 'UNKNOWN_FLEET').map((d) => `${d.file}:${d.line}:${d.col}`)).toEqual(['policy.yaml:9:26']);
    const compiled = await compile(`${root}/policy.yaml`, { host, today: TODAY, displayBase: root });
    // The policy's own error is not hidden by the signing files it names (absent here).
    expect(codes(compiled.diagnostics, 'error')).toEqual(['UNKNOWN_FLEET', 'SIGN_FILE_UNREADABLE', 'SIGN_FILE_UNREADABLE']);
    expect(codes(asked.diagnostics)).not.toContain('SIGN_FILE_UNREADABLE');
  });

  it('leaves compile to read the PEM files, in load, pointing at where the policy names them', async () => {
    const { host, root } = recording({ 'policy.yaml': POLICY });
    const r = await compile(`${root}/policy.yaml`, { host, today: TODAY, displayBase: root });
    expect(codes(r.diagnostics, 'error')).toEqual(['SIGN_FILE_UNREADABLE', 'SIGN_FILE_UNREADABLE']);
    expect(r.diagnostics.filter((d) => d.code === 'SIGN_FILE_UNREADABLE').map((d) => `${d.file}:${d.line}:${d.col}`)).toEqual(['policy.yaml:11:20', 'policy.yaml:11:37']);
  });
});
