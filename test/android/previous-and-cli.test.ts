import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { CliIO } from '../../src/cli/io.js';
import { compile, writeOutput } from '../../src/index.js';
import { codes, TODAY } from '../helpers/compile.js';
import { androidPolicy, artifact, TIKTOK, WECHAT } from './fixtures.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mdm-android-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const FLEET = '  f:\n    android: { mode: fully-managed }\n';
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

async function compileInto(out: string, policy: string, previous?: string) {
  const result = await compile(write('p.yaml', policy), { today: TODAY, displayBase: dir, ...(previous !== undefined && { previous }) });
  if (result.ok) expect(await writeOutput(out, result.artifacts)).toEqual([]);
  return result;
}

function io(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), color: false, isTTY: false, env: {}, cwd: dir, today: TODAY };
}

describe('--previous', () => {
  it('removes what the earlier output blocked and this compile no longer does', async () => {
    await compileInto(join(dir, 'out'), androidPolicy(FLEET));
    const again = await compileInto(join(dir, 'out'), androidPolicy(FLEET, 'allow:\n  - { app: wechat }\n'), join(dir, 'out'));
    expect(artifact(again, 'f/android/remove-policy-applications.json')).toEqual({ packageNames: [WECHAT] });
    expect(again.plan!.fleets[0]!.android!.previouslyBlocked).toEqual([WECHAT, TIKTOK]);
    // Its manifest now lists only TikTok, so a third run has nothing to remove.
    const third = await compileInto(join(dir, 'out'), androidPolicy(FLEET, 'allow:\n  - { app: wechat }\n'), join(dir, 'out'));
    expect(artifact(third, 'f/android/remove-policy-applications.json')).toBeUndefined();
  });

  it('refuses a folder that is not an mdm-blocklist output, or whose bodies were edited', async () => {
    const none = await compileInto(join(dir, 'out'), androidPolicy(FLEET), join(dir, 'empty'));
    expect(codes(none.diagnostics)).toEqual(['PREVIOUS_OUTPUT_INVALID']);
    await compileInto(join(dir, 'out'), androidPolicy(FLEET));
    const body = join(dir, 'out/f/android/modify-policy-applications.json');
    writeFileSync(body, readFileSync(body, 'utf8').replace(TIKTOK, 'com.example.other'));
    const edited = await compileInto(join(dir, 'next'), androidPolicy(FLEET), join(dir, 'out'));
    expect(codes(edited.diagnostics)).toEqual(['PREVIOUS_OUTPUT_INVALID']);
    expect(edited.diagnostics[0]!.message).toMatch(/differs from the sha256/);
  });

  // Issue #12: load/previous.ts read the body without checking what it was: a link to /dev/zero hung.
  it.each([
    ['a link to /dev/zero', (file: string) => symlinkSync('/dev/zero', file), /is a link that points outside the folder/],
    ['a FIFO', (file: string) => execFileSync('mkfifo', [file]), /is a named pipe \(FIFO\), not a regular file/],
    ['a link out of the folder', (file: string) => symlinkSync(join(dir, 'p.yaml'), file), /is a link that points outside the folder/],
  ])('refuses a body that is %s at once, without reading it', async (_what, replace, message) => {
    await compileInto(join(dir, 'out'), androidPolicy(FLEET));
    const body = join(dir, 'out/f/android/modify-policy-applications.json');
    rmSync(body);
    replace(body);
    const r = await compileInto(join(dir, 'next'), androidPolicy(FLEET), join(dir, 'out'));
    expect(codes(r.diagnostics)).toEqual(['PREVIOUS_OUTPUT_INVALID']);
    expect(r.diagnostics[0]!.message).toMatch(message);
    expect(r.diagnostics[0]!.file).toBe('out/f/android/modify-policy-applications.json');
  });

  it('refuses a manifest that is a FIFO', async () => {
    await compileInto(join(dir, 'out'), androidPolicy(FLEET));
    rmSync(join(dir, 'out/manifest.json'));
    execFileSync('mkfifo', [join(dir, 'out/manifest.json')]);
    const r = await compileInto(join(dir, 'next'), androidPolicy(FLEET), join(dir, 'out'));
    expect(codes(r.diagnostics)).toEqual(['PREVIOUS_OUTPUT_INVALID']);
    expect(r.diagnostics[0]!.message).toMatch(/manifest\.json is a named pipe \(FIFO\), not a regular file/);
  });
});

describe('CLI', () => {
  it('lays a fleet onto --base-policy and writes the removal body from --previous', async () => {
    write('p.yaml', androidPolicy(FLEET));
    write('base.json', JSON.stringify({ playStoreMode: 'BLACKLIST', screenCaptureDisabled: true, applications: [{ packageName: 'com.example.keep', installType: 'FORCE_INSTALLED' }] }));
    const first = io();
    expect(await main(['compile', join(dir, 'p.yaml'), '--out', join(dir, 'out'), '--base-policy', 'f=base.json', '-q'], first)).toBe(0);
    const policy = JSON.parse(readFileSync(join(dir, 'out/f/android/policy.json'), 'utf8')) as Record<string, unknown>;
    expect(policy['screenCaptureDisabled']).toBe(true);
    write('p.yaml', androidPolicy(FLEET, 'allow:\n  - { app: tiktok }\n'));
    expect(await main(['compile', join(dir, 'p.yaml'), '--out', join(dir, 'out'), '--base-policy', 'f=base.json', '--previous', 'out', '-q'], io())).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out/f/android/remove-policy-applications.json'), 'utf8'))).toEqual({ packageNames: [TIKTOK] });
  });

  it('exits 2 on a malformed --base-policy, a missing base file or an unusable --previous', async () => {
    write('p.yaml', androidPolicy(FLEET));
    const bad = io();
    expect(await main(['compile', join(dir, 'p.yaml'), '--base-policy', 'base.json'], bad)).toBe(2);
    expect(bad.err.join('')).toMatch(/--base-policy takes FLEET=FILE/);
    expect(await main(['validate', join(dir, 'p.yaml'), '--base-policy', 'f=missing.json'], io())).toBe(2);
    expect(await main(['plan', join(dir, 'p.yaml'), '--out', join(dir, 'out'), '--previous', 'nowhere'], io())).toBe(2);
  });

  it('exits 1 with file:line:col when the base policy conflicts with the blocklist', async () => {
    write('p.yaml', androidPolicy(FLEET));
    write('base.json', '{\n  "playStoreMode": "BLACKLIST",\n  "applications": [{ "packageName": "com.tencent.mm", "installType": "FORCE_INSTALLED" }]\n}\n');
    const run = io();
    expect(await main(['validate', join(dir, 'p.yaml'), '--base-policy', 'f=base.json'], run)).toBe(1);
    expect(run.err.join('')).toMatch(/^base\.json:3:70: error ANDROID_BASE_CONFLICT: /m);
  });
});
