import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as library from '../../src/index.js';
import { cliPath, repoRoot } from '../helpers/cli.js';

/**
 * The README's examples must stay true (issue #16): its example policy and catalog are the files
 * in examples/readme/ (which the examples test compiles to their committed output), and every
 * `npx mdm-blocklist …` command in it runs, as written, in a folder laid out like a fresh clone.
 */
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const blocks = (lang: string) => [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

/** Every `npx mdm-blocklist …` in the README's shell blocks, in order, without its comment. */
function readmeCommands(): { line: string; args: string[]; mayExit1: boolean }[] {
  const out: { line: string; args: string[]; mayExit1: boolean }[] = [];
  for (const block of blocks('sh')) {
    for (const raw of block.split('\n')) {
      const at = raw.indexOf('npx mdm-blocklist');
      if (at === -1) continue;
      const hash = raw.indexOf('#', at);
      const command = (hash === -1 ? raw.slice(at) : raw.slice(at, hash)).trim();
      const comment = hash === -1 ? '' : raw.slice(hash);
      expect(command, 'README commands are plain words (the test splits on spaces)').not.toMatch(/["'`$\\|;&<>]/);
      out.push({ line: command, args: command.split(/\s+/).slice(2), mayExit1: /exit 1/.test(comment) });
    }
  }
  return out;
}

/** policies/ and examples/ as a clone has them: the files git tracks (all of them where git is absent). */
function cloneLike(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mdm-blocklist-readme-'));
  let files: string[] | undefined;
  try {
    files = execFileSync('git', ['ls-files', '-z', 'policies', 'examples'], { cwd: repoRoot, encoding: 'utf8' }).split('\0').filter(Boolean);
  } catch {
    files = undefined;
  }
  if (!files?.length) {
    for (const top of ['policies', 'examples']) cpSync(join(repoRoot, top), join(dir, top), { recursive: true });
    return dir;
  }
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(repoRoot, f), join(dir, f));
  }
  return dir;
}

describe('README', () => {
  it('opens with the two commands that install-and-run and test', () => {
    const first = blocks('sh')[0]!;
    expect(first).toMatch(/^npm install && npx mdm-blocklist compile/m);
    expect(first).toMatch(/^npm test/m);
  });

  it('shows examples/readme/policy.yaml and the catalog it includes, examples/readme/catalog.yaml, as they are', () => {
    const [policy, catalog] = blocks('yaml');
    expect(policy).toBe(readFileSync(join(repoRoot, 'examples/readme/policy.yaml'), 'utf8'));
    expect(catalog).toBe(readFileSync(join(repoRoot, 'examples/readme/catalog.yaml'), 'utf8'));
    expect(readme).toContain('`examples/readme/policy.yaml`');
  });

  it('compiles its example policy without errors, every fleet blocking something', async () => {
    const result = await library.compile(join(repoRoot, 'examples/readme/policy.yaml'), { today: '2026-06-01' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.plan!.fleets.map((f) => f.id)).toEqual(['field-android', 'office-ios']);
    expect(result.diagnostics.map((d) => d.code)).not.toContain('FLEET_BLOCKS_NOTHING');
  });

  it('runs every command it shows, as written, from a clone', () => {
    const commands = readmeCommands();
    expect(commands.length).toBeGreaterThanOrEqual(10);
    const cwd = cloneLike();
    for (const c of commands) {
      const r = spawnSync(process.execPath, [cliPath, ...c.args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      const allowed = c.mayExit1 ? [0, 1] : [0];
      expect(allowed, `${c.line}\n${r.stderr}`).toContain(r.status);
      expect(r.stderr, c.line).not.toMatch(/internal error|^\s+at /m);
    }
  }, 120_000);

  it('uses, in its library example, only what the package exports and a file that ships', () => {
    const [example] = blocks('ts');
    const imported = /import \{([^}]+)\} from 'mdm-blocklist'/.exec(example!)![1]!.split(',').map((s) => s.trim());
    for (const name of imported) expect(typeof (library as Record<string, unknown>)[name], name).toBe('function');
    for (const [, path] of example!.matchAll(/'((?:policies|examples)\/[^']+)'/g)) expect(() => readFileSync(join(repoRoot, path!))).not.toThrow();
  });
});
