/** What a command may touch of the outside world; tests pass their own. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Colour on stderr: only on a terminal, and never with NO_COLOR. */
  color: boolean;
  /** Colour on stdout, by the same rule for stdout (default: no colour). */
  stdoutColor?: boolean;
  /** stderr is a terminal: progress may be shown there. */
  isTTY: boolean;
  /** A monotonic clock in milliseconds, for deciding when a compile is long enough to show progress. */
  now?: () => number;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Today's date (YYYY-MM-DD), read once by the CLI so the library never reads the clock. */
  today: string;
  /** Aborted when the process is told to stop (SIGINT, SIGTERM); a write then leaves the folder as it was. */
  stop?: AbortSignal;
  /** Told of a write to the output folder, so a stop waits for it to finish or back out. */
  writing?: <T>(write: Promise<T>) => Promise<T>;
}

export const EXIT = { ok: 0, policyErrors: 1, usage: 2 } as const;

export class UsageError extends Error {}
