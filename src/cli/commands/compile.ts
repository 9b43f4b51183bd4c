import { isAbsolute, relative, resolve } from 'node:path';
import { defaultPolicyPath } from '../../common/paths.js';
import { androidCompileOptions, basePolicyHelp, previousHelp, androidOptions, parseCommandLine, buildOptions, buildSettings, checkToday, commonOptions, limitHelp, limitOptions, limitSettings, PASSPHRASE_ENV } from '../args.js';
import { EXIT, UsageError } from '../io.js';
import { checkOutNotInput } from '../out-folder.js';
import type { Command } from './command.js';
import { checkOutputFolder, type CompileRun } from './compile-check.js';
import { writeOutputFolder } from './compile-write.js';

export const compileHelp = `Usage: mdm-blocklist compile [policy.yaml] [--out DIR] [--check] [options]

Compiles a policy into ready-to-import artifacts and writes them, all or nothing, into DIR
(default ./out): the artifacts, plan.json (what is blocked, per fleet and platform), report.html
and report.md (what is blocked where and why, and what each target needs), and manifest.json
listing each file's sha256. Without a policy it compiles the shipped default,
policies/clean-network.yaml.

With --check nothing is written: it exits 1 when DIR is not exactly what the policy compiles to
(for CI, to require committed outputs to be current) and lists what differs.

Options:
  -o, --out DIR    output folder (default: ./out)
  --check          compare DIR with what would be written; write nothing
  --today DATE     evaluate exceptions' "until" as of DATE (YYYY-MM-DD; default: today)
  --sign-cert PEM  sign every configuration profile with this certificate (also writes the
                   signed copy under <fleet>/<platform>/signed/; overrides apple.signing)
  --sign-key PEM   the certificate's private key; an encrypted key's passphrase is read from
                   the environment variable ${PASSPHRASE_ENV}, never from a flag
  --sign-chain PEM intermediate certificates to embed in each signature
  --command-uuid-salt TEXT
                   mix TEXT into every CommandUUID, so re-sent commands get fresh UUIDs
${basePolicyHelp}${previousHelp('also write')}${limitHelp()}  --json           print the result and diagnostics as JSON on stdout
  -q, --quiet      print errors only
  -v, --verbose    also print informational diagnostics
  -h, --help       show this help

Exit codes: 0 ok (with --check: DIR is current); 1 the policy has errors, or with --check DIR
is out of date; 2 usage or I/O error.

Examples:
  mdm-blocklist compile policies/clean-network.yaml --out build/mdm
  mdm-blocklist compile my-policy.yaml --out mdm --check --today 2026-01-01
  mdm-blocklist compile my-policy.yaml --base-policy field=exports/field.json --previous build/mdm --out build/mdm-next
  ${PASSPHRASE_ENV}=… mdm-blocklist compile my-policy.yaml --sign-cert signer.pem --sign-key signer.key
`;

export const compileCommand: Command = {
  async run(argv, io) {
    const { values, positionals } = parseCommandLine({ args: argv, options: { ...commonOptions, ...androidOptions, ...buildOptions, ...limitOptions, out: { type: 'string', short: 'o' }, check: { type: 'boolean' } }, allowPositionals: true, strict: true });
    if (values.help) {
      io.stdout(compileHelp);
      return EXIT.ok;
    }
    if (positionals.length > 1) throw new UsageError(`compile takes one policy file, got ${positionals.length}: ${positionals.join(' ')}`);
    const policy = positionals[0] ?? defaultPolicyPath;
    const outDir = values.out ?? 'out';
    const outAbs = resolve(io.cwd, outDir);
    const rel = relative(outAbs, io.cwd);
    if (!values.check && (rel === '' || !(rel.startsWith('..') || isAbsolute(rel)))) {
      // The folder is swapped out whole when written; the working directory cannot be.
      throw new UsageError(`--out ${outDir} is the working directory or a folder above it; name a folder for the output, such as --out out`);
    }
    // The policy itself is checked before compiling; the files it names once they are known.
    if (!values.check) checkOutNotInput(outDir, outAbs, [resolve(io.cwd, policy)], io.cwd);
    const run: CompileRun = {
      policy,
      shownPolicy: relative(io.cwd, resolve(io.cwd, policy)) || policy,
      outDir,
      quiet: !!values.quiet,
      verbose: !!values.verbose,
      json: !!values.json,
      options: { today: checkToday(values.today, io.today), ...androidCompileOptions(values, io.cwd), ...buildSettings(values, io), ...limitSettings(values) },
    };
    return values.check ? checkOutputFolder(run, io) : writeOutputFolder(run, io);
  },
};
