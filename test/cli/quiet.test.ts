import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { commands } from '../../src/cli/commands/index.js';
import type { CliIO } from '../../src/cli/io.js';
import { compile } from '../../src/index.js';
import { defaultPolicyPath } from '../../src/common/paths.js';
import { TODAY } from '../helpers/compile.js';

/** The CLI in this process, as a terminal without colour would see it (issue #16). */
async function run(argv: string[], cwd = mkdtempSync(join(tmpdir(), 'mdm-blocklist-quiet-'))): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), color: false, isTTY: false, env: {}, cwd, today: TODAY };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('a compile speaks only when it matters', () => {
  it('prints at most 3 lines for a clean compile of the default policy, one per warning code with a count and a pointer', async () => {
    const r = await run(['compile', '--out', 'out']);
    expect(r.code).toBe(0);
    const all = [...lines(r.stderr), ...lines(r.stdout)];
    expect(all.length).toBeLessThanOrEqual(3);
    expect(r.stderr).toMatch(/^warning NO_IDENTIFIER_FOR_PLATFORM × \d+: .+ See out\/report\.html#gaps; --verbose lists them\.$/m);
    expect(lines(r.stdout)).toEqual([expect.stringMatching(/^wrote \d+ files for 1 fleet to out\/ \(\d+ warnings\); open out\/report\.html/)]);
  });

  it('lists every diagnostic with --verbose', async () => {
    const library = await compile(defaultPolicyPath, { today: TODAY });
    const r = await run(['compile', '--out', 'out', '--verbose']);
    expect(r.code).toBe(0);
    expect(library.diagnostics.length).toBeGreaterThan(3);
    expect(lines(r.stderr)).toHaveLength(library.diagnostics.length);
    for (const d of library.diagnostics) expect(r.stderr).toContain(`${d.severity} ${d.code}: ${d.message}`);
  });

  it('prints the errors of a failure in full, first, and nothing unrelated', async () => {
    const r = await run(['compile', '--out', 'out', '--sign-cert', 'missing.pem', '--sign-key', 'missing.key']);
    expect(r.code).toBe(2);
    const printed = lines(r.stderr);
    expect(printed.slice(0, -1).every((l) => / error SIGN_FILE_UNREADABLE: /.test(l))).toBe(true);
    expect(printed.at(-1)).toMatch(/^2 errors, \d+ warnings; nothing written$/);
    expect(r.stderr).not.toContain('NO_IDENTIFIER_FOR_PLATFORM');
  });

  it('prints a code met once as the diagnostic itself', async () => {
    const r = await run(['validate', join(import.meta.dirname, '../pipeline/report/golden/fleets/policy.yaml'), '--today', TODAY]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/policy\.yaml:\d+:\d+: warning EXCEPTION_EXPIRED: exception for app "lemon8" expired/);
    expect(r.stderr).toMatch(/^warning NO_IDENTIFIER_FOR_PLATFORM × 2: .+ --verbose lists them\.$/m);
  });
});

describe('usage errors in our own words', () => {
  it.each([
    [['compile', '--bogus'], 'mdm-blocklist compile: unknown option --bogus', 'Usage: mdm-blocklist compile '],
    [['compile', '--ouy', 'x'], 'mdm-blocklist compile: unknown option --ouy; did you mean --out?', 'Usage: mdm-blocklist compile '],
    [['compile', '--out'], 'mdm-blocklist compile: --out needs a value', 'Usage: mdm-blocklist compile '],
    [['compile', '-o', '--check'], 'mdm-blocklist compile: -o needs a value (for one that starts with "-", write -o=--check)', 'Usage: mdm-blocklist compile '],
    [['compile', '--check=yes'], 'mdm-blocklist compile: --check takes no value', 'Usage: mdm-blocklist compile '],
    [['validate', '-x', 'p.yaml'], 'mdm-blocklist validate: unknown option -x', 'Usage: mdm-blocklist validate '],
    [['catalog', 'search', '--bogus'], 'mdm-blocklist catalog search: unknown option --bogus', 'Usage: mdm-blocklist catalog search '],
    [['explain', '--fleet'], 'mdm-blocklist explain: --fleet needs a value', 'Usage: mdm-blocklist explain '],
  ])('%j', async (argv, first, usage) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    const [message, usageLine, hint, ...rest] = lines(r.stderr);
    expect(message).toBe(first);
    expect(usageLine).toMatch(new RegExp(`^${usage.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(hint).toBe(`Run "mdm-blocklist ${argv[0] === 'catalog' ? 'catalog search' : argv[0]} --help" for every option and an example.`);
    expect(rest).toEqual([]);
    expect(r.stdout).toBe('');
    // Node's own wording is never shown.
    expect(r.stderr).not.toMatch(/positional argument|argument missing|ambiguous/);
  });
});

describe('help lists only the options a command takes', () => {
  const commandNames = [...commands.map((c) => c.name).filter((n) => n !== 'catalog'), 'catalog search', 'catalog show', 'catalog lint'];

  it.each(commandNames)('%s', async (name) => {
    const words = name.split(' ');
    const help = (await run([...words, '--help'])).stdout;
    const options = help.slice(help.indexOf('Options:'), help.indexOf('\n\n', help.indexOf('Options:')));
    const listed = [...new Set([...options.matchAll(/(?:^|[\s,])(--[a-z][a-z-]+)/gm)].map((m) => m[1]!))];
    expect(listed.length).toBeGreaterThan(1);
    for (const option of listed) {
      // --help last: the line is parsed (an unknown option is refused) but nothing runs.
      let r = await run([...words, option, '--help']);
      if (r.code !== 0 && r.stderr.includes('needs a value')) r = await run([...words, `${option}=x`, '--help']);
      expect(r.code, `${words.join(' ')} ${option}: ${r.stderr}`).toBe(0);
    }
  });

  it('validate writes nothing, and its help promises nothing written', async () => {
    const help = (await run(['validate', '--help'])).stdout;
    expect(help).not.toMatch(/--previous|--command-uuid-salt|also write/);
    expect((await run(['validate', 'p.yaml', '--previous', 'out'])).stderr).toContain('unknown option --previous');
  });
});
