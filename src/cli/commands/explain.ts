import { explain } from '../../features/explain/explain.js';
import { defaultPolicyPath } from '../../common/paths.js';
import { parseCommandLine, checkToday, commonOptions, limitHelp, limitOptions, limitSettings } from '../args.js';
import { exitCodeFor } from '../exit-code.js';
import { formatExplanation } from '../format-explain.js';
import { EXIT, UsageError } from '../io.js';
import { countBySeverity, plural, printDiagnostics } from '../print.js';
import { runResolve } from '../run-compile.js';
import type { Command } from './command.js';

const help = `Usage: mdm-blocklist explain <app id | bundle ID | package name | publisher id | Team ID | web domain | name> [options]

Answers, per fleet and platform, whether an app is blocked and why: the chain from the rule
through the publishers to the catalog entry and its references; or which exception lets it
through and until when; or why no artifact can carry it (no identifier, low confidence). For a
publisher: its Team IDs on macOS and the status of each of its apps. For a catalogued web domain
(pan.baidu.com): whose it is, its sources, and per fleet whether browsers block it and why. Writes nothing.

Options:
  --policy FILE    the policy to ask (default: the shipped policies/clean-network.yaml)
  --fleet ID       answer for this fleet only
  --today DATE     evaluate exceptions' "until" as of DATE (YYYY-MM-DD; default: today)
${limitHelp()}  --json           print the answer as JSON on stdout
  -q, --quiet      print errors only (and the answer)
  -v, --verbose    also print informational diagnostics
  -h, --help       show this help

Exit codes: 0 answered; 1 nothing in the catalog matches, or the policy has errors; 2 usage or
I/O error (an unknown --fleet is a usage error).

Examples:
  mdm-blocklist explain com.zhiliaoapp.musically
  mdm-blocklist explain tencent --policy my-policy.yaml --fleet corporate
  mdm-blocklist explain pan.baidu.com
`;

export const explainCommand = {
  async run(argv, io) {
    const { values, positionals } = parseCommandLine({ args: argv, options: { ...commonOptions, ...limitOptions, policy: { type: 'string', short: 'p' }, fleet: { type: 'string', short: 'f' } }, allowPositionals: true, strict: true });
    if (values.help) {
      io.stdout(help);
      return EXIT.ok;
    }
    if (positionals.length !== 1) throw new UsageError('explain takes exactly one app id, bundle ID, package name, publisher id, web domain or name');
    const query = positionals[0]!;
    const json = !!values.json;
    const result = await runResolve(values.policy ?? defaultPolicyPath, io, {
      today: checkToday(values.today, io.today),
      showProgress: !values.quiet && !json,
      ...limitSettings(values),
    });
    const policyCode = exitCodeFor(result.diagnostics);
    const plan = policyCode === EXIT.ok ? result.plan : undefined;
    if (plan && values.fleet !== undefined && !plan.fleets.some((f) => f.id === values.fleet)) {
      throw new UsageError(`the policy has no fleet "${values.fleet}" (fleets: ${plan.fleets.map((f) => f.id).join(', ')})`);
    }
    const answer = plan ? explain(plan, query, values.fleet !== undefined ? { fleet: values.fleet } : {}) : undefined;
    const code = policyCode !== EXIT.ok ? policyCode : answer!.answers.length ? EXIT.ok : EXIT.policyErrors;

    if (json) {
      io.stdout(JSON.stringify({ ok: code === EXIT.ok, explanation: answer ?? null, diagnostics: result.diagnostics }, null, 2) + '\n');
      return code;
    }
    printDiagnostics(result.diagnostics, io, { quiet: !!values.quiet, verbose: !!values.verbose });
    if (!answer) {
      const counts = countBySeverity(result.diagnostics);
      io.stderr(`${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}; cannot explain\n`);
      return code;
    }
    io.stdout(formatExplanation(answer, io.stdoutColor ?? false));
    return code;
  },
} satisfies Command;
