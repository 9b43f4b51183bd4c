import { diffOutputFolder } from '../diff-output-folder.js';
import { exitCodeFor } from '../exit-code.js';
import { formatDiff } from '../format-diff.js';
import { EXIT, type CliIO } from '../io.js';
import { countBySeverity, plural, printDiagnostics } from '../print.js';
import { runCompile, type RunOptions } from '../run-compile.js';

export interface CompileRun {
  policy: string;
  /** The policy as the user sees it, relative to the working directory. */
  shownPolicy: string;
  outDir: string;
  quiet: boolean;
  verbose: boolean;
  json: boolean;
  options: Omit<RunOptions, 'showProgress' | 'preview'>;
}

/**
 * `compile --check`: compiles without writing and compares with the output folder. Nothing is
 * written, so the signing key is not needed: signed files compare by what was signed and by whom.
 */
export async function checkOutputFolder(run: CompileRun, io: CliIO): Promise<number> {
  const { outDir, shownPolicy, quiet, json } = run;
  const { result, progress } = await runCompile(run.policy, io, { ...run.options, preview: true, showProgress: !quiet && !json });
  const diff = await diffOutputFolder(result, outDir, io).finally(() => progress.done());
  const diagnostics = result.diagnostics;
  const policyCode = exitCodeFor(diagnostics);
  const code = policyCode !== EXIT.ok ? policyCode : diff?.upToDate ? EXIT.ok : EXIT.policyErrors;
  if (json) {
    io.stdout(JSON.stringify({ ok: code === EXIT.ok, policy: shownPolicy, out: outDir, upToDate: diff?.upToDate ?? false, diff: diff ?? null, diagnostics }, null, 2) + '\n');
    return code;
  }
  printDiagnostics(diagnostics, io, { quiet, verbose: run.verbose });
  if (!diff) {
    const counts = countBySeverity(diagnostics);
    io.stderr(`${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}; cannot check ${outDir}/\n`);
  } else if (diff.upToDate) {
    if (!quiet) io.stdout(`${outDir}/ is up to date with ${shownPolicy}\n`);
  } else {
    io.stderr(`${outDir}/ is out of date with ${shownPolicy}:\n\n${formatDiff(diff, io.color)}\nRun "mdm-blocklist compile ${shownPolicy} --out ${outDir}" and commit the result.\n`);
  }
  return code;
}
