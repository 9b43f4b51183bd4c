import { resolve } from 'node:path';
import type { CompileResult } from '../pipeline/compile.js';
import { diffOutput, type OutputDiff } from '../features/diff/diff.js';
import { readOutput } from '../output-folder/read-output.js';
import { nodeHost } from '../common/host.js';
import { UsageError, type CliIO } from './io.js';

/**
 * What a successful compile would change in the output folder, named as the user gave it
 * (`plan` and `compile --check`). Undefined when the compile failed.
 */
export async function diffOutputFolder(result: CompileResult, outDir: string, io: CliIO): Promise<OutputDiff | undefined> {
  if (!result.ok || !result.plan) return undefined;
  const state = await readOutput(resolve(io.cwd, outDir), result.artifacts.map((a) => a.path), nodeHost);
  if (state.kind === 'not-a-folder') throw new UsageError(`${outDir} exists and is not a folder`);
  return { ...diffOutput(result.plan, result.artifacts, state), out: outDir };
}
