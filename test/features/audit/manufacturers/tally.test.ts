import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../../../src/features/audit/audit.js';
import { resolvePolicy } from '../../../../src/index.js';
import { runMain } from '../../../helpers/cli.js';
import { TODAY } from '../../../helpers/compile.js';

/*
 * "Devices with findings" has one definition (deviceTally), in --json, the text and audit.html: a
 * device counts once, whether two maker rules name its maker or it has both a flagged app and a
 * maker finding.
 */
const policy = `version: 1
id: com.example.tally
name: Tally
publishers:
  - id: acme
    name: Acme
manufacturers:
  - id: acme
    name: Acme Devices
    publisher: acme
    android: { manufacturer: [ACME] }
    sources: [{ text: build.prop, url: "https://example.com/acme" }]
  - id: acme-sub
    name: Acme Sub-brand
    publisher: acme
    android: { brand: [ACME] }
    sources: [{ text: build.prop, url: "https://example.com/acme-sub" }]
apps:
  - id: chat
    name: Chat
    android: { package: com.sub.chat }
block:
  apps:
    - { id: chat }
  manufacturers:
    - { id: acme }
    - { id: acme-sub }
`;

const device = (id: string, hardware: Record<string, string>, packages: string[]) => ({
  name: `enterprises/E/devices/${id}`,
  hardwareInfo: hardware,
  applicationReports: packages.map((packageName) => ({ packageName, state: 'INSTALLED' })),
});
const devices = {
  devices: [
    // Both maker rules name it (manufacturer ACME, brand ACME); no flagged app.
    device('two-makers', { manufacturer: 'ACME', brand: 'ACME' }, ['org.other']),
    // A maker finding and a flagged app.
    device('maker-and-app', { manufacturer: 'Acme', brand: 'other' }, ['com.sub.chat']),
    device('app-only', { manufacturer: 'Google', brand: 'google' }, ['com.sub.chat']),
    device('clean', { manufacturer: 'Google', brand: 'google' }, ['org.other']),
  ],
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'audit-tally-'));
  writeFileSync(join(dir, 'policy.yaml'), policy);
  writeFileSync(join(dir, 'devices.json'), JSON.stringify(devices, null, 1));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('devices with findings: one definition', () => {
  it('counts a device two maker rules name once, and one with an app and a maker finding once', async () => {
    const { plan, diagnostics } = await resolvePolicy(join(dir, 'policy.yaml'), { today: TODAY });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const r = await audit(plan!, [{ path: join(dir, 'devices.json'), label: 'devices.json', fleet: 'default' }]);
    expect(r.deviceFindings.map((f) => `${f.device.split('/').pop()} ${f.manufacturer.id}`)).toEqual(['maker-and-app acme', 'two-makers acme', 'two-makers acme-sub']);
    expect(r.findings.filter((f) => f.status !== 'allowed').map((f) => f.device.split('/').pop())).toEqual(['app-only', 'maker-and-app']);
    expect(r.devices).toBe(4);
    expect(r.devicesWithFindings).toBe(3);
  });

  it('the text, --json and audit.html give the same counts', async () => {
    const args = ['audit', 'policy.yaml', 'devices.json', '--today', TODAY];
    const text = await runMain(args, { cwd: dir });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('2 flagged installs on 2 devices; 2 devices made by a manufacturer the policy names; 3 devices with findings in all.');

    const json = await runMain([...args, '--json'], { cwd: dir });
    expect(JSON.parse(json.stdout)).toMatchObject({ devices: 4, devicesWithFindings: 3 });

    await runMain([...args, '--report', 'audit.html'], { cwd: dir });
    const html = readFileSync(join(dir, 'audit.html'), 'utf8');
    expect(html).toContain('4 devices and 4 installed apps read: 2 flagged installs on 2 devices, 2 devices made by a manufacturer the policy names; 3 devices with findings in all.');
    expect(html).toContain('<tr><td>Android</td><td class="num">4</td><td class="num warn">3</td></tr>');
  });
});
