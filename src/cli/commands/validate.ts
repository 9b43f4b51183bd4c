import { resolve } from 'node:path';
import { compile } from '../../compile.js';
import { parseArgs } from 'node:util';
import { androidHelp, androidOptions, asUsage, basePolicyOption, buildOptions, buildSettings, checkToday, commonOptions } from '../args.js';
import { exitCodeFor } from '../exit-code.js';
import { EXIT, UsageError } from '../io.js';
import { countBySeverity, plural, printDiagnostics } from '../print.js';
import type { Command } from './command.js';

const help = `Usage: mdm-blocklist validate <policy.yaml> [options]

Checks a policy the way compile does (syntax, format, catalog, rules, and every artifact it would
produce) and reports each problem as file:line:col. Writes nothing.

Options:
  --today DATE     evaluate exceptions' "until" as of DATE (YYYY-MM-DD; default: today)
  --sign-cert PEM, --sign-key PEM, --sign-chain PEM
                   check this signing material as compile would (see compile --help)
${androidHelp}  --json           print diagnostics as JSON on stdout
  -q, --quiet      print errors only
  -v, --verbose    also print informational diagnostics
  -h, --help       show this help

Exit codes: 0 valid, 1 the policy has errors, 2 usage or I/O error.

Example:
  mdm-blocklist validate policies/india-2020-06-29.yaml
`;

export const validateCommand = {
  async run(argv, io) {
    const { values, positionals } = asUsage(() => parseArgs({ args: argv, options: { ...commonOptions, ...androidOptions, ...buildOptions }, allowPositionals: true, strict: true }));
    if (values.help) {
      io.stdout(help);
      return EXIT.ok;
    }
    if (positionals.length !== 1) throw new UsageError('validate takes exactly one policy file');
    const basePolicies = basePolicyOption(values['base-policy'], io.cwd);
    const result = await compile(resolve(io.cwd, positionals[0]!), {
      today: checkToday(values.today, io.today),
      displayBase: io.cwd,
      ...(basePolicies && { basePolicies }),
      ...(values.previous !== undefined && { previous: resolve(io.cwd, values.previous) }),
      ...buildSettings(values, io),
    });
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
