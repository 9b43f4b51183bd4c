import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');
/** The installed command, as package.json's bin names it. */
export const cliPath = resolve(repoRoot, (JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['mdm-blocklist']!);

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would (npm test builds dist/ first). */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs the CLI in this process (`main(argv, io)`), as the installed command would with NO_COLOR
 * and no terminal: the same code path minus Node's start-up, for table cases. A handful of tests
 * still spawn the built command (runCli) to cover the process boundary itself.
 */
export async function runMain(args: string[], options: { cwd?: string; env?: Record<string, string>; today?: string } = {}): Promise<CliRun> {
  const { main } = await import('../../src/cli.js');
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (t: string) => void (stdout += t),
    stderr: (t: string) => void (stderr += t),
    color: false,
    isTTY: false,
    env: { NO_COLOR: '1', ...options.env },
    cwd: options.cwd ?? repoRoot,
    today: options.today ?? localToday(),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
