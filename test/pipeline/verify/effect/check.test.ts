import { describe, it } from 'vitest';
import { compileFiles } from '../../../helpers/compile.js';
import { DiagnosticBag } from '../../../../src/common/diagnostics/diagnostic.js';
import { checkEffect } from '../../../../src/pipeline/verify/effect/check.js';
import { EFFECT_MODELS } from '../../../../src/pipeline/verify/effect/models.js';
import { WEB_MODELS } from '../../../../src/pipeline/verify/effect/web/models.js';
import type { Artifact } from '../../../../src/pipeline/targets/artifact.js';
import { classLabel } from '../../../../src/plan/device-classes.js';
import type { Plan } from '../../../../src/plan/types.js';
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

/** The web branch of covers(): a domain is covered by a gap that names it, never by one that does not. */
describe('the effect check on blocked web domains: which domains a gap covers', () => {
  const WEB = `version: 1
id: org.example.effect-web
name: Effect web test
options: { blockWebDomains: true }
publishers:
  - id: tencent
    name: Tencent
    domains:
      - { value: weiyun.example, sources: [s] }
      - { value: qq.example, shared: true, sources: [s] }
apps:
  - id: wechat
    name: WeChat
    publisher: tencent
    ios: { bundleId: com.tencent.xin }
    domains:
      - { value: web.wechat.example, sources: [s] }
fleets:
  byod:
    ios: { supervised: false, minVersion: "17" }
  phones:
    ios: { minVersion: "17" }
block:
  publishers: [{ id: tencent }]
`;

  /** The check run again over the plan as `editPlan` leaves it and the artifacts as `edit` leaves them. */
  async function webCheck(editPlan: (plan: Plan) => void = () => {}, edit: (path: string, text: string) => string = (_p, t) => t) {
    const result = await compileFiles({ 'policy.yaml': WEB });
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const plan = result.plan!;
    editPlan(plan);
    const changed: Artifact[] = result.artifacts.map((a) => ({ ...a, bytes: new TextEncoder().encode(edit(a.path, new TextDecoder().decode(a.bytes))) }));
    const bag = new DiagnosticBag();
    const effects = checkEffect(plan, changed, EFFECT_MODELS, bag, WEB_MODELS);
    const notEnforced = (fleet: string) => effects.find((e) => e.fleet === fleet && e.web)!.classes.map((c) => `${classLabel(c.device)}: ${c.notEnforced.join(', ')}`);
    const messages = (code: string) => bag.items.filter((d) => d.code === code).map((d) => d.message);
    return { notEnforced, mismatches: messages('EFFECT_MISMATCH'), unenforced: messages('EFFECT_NOT_ENFORCED') };
  }
  const byodGap = (plan: Plan) => plan.fleets.find((f) => f.id === 'byod')!.web!.ios!.gaps[0]!;

  it('a blocked domain the gap names is not enforced on the classes it covers, and no mismatch', async ({ expect }) => {
    const { notEnforced, mismatches, unenforced } = await webCheck();
    expect(mismatches).toEqual([]);
    expect(notEnforced('byod')).toEqual(['iOS 17, unsupervised: web.wechat.example, weiyun.example', 'iOS 18, unsupervised: web.wechat.example, weiyun.example', 'iOS 26, unsupervised: web.wechat.example, weiyun.example', 'iOS 27, unsupervised: web.wechat.example, weiyun.example']);
    expect(unenforced.filter((m) => m.includes('web-unsupervised'))).toEqual(['fleet "byod", web-unsupervised: not blocked on iOS 17–27 (unsupervised): web.wechat.example, weiyun.example']);
  });

  it('a blocked domain the gap does not name is not covered: the unblocked domain is a mismatch', async ({ expect }) => {
    const { notEnforced, mismatches } = await webCheck((plan) => void (byodGap(plan).domains = ['weiyun.example']));
    expect(mismatches).toEqual(['fleet "byod", iOS 17, unsupervised: web.wechat.example is blocked by the policy but no artifact blocks it there', 'fleet "byod", iOS 18, unsupervised: web.wechat.example is blocked by the policy but no artifact blocks it there', 'fleet "byod", iOS 26, unsupervised: web.wechat.example is blocked by the policy but no artifact blocks it there', 'fleet "byod", iOS 27, unsupervised: web.wechat.example is blocked by the policy but no artifact blocks it there']);
    expect(notEnforced('byod')[0]).toBe('iOS 17, unsupervised: weiyun.example');
  });

  it('a shared domain is never counted not enforced, even by a gap that names it; an artifact that blocks it is a mismatch', async ({ expect }) => {
    const named = await webCheck((plan) => void byodGap(plan).domains!.push('qq.example'));
    expect(named.mismatches).toEqual([]);
    expect(named.notEnforced('byod')).toEqual(['iOS 17, unsupervised: web.wechat.example, weiyun.example', 'iOS 18, unsupervised: web.wechat.example, weiyun.example', 'iOS 26, unsupervised: web.wechat.example, weiyun.example', 'iOS 27, unsupervised: web.wechat.example, weiyun.example']);
    const denied = await webCheck(undefined, (p, t) => (p === 'phones/ios/web-content-filter.mobileconfig' ? t.replace('<string>http://weiyun.example</string>', '<string>http://weiyun.example</string><string>http://qq.example</string><string>https://qq.example</string>') : t));
    expect(denied.mismatches).toEqual(expect.arrayContaining(['fleet "phones", iOS 17, supervised: qq.example is not blocked by the policy but phones/ios/web-content-filter.mobileconfig has it blocked-in-browser']));
  });
});
