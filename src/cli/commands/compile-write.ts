import { resolve } from 'node:path';
import { writeOutput } from '../../pipeline/write/write.js';
import { exitCodeFor } from '../exit-code.js';
import { EXIT, type CliIO } from '../io.js';
import { checkOutNotInput, recordingHost } from '../out-folder.js';
import { countBySeverity, plural, printDiagnostics } from '../print.js';
import { runCompile } from '../run-compile.js';
import type { CompileRun } from './compile-check.js';

/** `compile`: compiles, and when the policy has no errors writes the output folder all or nothing. */
export async function writeOutputFolder(run: CompileRun, io: CliIO): Promise<number> {
  const { outDir, quiet, json } = run;
  const reads = new Set<string>();
  const { result, progress } = await runCompile(run.policy, io, { ...run.options, host: recordingHost(reads), showProgress: !quiet && !json });
  const diagnostics = [...result.diagnostics];
  if (result.ok) {
    const outAbs = resolve(io.cwd, outDir);
    try {
      // Every file the compile read is known now: the output folder must hold none of them.
      checkOutNotInput(outDir, outAbs, reads, io.cwd, typeof run.options.previous === 'string' ? run.options.previous : undefined);
    } catch (e) {
      progress.done();
      throw e;
    }
    progress.stage('write');
    const write = writeOutput(outAbs, result.artifacts, io.stop ? { signal: io.stop } : {});
    diagnostics.push(...(await (io.writing ? io.writing(write) : write)));
  }
  progress.done();
  const code = exitCodeFor(diagnostics);
  if (json) {
    const artifacts = code === EXIT.ok ? result.artifacts.map((a) => ({ path: a.path, kind: a.kind, size: a.bytes.byteLength })) : [];
    io.stdout(JSON.stringify({ ok: code === EXIT.ok, policy: run.shownPolicy, out: outDir, artifacts, diagnostics }, null, 2) + '\n');
    return code;
  }
  printDiagnostics(diagnostics, io, { quiet, verbose: run.verbose, ...(code === EXIT.ok && { report: `${outDir}/report.html` }) });
  const counts = countBySeverity(diagnostics);
  if (code !== EXIT.ok) {
    io.stderr(`${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}; nothing written\n`);
  } else if (!quiet) {
    const fleets = result.plan?.fleets.length ?? 0;
    io.stdout(`wrote ${plural(result.artifacts.length, 'file')} for ${plural(fleets, 'fleet')} to ${outDir}/ (${plural(counts.warnings, 'warning')}); open ${outDir}/report.html for what is blocked where\n`);
  }
  return code;
}
