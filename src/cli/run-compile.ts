import { relative, resolve } from 'node:path';
import { compile, type CompileOptions, type CompileResult } from '../compile.js';
import type { CliIO } from './io.js';
import { progress, type Progress } from './progress.js';

export interface RunOptions extends Pick<CompileOptions, 'today' | 'report' | 'basePolicies' | 'previous'> {
  /** Progress is shown unless the user asked for --quiet or --json. */
  showProgress: boolean;
}

/**
 * Compiles as every command does: the policy as the user named it, resolved from the working
 * directory, with diagnostics relative to it and progress on a terminal.
 */
export async function runCompile(policy: string, io: CliIO, options: RunOptions): Promise<{ result: CompileResult; progress: Progress }> {
  const shown = progress(io, `compiling ${relative(io.cwd, resolve(io.cwd, policy)) || policy}`, options.showProgress);
  const result = await compile(resolve(io.cwd, policy), {
    displayBase: io.cwd,
    onProgress: (stage) => shown.stage(stage),
    ...(options.today !== undefined && { today: options.today }),
    ...(options.report !== undefined && { report: options.report }),
    ...(options.basePolicies !== undefined && { basePolicies: options.basePolicies }),
    ...(options.previous !== undefined && { previous: options.previous }),
  });
  return { result, progress: shown };
}
