import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicyPath } from '../../../../src/common/paths.js';
import { audit } from '../../../../src/features/audit/audit.js';
import { resolvePolicy, type Plan } from '../../../../src/index.js';
import { runMain } from '../../../helpers/cli.js';
import { TODAY } from '../../../helpers/compile.js';

/*
 * Issue #20's done-when: audit of an AMAPI inventory under the default policy flags the
 * Huawei-made device, which has no flagged app, and no other device (an Honor phone made after the
 * spin-off reports manufacturer HONOR; a Pixel and a Samsung are not named).
 */
const INVENTORY = join(import.meta.dirname, 'devices.json');

let plan: Plan;
beforeAll(async () => {
  const r = await resolvePolicy(defaultPolicyPath, { today: TODAY });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  plan = r.plan!;
});

describe('audit: devices made by a manufacturer the policy names', () => {
  it('flags the Huawei device with the rule and its references, and no other device', async () => {
    const r = await audit(plan, [{ path: INVENTORY, label: 'devices.json' }]);
    expect(r.findings).toEqual([]);
    expect(r.deviceFindings.map((f) => [f.device.split('/').pop(), f.manufacturer.id, f.reported])).toEqual([['huawei0001', 'huawei', { manufacturer: 'HUAWEI', brand: 'HUAWEI' }]]);
    const rule = r.deviceFindings[0]!.rule;
    expect(rule.reason).toMatch(/^Clean Apps/);
    expect(rule.references.map((x) => x.url)).toContain('https://www.state.gov/announcing-the-expansion-of-the-clean-network-to-safeguard-americas-assets/');
    expect(r.devices).toBe(4);
    expect(r.devicesWithFindings).toBe(1);
  });

  it('exits 1 and says so in text, --json and the HTML report', async () => {
    const text = await runMain(['audit', defaultPolicyPath, INVENTORY, '--today', TODAY]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^Huawei \(manufacturer huawei\): 1 device; no file blocks a device/m);
    expect(text.stdout).toContain('enterprises/LC00abc/devices/huawei0001 (android, fleet default) reports manufacturer "HUAWEI", brand "HUAWEI"');
    expect(text.stdout).toContain('1 device made by a manufacturer the policy names');
    expect(text.stdout).not.toContain('honor0002');

    const json = await runMain(['audit', defaultPolicyPath, INVENTORY, '--json', '--today', TODAY]);
    const parsed = JSON.parse(json.stdout) as { ok: boolean; deviceFindings: { device: string; manufacturer: { id: string } }[] };
    expect(parsed.ok).toBe(false);
    expect(parsed.deviceFindings.map((f) => f.device)).toEqual(['enterprises/LC00abc/devices/huawei0001']);

    const dir = mkdtempSync(join(tmpdir(), 'audit-maker-'));
    try {
      await runMain(['audit', defaultPolicyPath, INVENTORY, '--report', join(dir, 'audit.html'), '--today', TODAY]);
      const html = readFileSync(join(dir, 'audit.html'), 'utf8');
      expect(html).toContain('<section id="maker-huawei" class="app">');
      expect(html).toContain('<code>enterprises/LC00abc/devices/huawei0001</code>');
      expect(html).not.toContain('honor0002');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
