import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { CliIO } from '../../src/cli/io.js';
import { listFiles } from '../helpers/golden.js';
import { cliPath } from '../helpers/cli.js';
import { TODAY } from '../helpers/compile.js';
import { missing } from '../helpers/prerequisite.js';

const catalog = `version: 1
publishers:
  - { id: acme, name: Acme }
apps:
  - { id: chat, name: Chat, publisher: acme, ios: { bundleId: com.acme.chat }, android: { package: com.acme.chat } }
  - { id: notes, name: Notes, publisher: acme, ios: { bundleId: com.acme.notes }, android: { package: com.acme.notes } }
`;
const policy = (rules: string) => `version: 1\nid: com.example.p\nname: P\ninclude: [c.yaml]\n${rules}fleets:\n  phones:\n    ios: {}\n    android: { mode: fully-managed }\n`;

function workspace(rules = 'block:\n  apps: [{ id: chat }]\n'): string {
  const dir = mkdtempSync(join(tmpdir(), 'mdm-blocklist-admin-'));
  writeFileSync(join(dir, 'c.yaml'), catalog);
  writeFileSync(join(dir, 'p.yaml'), policy(rules));
  return dir;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process, as a user would from `cwd`. */
async function cli(args: string[], cwd: string, io: Partial<CliIO> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    color: false,
    isTTY: false,
    env: {},
    cwd,
    today: TODAY,
    ...io,
  });
  return { code, stdout, stderr };
}

const COMMANDS = ['compile', 'validate', 'plan', 'explain'];

describe('every command', () => {
  it.each(COMMANDS)('%s --help shows usage, options and an example', async (command) => {
    const run = await cli([command, '--help'], workspace());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: mdm-blocklist /);
    expect(run.stdout).toMatch(/--json/);
    expect(run.stdout).toMatch(/--quiet/);
    expect(run.stdout).toMatch(/^Examples?:\n {2}mdm-blocklist /m);
    expect(await cli(['help', command], workspace())).toEqual(run);
  });

  it.each([
    ['compile', ['p.yaml', '--out', 'out']],
    ['compile', ['p.yaml', '--out', 'out', '--check']],
    ['validate', ['p.yaml']],
    ['plan', ['p.yaml', '--out', 'out']],
    ['explain', ['chat', '--policy', 'p.yaml']],
  ])('%s %j --json prints one JSON document with ok and diagnostics', async (command, args) => {
    const run = await cli([command, ...args, '--json'], workspace());
    const json = JSON.parse(run.stdout) as { ok: boolean; diagnostics: unknown[] };
    expect(typeof json.ok).toBe('boolean');
    expect(Array.isArray(json.diagnostics)).toBe(true);
    expect(run.stderr).toBe('');
  });

  it('--quiet leaves only errors (and the answer the command exists for)', async () => {
    const dir = workspace('block:\n  apps: [{ id: chat }]\n  publishers: [{ id: nobody-has-this }]\n');
    // An expired exception: a warning, which --quiet leaves out.
    writeFileSync(join(dir, 'ok.yaml'), policy('block:\n  apps: [{ id: chat }]\nallow:\n  - { app: chat, until: "2000-01-01" }\n'));
    expect((await cli(['compile', 'ok.yaml', '--out', 'out'], dir)).stderr).toContain('warning EXCEPTION_EXPIRED');
    const compiled = await cli(['compile', 'ok.yaml', '--out', 'out', '-q'], dir);
    expect(compiled).toEqual({ code: 0, stdout: '', stderr: '' });
    const failed = await cli(['compile', 'p.yaml', '--out', 'out2', '-q'], dir);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/error UNKNOWN_PUBLISHER/);
  });
});

describe('plan', () => {
  it('tells a reviewer which apps a change blocks and unblocks, and which files change; writes nothing', async () => {
    const dir = workspace();
    expect((await cli(['compile', 'p.yaml', '--out', 'out'], dir)).code).toBe(0);
    const before = listFiles(join(dir, 'out'));
    writeFileSync(join(dir, 'p.yaml'), policy('block:\n  apps: [{ id: notes, reason: leaks }]\n'));
    const run = await cli(['plan', 'p.yaml', '--out', 'out'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Plan: p.yaml → out/');
    expect(run.stdout).toContain('  iOS / iPadOS: 1 newly blocked, 1 no longer blocked (1 blocked)\n    + Notes (com.acme.notes): by app rule "notes"\n    - Chat (com.acme.chat): no rule blocks it any more\n');
    expect(run.stdout).toMatch(/Files: \d+ added, \d+ changed, \d+ removed, \d+ unchanged\n {2}~ manifest\.json\n/);
    expect(run.stdout).toContain('  ~ phones/ios/restrictions.mobileconfig\n');
    expect(run.stdout).toContain('Run "mdm-blocklist compile p.yaml --out out" to write these changes.');
    expect(listFiles(join(dir, 'out'))).toEqual(before);

    const json = JSON.parse((await cli(['plan', 'p.yaml', '--out', 'out', '--json'], dir)).stdout);
    expect(json.plan.platforms[0]).toMatchObject({ fleet: 'phones', platform: 'ios', status: 'changed', blocked: [{ identifier: 'com.acme.notes' }], unblocked: [{ identifier: 'com.acme.chat' }] });
  });

  it('says when there is nothing to do', async () => {
    const dir = workspace();
    await cli(['compile', 'p.yaml', '--out', 'out'], dir);
    const run = await cli(['plan', 'p.yaml', '--out', 'out'], dir);
    expect(run.stdout).toContain('No changes: out/ is up to date.');
  });
});

describe('compile --check', () => {
  it('exits 0 when the folder is current, 1 (writing nothing) when it is not', async () => {
    const dir = workspace();
    expect((await cli(['compile', 'p.yaml', '--out', 'out', '--check'], dir)).code).toBe(1);
    expect(listFiles(dir)).toEqual(['c.yaml', 'p.yaml']);
    await cli(['compile', 'p.yaml', '--out', 'out'], dir);
    expect(await cli(['compile', 'p.yaml', '--out', 'out', '--check'], dir)).toMatchObject({ code: 0, stdout: 'out/ is up to date with p.yaml\n' });
    writeFileSync(join(dir, 'p.yaml'), policy('block:\n  apps: [{ id: chat }, { id: notes }]\n'));
    const stale = await cli(['compile', 'p.yaml', '--out', 'out', '--check'], dir);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('out/ is out of date with p.yaml');
    expect(stale.stderr).toContain('+ Notes (com.acme.notes)');
    const json = JSON.parse((await cli(['compile', 'p.yaml', '--out', 'out', '--check', '--json'], dir)).stdout);
    expect(json).toMatchObject({ ok: false, upToDate: false });
  });
});

describe('explain', () => {
  it('answers with exit 0, matches nothing with exit 1, and refuses an unknown fleet with exit 2', async () => {
    const dir = workspace();
    const found = await cli(['explain', 'com.acme.chat', '--policy', 'p.yaml'], dir);
    expect(found.code).toBe(0);
    expect(found.stdout).toContain('Chat (app chat), matched by iOS bundle ID');
    expect(found.stdout).toMatch(/iOS \/ iPadOS {2}BLOCKED com\.acme\.chat/);
    expect(found.stdout).toMatch(/app rule "chat" \(p\.yaml:\d+:\d+\)/);
    const missing = await cli(['explain', 'com.acme.chatt', '--policy', 'p.yaml'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('Did you mean "com.acme.chat"?');
    const fleet = await cli(['explain', 'chat', '--policy', 'p.yaml', '--fleet', 'laptops'], dir);
    expect(fleet.code).toBe(2);
    expect(fleet.stderr).toContain('the policy has no fleet "laptops" (fleets: phones)');
  });
});

describe('terminal conventions', () => {
  it('shows progress on a terminal only, once a compile runs long, and clears it', async () => {
    let t = 0;
    const slowClock = () => (t += 250);
    const tty = await cli(['compile', 'p.yaml', '--out', 'out'], workspace(), { isTTY: true, now: slowClock });
    expect(tty.stderr).toMatch(/\r\u001b\[2Kcompiling p\.yaml: .*…/);
    expect(tty.stderr.endsWith('\r\u001b[2K')).toBe(true);
    expect((await cli(['compile', 'p.yaml', '--out', 'out'], workspace(), { isTTY: false, now: slowClock })).stderr).toBe('');
    expect((await cli(['compile', 'p.yaml', '--out', 'out', '-q'], workspace(), { isTTY: true, now: slowClock })).stderr).toBe('');
    expect((await cli(['compile', 'p.yaml', '--out', 'out'], workspace(), { isTTY: true, now: () => 0 })).stderr).toBe('');
  });

  it('colours output for a terminal only', async () => {
    const dir = workspace();
    await cli(['compile', 'p.yaml', '--out', 'out'], dir);
    writeFileSync(join(dir, 'p.yaml'), policy('block:\n  apps: [{ id: notes }]\n'));
    expect((await cli(['plan', 'p.yaml', '--out', 'out'], dir, { stdoutColor: true })).stdout).toContain('\u001b[32m+\u001b[0m Notes');
    expect((await cli(['plan', 'p.yaml', '--out', 'out'], dir)).stdout).not.toContain('\u001b[');
  });

  // A real terminal, through util-linux `script`: colour on, and off again with NO_COLOR.
  const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
  it.skipIf(missing('script (util-linux)', script.status === 0))('decides colour from the real terminal and NO_COLOR', () => {
    const dir = workspace();
    const inTerminal = (env: Record<string, string>) =>
      spawnSync('script', ['-qec', `"${process.execPath}" "${cliPath}" explain chat --policy p.yaml`, '/dev/null'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NO_COLOR')), TERM: 'xterm', ...env },
      }).stdout;
    expect(inTerminal({})).toContain('\u001b[31;1mBLOCKED\u001b[0m');
    expect(inTerminal({ NO_COLOR: '1' })).not.toMatch(/\u001b\[[0-9;]*m/);
  });
});
