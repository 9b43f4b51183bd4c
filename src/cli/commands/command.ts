import type { CliIO } from '../io.js';

export interface Command {
  run(argv: string[], io: CliIO): Promise<number>;
}

/** What --help lists without loading every command's code. */
export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<Command>;
}
