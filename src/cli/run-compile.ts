import { relative, resolve } from 'node:path';
import { compile, type CompileOptions, type CompileResult } from '../pipeline/compile.js';
import type { CliIO } from './io.js';
import { progress, type Progress } from './progress.js';

export interface RunOptions extends Pick<CompileOptions, 'today' | 'report' | 'basePolicies' | 'previous' | 'signing' | 'signingPassphrase' | 'commandUuidSalt' | 'maxValues'> {
  /** Progress is shown unless the user asked for --quiet or --json. */
  showProgress: boolean;
}

/**
 * Compiles as every command does: the policy as the user named it, resolved from the working
 * directory, with diagnostics relative to it and progress on a terminal.
 */
export async function runCompile(policy: string, io: CliIO, options: RunOptions): Promise<{ result: CompileResult; progress: Progress }> {
  const { showProgress, ...compileOptions } = options;
  const shown = progress(io, `compiling ${relative(io.cwd, resolve(io.cwd, policy)) || policy}`, showProgress);
  const result = await compile(resolve(io.cwd, policy), { ...compileOptions, displayBase: io.cwd, onProgress: (stage) => shown.stage(stage) });
  return { result, progress: shown };
}
