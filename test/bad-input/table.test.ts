// Runs every case of the bad-input table (cases.ts) through the library and through the real
// CLI (validate and compile), and checks that no case prints a stack trace and that a failing
// compile leaves an existing output folder exactly as it was.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../src/cli/exit-code.js';
import { compile, compileText, writeOutput, type Artifact, type Diagnostic } from '../../src/index.js';
import { cliPath, runMain } from '../helpers/cli.js';
import { TODAY, located } from '../helpers/compile.js';
import { snapshotTree } from '../helpers/tree.js';
import { hasOpenssl, makePki, type Pki } from '../helpers/throwaway-pki.js';
import { cases, GOOD_POLICY, type BadInputCase } from './cases.js';

const root = mkdtempSync(join(tmpdir(), 'mdm-bad-input-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  if (pki) rmSync(pki.dir, { recursive: true, force: true });
});
if (!hasOpenssl) console.warn('openssl not found: the signing cases of the table are skipped');

let previous: Artifact[];
let pki: Pki | undefined;
beforeAll(async () => {
  if (hasOpenssl) pki = makePki();
  previous = (await compileText(GOOD_POLICY, { today: TODAY, baseDir: root })).artifacts;
  expect(previous.length).toBeGreaterThan(1);
});

interface Layout {
  policyDir: string;
  outside: string;
  out: string;
}

let n = 0;
function layOut(c: BadInputCase): Layout {
  const dir = join(root, String(++n));
  const layout = { policyDir: join(dir, 'policy'), outside: join(dir, 'outside'), out: join(dir, 'out') };
  mkdirSync(layout.policyDir, { recursive: true });
  mkdirSync(layout.outside, { recursive: true });
  for (const [rel, entry] of Object.entries(c.files)) {
    const path = join(layout.policyDir, rel);
    mkdirSync(dirname(path), { recursive: true });
    if (typeof entry === 'string') writeFileSync(path, entry.replaceAll('@OUTSIDE@', layout.outside));
    else if (entry instanceof Uint8Array) writeFileSync(path, entry);
    else if ('symlink' in entry) symlinkSync(entry.symlink, path);
    else if ('pki' in entry) copyFileSync(pki!.path(entry.pki), path);
    else if ('special' in entry) makeSpecial(entry.special, path);
    else mkdirSync(path, { recursive: true });
  }
  return layout;
}

/** A named pipe, a Unix socket (left behind by a process that bound it) or /dev/zero's device node (root). */
function makeSpecial(kind: 'fifo' | 'socket' | 'device', path: string): void {
  const command: [string, string[]] =
    kind === 'fifo' ? ['mkfifo', [path]] : kind === 'device' ? ['mknod', [path, 'c', '1', '5']] : ['python3', ['-c', 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])', path]];
  const r = spawnSync(command[0], command[1]);
  if (r.status !== 0) throw new Error(`cannot make a ${kind} at ${path}: ${r.stderr}`);
}

const needsDevice = (c: BadInputCase) => Object.values(c.files).some((e) => typeof e === 'object' && 'special' in e && e.special === 'device');
const isRoot = process.getuid?.() === 0;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real process, for the smoke cases that cover the process boundary itself. */
function spawnCli(args: string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const uniq = (codes: string[]) => [...new Set(codes)].sort();
const codesOf = (ds: readonly Diagnostic[], severity: Diagnostic['severity']) => uniq(ds.filter((d) => d.severity === severity).map((d) => d.code));

/** The diagnostics the CLI printed (`file:line:col: severity CODE: message`), as `located` lists them. */
function printed(stderr: string): string[] {
  return [...stderr.matchAll(/^(?:(.+?)(?::(\d+):(\d+))?: )?(?:error|warning|info) ([A-Z0-9_]+): /gm)].map(
    ([, file, line, col, code]) => `${file ?? ''}:${line ?? ''}:${col ?? ''} ${code}`,
  );
}

describe.concurrent('bad-input table', () => {
  it('has at least 40 cases, each with a distinct name', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  for (const c of cases) {
    const needsPki = Object.values(c.files).some((e) => typeof e === 'object' && 'pki' in e);
    // Only root can make a device node.
    it.skipIf((needsPki && !hasOpenssl) || (needsDevice(c) && !isRoot))(c.name, async () => {
      const layout = layOut(c);
      const today = c.pkiToday ? pki!.today : TODAY;
      const entry = c.entry ?? 'policy.yaml';
      const args = (c.args ?? []).map((a) => a.replaceAll('@OUTSIDE@', layout.outside));

      // The library: codes, positions, exit code, and (when it compiles) the artifacts.
      const result = await compile(join(layout.policyDir, entry), { today, displayBase: layout.policyDir });
      expect(codesOf(result.diagnostics, 'error'), 'errors').toEqual(uniq(c.errors));
      expect(codesOf(result.diagnostics, 'warning'), 'warnings').toEqual(uniq(c.warnings ?? []));
      for (const at of c.at ?? []) expect(located(result.diagnostics), 'positions').toContain(at);
      for (const m of c.messages ?? []) expect(result.diagnostics.map((d) => d.message), 'messages').toContainEqual(expect.stringMatching(m));
      for (const d of result.diagnostics) expect(d.message.length, `${d.code}: the policy's text echoed is capped`).toBeLessThanOrEqual(1100);
      expect(exitCodeFor(result.diagnostics), 'exit code').toBe(c.exit);
      expect(result.ok).toBe(c.exit === 0);
      if (c.check) await c.check(result.artifacts);

      // The CLI (in-process: main(argv, io)), over an output folder holding a previous compile and
      // a file of the user's, compile and validate for every case.
      expect(await writeOutput(layout.out, previous)).toEqual([]);
      writeFileSync(join(layout.out, 'notes.txt'), 'the admin keeps notes here\n');
      const before = snapshotTree(layout.out);
      const commands = [['compile', entry, '--out', layout.out]];
      commands.push(['validate', entry]);
      for (const command of commands) {
        const run = await runMain([...command, '--verbose', '--today', today, ...args], { cwd: layout.policyDir });
        const label = command[0]!;
        expect(run.stderr, `${label} printed a stack trace`).not.toMatch(/^\s+at .+/m);
        expect(run.stderr + run.stdout, label).not.toMatch(/internal error|Error:|Warning:/);
        // eslint-disable-next-line no-control-regex
        expect(run.stderr + run.stdout, `${label} wrote a control character to the terminal`).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
        expect(run.code, `${label} exit code`).toBe(c.exit);
        expect(printed(run.stderr), `${label} prints what the library reports, as file:line:col: severity CODE`).toEqual(located(result.diagnostics));
      }
      const after = snapshotTree(layout.out);
      if (c.exit !== 0) {
        expect(after, 'a failed compile leaves the output folder exactly as it was').toEqual(before);
      } else {
        expect(after['notes.txt'], 'the user file survives, the same file').toBe(before['notes.txt']);
        const topLevel = result.artifacts.map((a) => a.path).filter((p) => !p.includes('/'));
        expect(Object.keys(after).filter((p) => !p.includes('/') && after[p]!.startsWith('file')).sort()).toEqual([...topLevel, 'notes.txt'].sort());
      }
    });
  }
});

describe.concurrent('bad command lines: a usage or I/O error (exit 2), said plainly, nothing written', () => {
  // spawn: through the real process, a smoke test of the process boundary; the rest in-process.
  type CliCase = { name: string; args: (dir: string) => string[]; code: string | undefined; files?: Record<string, string>; spawn?: true };
  const cliCases: CliCase[] = [
    { name: '--out names a file', args: () => ['compile', 'policy.yaml', '--out', 'out-file'], code: 'OUTPUT_CONFLICT', spawn: true },
    { name: '--out names the working directory', args: () => ['compile', 'policy.yaml', '--out', '.'], code: undefined },
    { name: '--out names a folder above it', args: () => ['compile', 'policy.yaml', '--out', '..'], code: undefined },
    { name: '--today is not a date', args: () => ['validate', 'policy.yaml', '--today', '2026-13-45x'], code: undefined },
    { name: '--today is a day that does not exist (February 30th)', args: () => ['compile', 'policy.yaml', '--today', '2026-02-30'], code: undefined },
    { name: 'an unknown option', args: () => ['compile', 'policy.yaml', '--frobnicate'], code: undefined, spawn: true },
    {
      name: '--out is the policy’s own folder (the policy would become a carried file of the output)',
      files: { 'p/policy.yaml': GOOD_POLICY },
      args: () => ['compile', 'p/policy.yaml', '--out', 'p'],
      code: undefined,
    },
    {
      name: '--out holds a file the policy includes',
      files: { 'policy.yaml': GOOD_POLICY + 'include: [gen/extra.yaml]\n', 'gen/extra.yaml': 'apps: []\n' },
      args: () => ['compile', 'policy.yaml', '--out', 'gen'],
      code: undefined,
    },
    ...(existsSync('/proc/self')
      ? [{ name: '--out under /proc/self/ fails at once (a recursive mkdir there spins forever)', args: () => ['compile', 'policy.yaml', '--out', '/proc/self/nothing/out'], code: 'OUTPUT_IO', spawn: true } satisfies CliCase]
      : []),
    { name: 'two policy files', args: () => ['validate', 'policy.yaml', 'other.yaml'], code: undefined },
  ];
  for (const c of cliCases) {
    it(c.name, async () => {
      const dir = join(root, `cli-${++n}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'policy.yaml'), GOOD_POLICY);
      writeFileSync(join(dir, 'out-file'), 'not a folder\n');
      for (const [rel, text] of Object.entries(c.files ?? {})) {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), text);
      }
      const before = snapshotTree(dir);
      const run = c.spawn ? await spawnCli(c.args(dir), dir) : await runMain(c.args(dir), { cwd: dir });
      expect(run.stderr).not.toMatch(/^\s+at .+/m);
      expect(run.stderr).not.toMatch(/internal error/);
      expect(run.code).toBe(2);
      if (c.code) expect(run.stderr).toMatch(new RegExp(`error ${c.code}: `));
      else expect(run.stderr).toMatch(/--help/);
      expect(snapshotTree(dir)).toEqual(before);
    });
  }
});

