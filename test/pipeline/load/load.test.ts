import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../../../src/index.js';
import { TODAY, codes, compileFiles, located } from '../../helpers/compile.js';

const policy = (extra = '') => `version: 1
id: com.example.p
name: P
${extra}block:
  apps:
    - id: a
      name: A
      android: { package: com.example.a }
`;

describe('load', () => {
  it('reads includes relative to the including file, once each', async () => {
    const r = await compileFiles({
      'p.yaml': policy('include: [lists/one.yaml, lists/two.yaml]\n'),
      'lists/one.yaml': 'version: 1\ninclude: [two.yaml]\napps: [{ id: b, name: B, android: { package: com.example.b } }]\n',
      'lists/two.yaml': 'version: 1\nblock: { apps: [{ id: b }] }\n',
    });
    expect(codes(r.diagnostics, 'error')).toEqual([]);
    expect(r.plan?.fleets[0]?.android?.blocked.map((b) => b.identifier)).toEqual(['com.example.a', 'com.example.b']);
  });

  it.each([
    ['a missing file', 'include: [nope.yaml]\n', 'FILE_NOT_FOUND'],
    ['an absolute path', 'include: [/etc/passwd.yaml]\n', 'INCLUDE_ABSOLUTE'],
    ['a path out of the folder tree', 'include: [../outside.yaml]\n', 'INCLUDE_OUTSIDE_ROOT'],
    ['a non-YAML file', 'include: [notes.txt]\n', 'INCLUDE_NOT_YAML'],
    ['a directory', 'include: [dir.yaml]\n', 'INCLUDE_NOT_FILE'],
  ])('refuses %s at the include line', async (_what, include, code) => {
    const r = await compileFiles({ 'sub/p.yaml': policy(include), 'outside.yaml': 'version: 1\n', 'sub/notes.txt': 'x', 'sub/dir.yaml/x.yaml': 'version: 1\n' }, 'sub/p.yaml');
    expect(located(r.diagnostics)).toEqual([`sub/p.yaml:4:11 ${code}`]);
    expect(r.ok).toBe(false);
  });

  it('refuses an include cycle with the chain', async () => {
    const r = await compileFiles({ 'p.yaml': policy('include: [a.yaml]\n'), 'a.yaml': 'include: [b.yaml]\n', 'b.yaml': 'include: [a.yaml]\n' });
    expect(located(r.diagnostics)).toEqual(['b.yaml:1:11 INCLUDE_CYCLE']);
    expect(r.diagnostics[0]!.message).toContain('a.yaml → b.yaml → a.yaml');
  });

  it.each([
    ['duplicate keys', 'version: 1\nid: com.x.y\nid: com.x.z\n', 'YAML_DUPLICATE_KEY', 3, 1],
    ['a tab used as indentation', 'version: 1\nblock:\n\tapps: []\n', 'YAML_TAB_INDENT', 3, 1],
    ['two documents', 'version: 1\n---\nversion: 1\n', 'YAML_MULTI_DOCUMENT', 2, 1],
    ['an empty file', '', 'YAML_EMPTY', 1, 1],
    ['a comment-only file', '# nothing\n', 'YAML_EMPTY', 1, 1],
    ['unclosed flow sequence', 'version: 1\nblock: { apps: [ }\n', 'YAML_SYNTAX', 2, 18],
  ])('reports %s with its position', async (_what, text, code, line, col) => {
    const r = await compileFiles({ 'p.yaml': text });
    expect(located(r.diagnostics)[0]).toBe(`p.yaml:${line}:${col} ${code}`);
  });

  it('refuses an alias bomb without expanding it', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const r = await compileFiles({ 'p.yaml': levels.join('\n') + '\n' });
    expect(codes(r.diagnostics)).toEqual(['YAML_ALIAS_LIMIT']);
  });

  it('refuses a file that is not UTF-8', async () => {
    const { compile } = await import('../../../src/index.js');
    const { memoryHost } = await import('../../helpers/memory-host.js');
    const { host, root } = memoryHost({ 'p.yaml': new Uint8Array([0x69, 0x64, 0x3a, 0x20, 0xff, 0xfe, 0x0a]) });
    const r = await compile(`${root}/p.yaml`, { host, displayBase: root });
    expect(located(r.diagnostics)).toEqual(['p.yaml:1:1 FILE_NOT_UTF8']);
  });

  it('refuses structures nested past the depth cap before parsing them', async () => {
    const r = await compileFiles({ 'p.yaml': 'x: ' + '['.repeat(100000) + ']'.repeat(100000) + '\n' });
    expect(codes(r.diagnostics)).toEqual(['YAML_TOO_DEEP']);
  });
});

describe('load: builtin includes', () => {
  it('lets a policy outside the shipped folder include the shipped catalog, whose own includes stay in that folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mdm-blocklist-builtin-'));
    try {
      const policy = join(dir, 'policy.yaml');
      writeFileSync(policy, 'version: 1\nid: com.example.own\nname: Own\ninclude: [builtin:catalog/index.yaml]\nblock:\n  apps: [{ id: tiktok }]\n');
      const r = await compile(policy, { today: TODAY, targets: [] });
      expect(codes(r.diagnostics, 'error')).toEqual([]);
      expect(r.plan!.fleets[0]!.android!.blocked.map((b) => b.identifier)).toEqual(['com.zhiliaoapp.musically']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
