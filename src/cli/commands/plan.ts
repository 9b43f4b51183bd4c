import { relative, resolve } from 'node:path';
import { defaultPolicyPath } from '../../common/paths.js';
import { androidCompileOptions, basePolicyHelp, previousHelp, androidOptions, parseCommandLine, buildOptions, buildSettings, checkToday, commonOptions, limitHelp, limitOptions, limitSettings } from '../args.js';
import { diffOutputFolder } from '../diff-output-folder.js';
import { exitCodeFor } from '../exit-code.js';
import { formatDiff } from '../format-diff.js';
import { EXIT, UsageError } from '../io.js';
import { countBySeverity, plural, printDiagnostics } from '../print.js';
import { runCompile } from '../run-compile.js';
import type { Command } from './command.js';

const help = `Usage: mdm-blocklist plan [policy.yaml] [--out DIR] [options]

Shows what compiling the policy would change in DIR (default ./out), in words a reviewer reads in
a pull request: per fleet and platform, the apps newly blocked (+) and no longer blocked (-) and
why, then the files added, changed and removed. Compares with DIR's manifest.json and plan.json.
Writes nothing. Without a policy it plans the shipped default, policies/clean-network.yaml.

Options:
  -o, --out DIR    the output folder to compare with (default: ./out)
  --today DATE     evaluate exceptions' "until" as of DATE (YYYY-MM-DD; default: today)
  --sign-cert PEM, --sign-key PEM, --sign-chain PEM, --command-uuid-salt TEXT
                   as for compile: give the flags the output folder was compiled with
${basePolicyHelp}${previousHelp('plan as compile would write')}${limitHelp()}  --json           print the plan as JSON on stdout
  -q, --quiet      print errors only (and the plan)
  -v, --verbose    also print informational diagnostics
  -h, --help       show this help

Exit codes: 0 the plan was made (changes or not; use "compile --check" to fail on changes);
1 the policy has errors; 2 usage or I/O error.

Example:
  mdm-blocklist plan policies/clean-network.yaml --out build/mdm
`;

export const planCommand = {
  async run(argv, io) {
    const { values, positionals } = parseCommandLine({ args: argv, options: { ...commonOptions, ...androidOptions, ...buildOptions, ...limitOptions, out: { type: 'string', short: 'o' } }, allowPositionals: true, strict: true });
    if (values.help) {
      io.stdout(help);
      return EXIT.ok;
    }
    if (positionals.length > 1) throw new UsageError(`plan takes one policy file, got ${positionals.length}: ${positionals.join(' ')}`);
    const policy = positionals[0] ?? defaultPolicyPath;
    const outDir = values.out ?? 'out';
    const json = !!values.json;
    const shownPolicy = relative(io.cwd, resolve(io.cwd, policy)) || policy;

    const { result, progress } = await runCompile(policy, io, {
      today: checkToday(values.today, io.today),
      // Nothing is written: a reviewer plans without the signing key.
      preview: true,
      showProgress: !values.quiet && !json,
      ...androidCompileOptions(values, io.cwd),
      ...buildSettings(values, io),
      ...limitSettings(values),
    });
    const diff = await diffOutputFolder(result, outDir, io).finally(() => progress.done());
    const code = exitCodeFor(result.diagnostics);

    if (json) {
      io.stdout(JSON.stringify({ ok: code === EXIT.ok, policy: shownPolicy, out: outDir, plan: diff ?? null, diagnostics: result.diagnostics }, null, 2) + '\n');
      return code;
    }
    printDiagnostics(result.diagnostics, io, { quiet: !!values.quiet, verbose: !!values.verbose });
    if (!diff) {
      const counts = countBySeverity(result.diagnostics);
      io.stderr(`${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}; no plan\n`);
      return code;
    }
    io.stdout(`Plan: ${shownPolicy} → ${outDir}/\n\n${formatDiff(diff, io.stdoutColor ?? false)}`);
    io.stdout(diff.upToDate ? `\nNo changes: ${outDir}/ is up to date.\n` : `\nRun "mdm-blocklist compile ${shownPolicy} --out ${outDir}" to write these changes.\n`);
    return code;
  },
} satisfies Command;
