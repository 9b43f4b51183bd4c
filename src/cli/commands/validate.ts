import { androidCompileOptions, basePolicyHelp, basePolicyOptions, parseCommandLine, buildSettings, checkToday, commonOptions, limitHelp, limitOptions, limitSettings, signingOptions } from '../args.js';
import { exitCodeFor } from '../exit-code.js';
import { EXIT, UsageError } from '../io.js';
import { countBySeverity, plural, printDiagnostics } from '../print.js';
import { runCompile } from '../run-compile.js';
import type { Command } from './command.js';

const help = `Usage: mdm-blocklist validate <policy.yaml> [options]

Checks a policy the way compile does (syntax, format, catalog, rules, and every artifact it would
produce) and reports each problem as file:line:col. Writes nothing.

Options:
  --today DATE     evaluate exceptions' "until" as of DATE (YYYY-MM-DD; default: today)
  --sign-cert PEM, --sign-key PEM, --sign-chain PEM
                   check this signing material as compile would (see compile --help)
${basePolicyHelp}${limitHelp()}  --json           print diagnostics as JSON on stdout
  -q, --quiet      print errors only
  -v, --verbose    also print informational diagnostics
  -h, --help       show this help

Exit codes: 0 valid, 1 the policy has errors, 2 usage or I/O error.

Examples:
  mdm-blocklist validate policies/clean-network.yaml
  mdm-blocklist validate my-policy.yaml --json --today 2026-01-01
`;

export const validateCommand = {
  async run(argv, io) {
    const { values, positionals } = parseCommandLine({ args: argv, options: { ...commonOptions, ...basePolicyOptions, ...signingOptions, ...limitOptions }, allowPositionals: true, strict: true });
    if (values.help) {
      io.stdout(help);
      return EXIT.ok;
    }
    if (positionals.length !== 1) throw new UsageError('validate takes exactly one policy file');
    // The report is for people reading a compile's output; validation only needs the checks.
    const { result, progress } = await runCompile(positionals[0]!, io, {
      today: checkToday(values.today, io.today),
      report: false,
      // Nothing is written: an encrypted key without its passphrase is noted, not refused.
      preview: true,
      showProgress: !values.quiet && !values.json,
      ...androidCompileOptions(values, io.cwd),
      ...buildSettings(values, io),
      ...limitSettings(values),
    });
    progress.done();
    const code = exitCodeFor(result.diagnostics);
    if (values.json) {
      io.stdout(JSON.stringify({ ok: code === EXIT.ok, diagnostics: result.diagnostics }, null, 2) + '\n');
      return code;
    }
    printDiagnostics(result.diagnostics, io, { quiet: !!values.quiet, verbose: !!values.verbose });
    const counts = countBySeverity(result.diagnostics);
    if (!values.quiet || code !== EXIT.ok) {
      const line = `${positionals[0]}: ${code === EXIT.ok ? 'valid' : 'invalid'} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')})\n`;
      (code === EXIT.ok ? io.stdout : io.stderr)(line);
    }
    return code;
  },
} satisfies Command;
