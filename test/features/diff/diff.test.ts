import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffOutput, nodeHost, readOutput, writeOutput, type CompileResult } from '../../../src/index.js';
import { compileFiles } from '../../helpers/compile.js';

const catalog = `version: 1
publishers:
  - { id: acme, name: Acme, apple: { teamIds: [ABCDE12345] } }
apps:
  - id: chat
    name: Chat
    publisher: acme
    ios: { bundleId: com.acme.chat }
    android: { package: com.acme.chat }
  - id: notes
    name: Notes
    publisher: acme
    ios: { bundleId: com.acme.notes }
    android: { package: com.acme.notes }
  - id: maps
    name: Maps
    ios: { bundleId: com.other.maps }
`;

const policy = (body: string) => `version: 1\nid: com.example.p\nname: P\ninclude: [c.yaml]\n${body}`;
const compileWith = (body: string) => compileFiles({ 'p.yaml': policy(body), 'c.yaml': catalog });
const fleets = `fleets:
  phones:
    ios: {}
    android: { mode: fully-managed }
`;

async function written(result: CompileResult): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), 'mdm-blocklist-diff-')), 'out');
  expect(await writeOutput(out, result.artifacts)).toEqual([]);
  return out;
}

async function diff(result: CompileResult, out: string) {
  expect(result.ok).toBe(true);
  return diffOutput(result.plan!, result.artifacts, await readOutput(out, result.artifacts.map((a) => a.path), nodeHost));
}

const changes = (list: { identifier: string; why: string }[]) => list.map((c) => `${c.identifier}: ${c.why}`);

describe('plan: comparing a compile with the output folder', () => {
  it('finds nothing to do when the folder is what the policy compiles to', async () => {
    const result = await compileWith(`block:\n  publishers: [{ id: acme }]\n${fleets}`);
    const d = await diff(result, await written(result));
    expect(d.upToDate).toBe(true);
    expect(d.files).toEqual([]);
    expect(d.unchangedFiles).toBe(result.artifacts.length);
    expect(d.platforms.map((p) => [p.fleet, p.platform, p.status, p.total])).toEqual([
      ['phones', 'ios', 'unchanged', 2],
      ['phones', 'android', 'unchanged', 2],
    ]);
  });

  it('names apps newly blocked and no longer blocked, with why, and the files that change', async () => {
    const before = await compileWith(`block:\n  apps: [{ id: chat }, { id: notes }]\n${fleets}`);
    const out = await written(before);
    const after = await compileWith(`block:\n  apps: [{ id: chat }, { id: maps, reason: flagged }]\nallow:\n  - { app: chat, fleets: [phones], until: "2099-01-01", reason: pilot }\n${fleets}`);
    const d = await diff(after, out);
    expect(d.upToDate).toBe(false);
    const ios = d.platforms.find((p) => p.platform === 'ios')!;
    expect(ios.status).toBe('changed');
    expect(changes(ios.blocked)).toEqual(['com.other.maps: by app rule "maps"']);
    expect(changes(ios.unblocked)).toEqual(['com.acme.chat: allowed by the exception for app chat until 2099-01-01', 'com.acme.notes: no rule blocks it any more']);
    const android = d.platforms.find((p) => p.platform === 'android')!;
    expect(changes(android.unblocked)).toContain('com.acme.chat: allowed by the exception for app chat until 2099-01-01');
    const files = d.files.map((f) => `${f.change} ${f.path}`);
    expect(files).toEqual(
      expect.arrayContaining(['changed manifest.json', 'changed phones/android/policy.json', 'changed phones/ios/restrictions.mobileconfig', 'changed plan.json', 'changed report.html', 'changed report.md']),
    );
    expect(files).toEqual([...files].sort((a, b) => (a.slice(a.indexOf(' ')) < b.slice(b.indexOf(' ')) ? -1 : 1)));
  });

  it('reports fleets and platforms that come and go, and the files removed with them', async () => {
    const before = await compileWith(`block:\n  apps: [{ id: chat }]\n${fleets}`);
    const out = await written(before);
    const after = await compileWith(`block:\n  apps: [{ id: chat }]\nfleets:\n  macs:\n    macos: { santa: true }\n  phones:\n    ios: {}\n`);
    const d = await diff(after, out);
    expect(d.platforms.map((p) => `${p.fleet}/${p.platform} ${p.status}`)).toEqual(['macs/macos added', 'phones/ios unchanged', 'phones/android removed']);
    expect(changes(d.platforms.find((p) => p.platform === 'android')!.unblocked)).toEqual(['com.acme.chat: the fleet no longer has android']);
    const removed = d.files.filter((f) => f.change === 'removed').map((f) => f.path);
    expect(removed).toContain('phones/android/policy.json');
    expect(removed.filter((p) => !p.startsWith('phones/android/'))).toEqual([]);
  });

  it('treats a missing folder as a first compile: everything added, nothing current', async () => {
    const result = await compileWith(`block:\n  publishers: [{ id: acme }]\n${fleets}`);
    const d = await diff(result, join(mkdtempSync(join(tmpdir(), 'mdm-blocklist-diff-')), 'none'));
    expect(d.state).toBe('missing');
    expect(d.upToDate).toBe(false);
    expect(d.files.every((f) => f.change === 'added')).toBe(true);
    expect(d.platforms.every((p) => p.status === 'added' && p.unblocked.length === 0)).toBe(true);
    expect(d.platforms.find((p) => p.platform === 'ios')!.blocked.map((c) => c.identifier)).toEqual(['com.acme.chat', 'com.acme.notes']);
  });

  it('flags files edited by hand, files it would refuse to overwrite, and a folder without plan.json', async () => {
    const result = await compileWith(`block:\n  apps: [{ id: chat }]\n${fleets}`);
    const out = await written(result);
    writeFileSync(join(out, 'phones/ios/restrictions.mobileconfig'), 'edited');
    let d = await diff(result, out);
    expect(d.files).toEqual([{ path: 'phones/ios/restrictions.mobileconfig', change: 'changed', kind: 'apple-profile', editedByHand: true }]);

    const foreign = join(mkdtempSync(join(tmpdir(), 'mdm-blocklist-diff-')), 'out');
    mkdirSync(join(foreign, 'phones', 'ios'), { recursive: true });
    writeFileSync(join(foreign, 'phones/ios/restrictions.mobileconfig'), 'not ours');
    d = await diff(result, foreign);
    expect(d.comparedApps).toBe(false);
    expect(d.platforms).toEqual([]);
    expect(d.files.find((f) => f.path === 'phones/ios/restrictions.mobileconfig')!.change).toBe('conflict');
  });

  it('counts a Team ID rule on macOS as blocking', async () => {
    const before = await compileWith(`block:\n  apps: [{ id: chat }]\nfleets:\n  macs:\n    macos: { santa: true }\n`);
    const out = await written(before);
    const after = await compileWith(`block:\n  publishers: [{ id: acme }]\nfleets:\n  macs:\n    macos: { santa: true }\n`);
    const d = await diff(after, out);
    expect(changes(d.platforms[0]!.blocked)).toEqual(['ABCDE12345: by publisher rule "acme": Acme']);
    expect(JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')).fleets[0].platforms.macos.teams).toEqual([]);
  });
});
