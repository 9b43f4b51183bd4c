import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { CliIO } from '../../src/cli/io.js';
import { TODAY } from '../helpers/compile.js';

const repo = resolve(import.meta.dirname, '../..');

async function run(args: string[], cwd = repo) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), color: false, isTTY: false, env: {}, cwd, today: TODAY };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const work = mkdtempSync(join(tmpdir(), 'mdm-blocklist-cli-catalog-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('mdm-blocklist catalog', () => {
  it.each(['search', 'show', 'coverage', 'lint'])('%s --help shows usage with an example', async (sub) => {
    const r = await run(['catalog', sub, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: mdm-blocklist catalog ${sub}`));
    expect(r.stdout).toMatch(new RegExp(`Examples?:\\n  mdm-blocklist catalog ${sub}`));
  });

  it('lint passes on the shipped policies (exit 0, no errors)', async () => {
    const r = await run(['catalog', 'lint', '--json']);
    const out = JSON.parse(r.stdout) as { ok: boolean; checked: { policies: string[] }; diagnostics: { severity: string }[] };
    expect(r.code).toBe(0);
    expect(out.ok).toBe(true);
    expect(out.checked.policies).toEqual(['policies/clean-network.yaml', 'policies/india-2020-06-29.yaml', 'policies/us-eo-13942-13943.yaml', 'policies/us-eo-13971.yaml']);
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('lint reports errors as file:line:col and exits 1', async () => {
    writeFileSync(join(work, 'bad.yaml'), 'version: 1\npublishers:\n  - { id: lonely, name: Lonely }\n');
    const r = await run(['catalog', 'lint', 'bad.yaml'], work);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.yaml:3:5: error PUBLISHER_NO_APPS:');
    expect(r.stderr).toContain('1 error');
  });

  it('lint exits 2 for a path that does not exist', async () => {
    const r = await run(['catalog', 'lint', 'nope.yaml'], work);
    expect(r.code).toBe(2);
  });

  it('search ranks matches and says what matched', async () => {
    const r = await run(['catalog', 'search', 'TikTok', '--json']);
    const out = JSON.parse(r.stdout) as { hits: { id: string; rank: string }[] };
    expect(r.code).toBe(0);
    expect(out.hits.slice(0, 2)).toMatchObject([
      { id: 'tiktok', rank: 'exact' },
      { rank: 'prefix' },
    ]);
    const text = await run(['catalog', 'search', 'com.tencent.mm']);
    expect(text.stdout).toMatch(/^app\s+wechat\s+WeChat \(微信\)\s+\(exact: Android package com\.tencent\.mm\)  by Tencent\n$/);
    const chain = await run(['catalog', 'search', 'tiktok']);
    expect(chain.stdout.split('\n')[0]).toMatch(/^app\s+tiktok\s+TikTok\s+\(exact: id\)  by TikTok Pte\. Ltd\. → ByteDance$/);
  });

  it('coverage lists as unknown exactly the apps compiling warns about, and apps with no build apart', async () => {
    const policy = 'policies/clean-network.yaml';
    const cov = await run(['catalog', 'coverage', policy, '--json']);
    expect(cov.code).toBe(0);
    type Cov = { platforms: { platform: string; identified: unknown[]; absent: { app: { id: string } }[]; unknown: { id: string }[] }[] };
    const { policies } = JSON.parse(cov.stdout) as { policies: Cov[] };
    const unknown = policies[0]!.platforms.flatMap((p) => p.unknown.map((u) => `${u.id} ${p.platform}`)).sort();
    const validate = await run(['validate', policy, '--json']);
    const warned = (JSON.parse(validate.stdout) as { diagnostics: { code: string; message: string }[] }).diagnostics
      .filter((d) => d.code === 'NO_IDENTIFIER_FOR_PLATFORM')
      .map((d) => `${/^"([^"]+)"/.exec(d.message)![1]} ${/blocked on (\w+)/.exec(d.message)![1]}`)
      .sort();
    expect(unknown).toEqual(warned);
    const ios = policies[0]!.platforms.find((p) => p.platform === 'ios')!;
    expect(ios.absent.map((a) => a.app.id)).toContain('huawei-appgallery');
    expect(warned).not.toContain('huawei-appgallery ios');
    const text = await run(['catalog', 'coverage', '--gaps']);
    expect(text.stdout).toMatch(/^policies\/clean-network\.yaml \(gov\.example\.clean-network\)\n  iOS \/ iPadOS: \d+ identified, \d+ no build, \d+ unknown\n/);
    expect(text.stdout).not.toContain('identified  ');
  });

  it('show names the policies that block an app and through which rule', async () => {
    const r = await run(['catalog', 'show', 'qq-wallet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('feature of   QQ (Tencent QQ) (qq): blocking it blocks the host app');
    expect(r.stdout).toContain('policies/us-eo-13971.yaml (gov.example.us-eo-13971)');
    expect(r.stdout).toMatch(/default\/android\s+blocks com\.tencent\.mobileqq, by app rule "qq"/);
    expect(r.stdout).toContain('by app rule "qq-wallet" as its feature "qq-wallet"');
  });

  it('show marks a low-confidence identifier as not blocked', async () => {
    const r = await run(['catalog', 'show', 'we-meet', '--json']);
    const { entry } = JSON.parse(r.stdout) as { entry: { identifiers: { confidence: string }[]; blockedBy: { verdicts: { platform: string; status: string }[] }[] } };
    expect(entry.identifiers.map((i) => i.confidence)).toEqual(['low']);
    expect(entry.blockedBy.flatMap((b) => b.verdicts.filter((v) => v.platform === 'android').map((v) => v.status))).toEqual(['low-confidence']);
  });

  it('show refuses an unknown id with suggestions and exit 2', async () => {
    const r = await run(['catalog', 'show', 'tiktk']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean: tiktok?');
    expect(r.stderr).toContain('mdm-blocklist catalog show --help');
  });

  it('reads another policy with --policy', async () => {
    writeFileSync(join(work, 'own.yaml'), 'version: 1\nid: com.example.own\nname: Own\nblock:\n  apps: [{ id: mine, name: Mine Chat, android: { package: com.example.mine } }]\n');
    const r = await run(['catalog', 'show', 'mine', '--policy', 'own.yaml'], work);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Mine Chat  (app mine, defined inline in a policy)');
    expect(r.stdout).toMatch(/Policies:\n  own\.yaml \(com\.example\.own\)\n    default\/ios\s+cannot block it: no iOS bundle ID/);
  });
});
