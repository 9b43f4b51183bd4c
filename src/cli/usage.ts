import type { Command } from './commands/command.js';
import { EXIT, type CliIO, type UsageError } from './io.js';

/** The first line of a command's help ("Usage: mdm-blocklist compile [policy.yaml] …"), asked of the command itself. */
async function usageLine(command: Command, io: CliIO): Promise<string | undefined> {
  let text = '';
  const capture: CliIO = { ...io, stdout: (t) => void (text += t), stderr: () => {} };
  try {
    await command.run(['--help'], capture);
  } catch {
    return undefined;
  }
  const first = text.split('\n', 1)[0];
  return first?.startsWith('Usage: ') ? first : undefined;
}

/**
 * A mistyped command line, said as three lines: what is wrong, how the command is used, and
 * where its options are listed. `name` is the command as typed ("catalog search").
 */
export async function printUsageError(name: string, command: Command | undefined, error: UsageError, io: CliIO): Promise<number> {
  const usage = command ? await usageLine(command, io) : undefined;
  io.stderr(`mdm-blocklist ${name}: ${error.message}\n${usage !== undefined ? `${usage}\n` : ''}Run "mdm-blocklist ${name} --help" for every option and an example.\n`);
  return EXIT.usage;
}
