import type { CompileStage } from '../pipeline/compile.js';
import type { CliIO } from './io.js';

const LABELS: Record<CompileStage | 'write', string> = {
  load: 'reading files',
  validate: 'checking the format',
  resolve: 'resolving publishers, fleets and exceptions',
  targets: 'building artifacts',
  sign: 'signing profiles',
  verify: 'checking artifacts',
  report: 'writing the report',
  write: 'writing the output folder',
};

/** Only a compile that has already taken this long shows progress: short ones stay quiet. */
const SHOW_AFTER_MS = 400;

export interface Progress {
  stage(stage: CompileStage | 'write'): void;
  /** Clears the progress line, if one was shown. */
  done(): void;
}

/**
 * A one-line progress display on stderr, redrawn in place. Only on a terminal, never with
 * --quiet or --json (the caller decides `enabled`), and only once the compile runs long.
 */
export function progress(io: CliIO, what: string, enabled: boolean): Progress {
  const now = io.now;
  if (!enabled || !io.isTTY || !now) return { stage: () => {}, done: () => {} };
  const start = now();
  let shown = false;
  return {
    stage(stage) {
      if (now() - start < SHOW_AFTER_MS) return;
      shown = true;
      io.stderr(`\r\u001b[2K${what}: ${LABELS[stage]}…`);
    },
    done() {
      if (shown) io.stderr('\r\u001b[2K');
    },
  };
}
