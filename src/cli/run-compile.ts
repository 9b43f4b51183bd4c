import { relative, resolve } from 'node:path';
import { compile, type CompileOptions, type CompileResult } from '../pipeline/compile.js';
import { resolvePolicy, type ResolvedPolicy, type ResolvePolicyOptions } from '../pipeline/resolve-policy.js';
import type { CliIO } from './io.js';
import { progress, type Progress } from './progress.js';

export interface RunOptions extends Pick<CompileOptions, 'today' | 'report' | 'basePolicies' | 'previous' | 'signing' | 'signingPassphrase' | 'commandUuidSalt' | 'maxValues' | 'preview' | 'host'> {
  /** Progress is shown unless the user asked for --quiet or --json. */
  showProgress: boolean;
}

/**
 * Compiles as every command that builds artifacts does: the policy as the user named it, resolved
 * from the working directory, with diagnostics relative to it and progress on a terminal.
 */
export async function runCompile(policy: string, io: CliIO, options: RunOptions): Promise<{ result: CompileResult; progress: Progress }> {
  const { showProgress, ...compileOptions } = options;
  const shown = progress(io, `compiling ${relative(io.cwd, resolve(io.cwd, policy)) || policy}`, showProgress);
  const result = await compile(resolve(io.cwd, policy), { ...compileOptions, displayBase: io.cwd, onProgress: (stage) => shown.stage(stage) });
  return { result, progress: shown };
}

export type ResolveRunOptions = Pick<ResolvePolicyOptions, 'today' | 'maxValues'> & { showProgress: boolean };

/** Resolves as every question about a policy does (explain): no artifact, no signing material. */
export async function runResolve(policy: string, io: CliIO, options: ResolveRunOptions): Promise<ResolvedPolicy> {
  const { showProgress, ...resolveOptions } = options;
  const shown = progress(io, `reading ${relative(io.cwd, resolve(io.cwd, policy)) || policy}`, showProgress);
  try {
    return await resolvePolicy(resolve(io.cwd, policy), { ...resolveOptions, displayBase: io.cwd, onProgress: (stage) => shown.stage(stage) });
  } finally {
    shown.done();
  }
}
