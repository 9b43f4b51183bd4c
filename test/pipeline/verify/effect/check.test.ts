import { describe, it } from 'vitest';
import { compileFiles } from '../../../helpers/compile.js';
import { DiagnosticBag } from '../../../../src/common/diagnostics/diagnostic.js';
import { checkEffect } from '../../../../src/pipeline/verify/effect/check.js';
import { EFFECT_MODELS } from '../../../../src/pipeline/verify/effect/models.js';
import type { Artifact } from '../../../../src/pipeline/targets/artifact.js';
import { policy } from './fixtures.js';

const FLEETS = `
fleets:
  phones:
    ios: { minVersion: "17" }
  macs:
    macos: { minVersion: "14", santa: true }
`;

async function compiled() {
  const result = await compileFiles({ 'policy.yaml': policy(`${FLEETS}\nblock:\n  publishers: [{ id: tencent }]\nallow:\n  - app: wechat\n`) });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result;
}

/** Runs the check again over artifacts changed by `edit` (bytes as text). */
async function recheck(edit: (path: string, text: string) => string): Promise<string[]> {
  const { plan, artifacts } = await compiled();
  const changed: Artifact[] = artifacts.map((a) => ({ ...a, bytes: new TextEncoder().encode(edit(a.path, new TextDecoder().decode(a.bytes))) }));
  const bag = new DiagnosticBag();
  checkEffect(plan!, changed, EFFECT_MODELS, bag);
  return bag.items.filter((d) => d.code === 'EFFECT_MISMATCH').map((d) => d.message);
}

describe('the effect check reads the bytes and finds what they do wrong', () => {
  it('passes the artifacts as compiled', async ({ expect }) => {
    expect(await recheck((_p, t) => t)).toEqual([]);
  });

  it('finds a blocked app missing from the restrictions profile', async ({ expect }) => {
    const found = await recheck((p, t) => (p.endsWith('restrictions.mobileconfig') ? t.replace('<string>com.tencent.mqq</string>', '') : t));
    expect(found.join('\n')).toMatch(/iOS 17, supervised: qq \(com\.tencent\.mqq\) is blocked by the policy but no artifact blocks it/);
  });

  it('finds an allowed app the profile blocks', async ({ expect }) => {
    const found = await recheck((p, t) => (p.endsWith('restrictions.mobileconfig') ? t.replace('<string>com.tencent.mqq</string>', '<string>com.tencent.mqq</string><string>com.tencent.xin</string>') : t));
    expect(found.join('\n')).toMatch(/wechat \(com\.tencent\.xin\) is allowed by an exception but .*restrictions\.mobileconfig has it blocked-from-launching/);
  });

  it('finds an app the policy never names blocked', async ({ expect }) => {
    const found = await recheck((p, t) => (p.endsWith('restrictions.mobileconfig') ? t.replace('<string>com.tencent.mqq</string>', '<string>com.tencent.mqq</string><string>com.acme.notes</string>') : t));
    expect(found.join('\n')).toMatch(/acme-notes \(com\.acme\.notes\) is not blocked by the policy/);
  });

  it('finds a Santa allow rule gone: the excepted app blocked by its team', async ({ expect }) => {
    const found = await recheck((p, t) => (p.endsWith('santa.mobileconfig') ? t.replace('<string>ALLOWLIST</string>', '<string>BLOCKLIST</string>') : t));
    expect(found.join('\n')).toMatch(/wechat \(TENCENT001:com\.tencent\.xinWeChat\) is allowed by an exception but .*santa\.mobileconfig has it blocked-from-launching/);
  });

  it('finds a team rule dropped: the team\'s unlisted apps run', async ({ expect }) => {
    const found = await recheck((p, t) => (p.endsWith('santa.mobileconfig') ? t.replaceAll('<string>TENCENT002</string>', '<string>NOTTHETEAM</string>') : t));
    expect(found.join('\n')).toMatch(/apps of TENCENT002 \(tencent\) the catalog does not list is blocked by the policy but no artifact blocks it/);
  });

  it('reports a platform without a model as unchecked, not as passed', async ({ expect }) => {
    const { plan, artifacts } = await compiled();
    const bag = new DiagnosticBag();
    const effects = checkEffect(plan!, artifacts, { ios: EFFECT_MODELS.ios! }, bag);
    expect(effects.find((e) => e.platform === 'macos')).toMatchObject({ checked: false, classes: [] });
    expect(effects.find((e) => e.platform === 'ios')).toMatchObject({ checked: true });
  });
});
