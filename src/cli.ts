#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { commands } from './cli/commands/index.js';
import type { Command } from './cli/commands/command.js';
import { EXIT, UsageError, type CliIO } from './cli/io.js';
import { printUsageError } from './cli/usage.js';
import { packageVersion } from './common/version.js';

const help = () => `mdm-blocklist ${packageVersion()}: compile a YAML blocklist of apps and publishers into MDM artifacts

Usage: mdm-blocklist <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Run "mdm-blocklist <command> --help" (or "mdm-blocklist help <command>") for a command's options
and an example. Every command takes --json, --quiet and --help.

Examples:
  mdm-blocklist compile                       compile the shipped default policy into ./out
  mdm-blocklist validate my-policy.yaml       check a policy, write nothing
  mdm-blocklist plan my-policy.yaml           what would change in ./out, in words
  mdm-blocklist explain com.tencent.xin       is it blocked, where, and why
  mdm-blocklist catalog show tiktok           an app's identifiers, sources, and which policies block it

Exit codes: 0 ok; 1 the policy has errors, compile --check found the output folder out of
date, or explain matched nothing; 2 usage or I/O error.
`;

/** The process boundary: reads the clock and environment once, prints, and sets the exit code. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'help' && rest[0] !== undefined && commands.some((c) => c.name === rest[0])) {
    return main([rest[0], '--help'], io);
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`mdm-blocklist: unknown command "${name}"\n\n${help()}`);
    return EXIT.usage;
  }
  let command: Command | undefined;
  try {
    command = await entry.load();
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) return printUsageError(name, command, e, io);
    // A defect, not the user's fault: say so plainly, without a stack trace.
    io.stderr(`mdm-blocklist ${name}: internal error: ${e instanceof Error ? e.message : String(e)}\nPlease report this with the command you ran.\n`);
    return EXIT.usage;
  }
}

/**
 * Runs the CLI as this process: reads the clock and environment once, prints, and sets the exit
 * code. The installed command (dist/bin.cjs) calls it; so does running this file directly.
 */
export async function runProcess(): Promise<void> {
  // process.stdout and process.stderr are made when first touched (a pipe's costs a cold start
  // about 3 ms), so a command that prints nothing, such as `compile --quiet`, never makes them:
  // their terminal checks are getters and the EPIPE guard comes with the first write.
  let stdoutGuarded = false;
  const stdout = () => {
    if (!stdoutGuarded) {
      stdoutGuarded = true;
      // Piped into `head` or a pager that quits: stop quietly instead of a stack trace.
      process.stdout.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
        throw e;
      });
    }
    return process.stdout;
  };
  const colorOn = (tty: boolean | undefined) => tty === true && !('NO_COLOR' in process.env) && process.env['TERM'] !== 'dumb';
  const io: CliIO = {
    stdout: (t) => void stdout().write(t),
    stderr: (t) => void process.stderr.write(t),
    get color() {
      return colorOn(process.stderr.isTTY);
    },
    get stdoutColor() {
      return colorOn(process.stdout.isTTY);
    },
    get isTTY() {
      return process.stderr.isTTY === true;
    },
    now: () => performance.now(),
    env: process.env,
    cwd: process.cwd(),
    today: localDate(new Date()),
    ...stopOnSignals(),
  };
  process.exitCode = await main(process.argv.slice(2), io);
}

/** Exit codes for a stop by signal, as shells report them (128 + the signal's number). */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * On SIGINT or SIGTERM: one line, and exit 130 or 143. Compiling touches no file, so the process
 * stops at once; a write in progress is told to stop, backs out unless the old folder is already
 * being swapped out (then it finishes), and the process exits after it. A second signal kills it.
 */
function stopOnSignals(): Pick<CliIO, 'stop' | 'writing'> {
  const controller = new AbortController();
  let write: Promise<unknown> | undefined;
  const stop = (signal: keyof typeof SIGNAL_EXIT) => {
    controller.abort();
    const done = (what: string) => {
      process.stderr.write(`\nmdm-blocklist: stopped by ${signal}; ${what}\n`);
      process.exit(SIGNAL_EXIT[signal]);
    };
    if (!write) done('nothing written');
    else {
      void write.then(
        (diagnostics) => done((diagnostics as unknown[]).length === 0 ? 'the output was written before it stopped' : 'nothing written; the output folder is as it was'),
        () => done('nothing written; the output folder is as it was'),
      );
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop(signal));
  return {
    stop: controller.signal,
    // Once stopped, the command never goes on to print its own result: the one line above is all.
    writing: (p) => {
      write = p;
      return p.then((value) => (controller.signal.aborted ? new Promise<never>(() => {}) : value));
    },
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) void runProcess();

function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
