import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/features/audit/audit.js';
import { compileFiles } from '../../helpers/compile.js';
import { memoryHost } from '../../helpers/memory-host.js';

// What will act depends on the fleet's settings: one app, one device per fleet, each fleet different.
const policy = `version: 1
id: com.example.effect
name: Effect
apps:
  - id: chat
    name: Chat
    ios: { bundleId: com.sub.chat }
    macos: { bundleId: com.sub.chat.mac }
block:
  apps:
    - { id: chat }
fleets:
  ios-no-removal: { ios: { supervised: true, removeApps: false } }
  ios-unsupervised: { ios: { supervised: false } }
  ios-old: { ios: { supervised: true, maxVersion: "25.9" } }
  mac-declarations: { macos: { supervised: true } }
  mac-unsupervised: { macos: { supervised: false } }
  mac-santa: { macos: { supervised: false, santa: true } }
`;

const response = (udid: string, identifier: string) => `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict>
<key>CommandUUID</key><string>1</string><key>Status</key><string>Acknowledged</string>
<key>UDID</key><string>${udid}</string>
<key>InstalledApplicationList</key><array><dict><key>Identifier</key><string>${identifier}</string></dict></array>
</dict></plist>`;

describe('what will act, by fleet settings', () => {
  it.each([
    ['ios-no-removal', 'com.sub.chat', 'blocked-from-launch', []],
    ['ios-unsupervised', 'com.sub.chat', 'removed-by-remove-application', ['managed-apps-only']],
    ['ios-old', 'com.sub.chat', 'blocked-from-launch+removed-by-remove-application', ['managed-apps-only']],
    // The effect model: DeniedBinaries blocks on supervised Macs from 27 only; RemoveApplication
    // (macOS 11+) removes managed copies on every Mac; Santa cannot name an app without a Team ID.
    ['mac-declarations', 'com.sub.chat.mac', 'blocked-from-launch+removed-by-remove-application', ['managed-apps-only', 'not-on-every-os-version']],
    ['mac-unsupervised', 'com.sub.chat.mac', 'removed-by-remove-application', ['managed-apps-only']],
    ['mac-santa', 'com.sub.chat.mac', 'removed-by-remove-application', ['managed-apps-only']],
  ])('%s', async (fleet, identifier, acts, notes) => {
    const { plan } = await compileFiles({ 'p.yaml': policy });
    const { host, root } = memoryHost({ 'r.plist': response('UDID-1', identifier) });
    const r = await audit(plan!, [{ path: `${root}/r.plist`, label: 'r.plist', fleet }], { host });
    expect(r.findings).toHaveLength(1);
    const e = r.findings[0]!.effect;
    expect(e.acts.join('+') || `nothing:${e.nothing}`).toBe(acts);
    expect(e.notes).toEqual(notes);
  });
});

// Android: the effect model reads the fleet's policy (and base) from their bytes, as for Apple.
const androidPolicy = `version: 1
id: com.example.effect
name: Effect
apps:
  - id: chat
    name: Chat
    android: { package: com.sub.chat }
block:
  apps:
    - { id: chat }
fleets:
  managed: { android: { mode: fully-managed } }
  work: { android: { mode: personally-owned-work-profile } }
  frozen: { android: { mode: fully-managed, basePolicy: frozen.json } }
`;

const device = (name: string) => JSON.stringify({ name: `enterprises/E/devices/${name}`, applicationReports: [{ packageName: 'com.sub.chat', state: 'INSTALLED' }] });

describe('what will act on Android, from the effect model', () => {
  it.each([
    ['managed', 'uninstalled-by-amapi-blocked', ['amapi-removal-of-user-installed-unconfirmed'], 'Android fully-managed'],
    ['work', 'uninstalled-by-amapi-blocked', ['amapi-removal-of-user-installed-unconfirmed'], 'Android personally-owned-work-profile'],
    // The server's policy disables app installs: AMAPI changes no app's availability, so BLOCKED removes nothing.
    ['frozen', 'nothing:not-covered', [], 'Android fully-managed, base policy known'],
  ])('%s', async (fleet, acts, notes, device_) => {
    const { plan, diagnostics } = await compileFiles({ 'p.yaml': androidPolicy, 'frozen.json': '{"installAppsDisabled": true}' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const { host, root } = memoryHost({ 'd.json': device(fleet) });
    const r = await audit(plan!, [{ path: `${root}/d.json`, label: 'd.json', fleet }], { host });
    expect(r.findings).toHaveLength(1);
    const e = r.findings[0]!.effect;
    expect(e.acts.join('+') || `nothing:${e.nothing}`).toBe(acts);
    expect(e.notes).toEqual(notes);
    expect(e.byClass?.map((c) => c.device)).toEqual([device_]);
  });
});
