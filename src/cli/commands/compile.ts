import { isAbsolute, relative, resolve } from 'node:path';
import { compile } from '../../compile.js';
import { defaultPolicyPath } from '../../paths.js';
import { writeOutput } from '../../write/write.js';
import { parseArgs } from 'node:util';
import { androidHelp, androidOptions, asUsage, basePolicyOption, buildOptions, buildSettings, checkToday, commonOptions, PASSPHRASE_ENV } from '../args.js';
import { exitCodeFor } from '../exit-code.js';
import { EXIT, UsageError, type CliIO } from '../io.js';
import { countBySeverity, plural, printDiagnostics } from '../print.js';
import type { Command } from './command.js';

export const compileHelp = `Usage: mdm-blocklist compile [policy.yaml] [--out DIR] [options]

Compiles a policy into ready-to-import artifacts and writes them, all or nothing, into DIR
(default ./out) with manifest.json listing each file's sha256. Without a policy it compiles the
shipped default, policies/clean-network.yaml.

Options:
  --out DIR        output folder (default: ./out)
  --today DATE     evaluate exceptions' "until" as of DATE (YYYY-MM-DD; default: today)
  --sign-cert PEM  sign every configuration profile with this certificate (also writes the
                   signed copy under <fleet>/<platform>/signed/; overrides apple.signing)
  --sign-key PEM   the certificate's private key; an encrypted key's passphrase is read from
                   the environment variable ${PASSPHRASE_ENV}, never from a flag
  --sign-chain PEM intermediate certificates to embed in each signature
  --command-uuid-salt TEXT
                   mix TEXT into every CommandUUID, so re-sent commands get fresh UUIDs
${androidHelp}  --json           print the result and diagnostics as JSON on stdout
  -q, --quiet      print errors only
  -v, --verbose    also print informational diagnostics
  -h, --help       show this help

Exit codes: 0 ok, 1 the policy has errors, 2 usage or I/O error.

Examples:
  mdm-blocklist compile policies/clean-network.yaml --out build/mdm
  mdm-blocklist compile my-policy.yaml --base-policy field=exports/field.json --previous build/mdm --out build/mdm-next
  ${PASSPHRASE_ENV}=… mdm-blocklist compile my-policy.yaml --sign-cert signer.pem --sign-key signer.key
`;

export const compileCommand: Command = {
  async run(argv, io) {
    const { values, positionals } = asUsage(() =>
      parseArgs({ args: argv, options: { ...commonOptions, ...androidOptions, ...buildOptions, out: { type: 'string', short: 'o' } }, allowPositionals: true, strict: true }),
    );
    if (values.help) {
      io.stdout(compileHelp);
      return EXIT.ok;
    }
    if (positionals.length > 1) throw new UsageError(`compile takes one policy file, got ${positionals.length}: ${positionals.join(' ')}`);
    const policy = positionals[0] ?? defaultPolicyPath;
    const outDir = values.out ?? 'out';
    const outAbs = resolve(io.cwd, outDir);
    const rel = relative(outAbs, io.cwd);
    if (rel === '' || !(rel.startsWith('..') || isAbsolute(rel))) {
      // The folder is swapped out whole when written; the working directory cannot be.
      throw new UsageError(`--out ${outDir} is the working directory or a folder above it; name a folder for the output, such as --out out`);
    }
    const today = checkToday(values.today, io.today);
    const build = buildSettings(values, io);

    const basePolicies = basePolicyOption(values['base-policy'], io.cwd);
    const result = await compile(resolve(io.cwd, policy), {
      today,
      displayBase: io.cwd,
      ...(basePolicies && { basePolicies }),
      ...(values.previous !== undefined && { previous: resolve(io.cwd, values.previous) }),
      ...build,
    });
    const diagnostics = [...result.diagnostics];
    if (result.ok) diagnostics.push(...(await writeOutput(outAbs, result.artifacts)));
    const code = exitCodeFor(diagnostics);

    if (values.json) {
      io.stdout(
        JSON.stringify(
          {
            ok: code === EXIT.ok,
            policy: relative(io.cwd, policy) || policy,
            out: outDir,
            artifacts: code === EXIT.ok ? result.artifacts.map((a) => ({ path: a.path, kind: a.kind, size: a.bytes.byteLength })) : [],
            diagnostics,
          },
          null,
          2,
        ) + '\n',
      );
      return code;
    }
    printDiagnostics(diagnostics, io, { quiet: !!values.quiet, verbose: !!values.verbose });
    const counts = countBySeverity(diagnostics);
    if (code === EXIT.ok) {
      if (!values.quiet) {
        const fleets = result.plan?.fleets.length ?? 0;
        io.stdout(`wrote ${plural(result.artifacts.length, 'file')} for ${plural(fleets, 'fleet')} to ${outDir}/ (${plural(counts.warnings, 'warning')})\n`);
      }
    } else {
      io.stderr(`${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}; nothing written\n`);
    }
    return code;
  },
};
