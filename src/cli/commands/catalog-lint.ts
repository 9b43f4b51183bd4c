import { resolve } from 'node:path';
import { lintWorkspace } from '../../features/catalog/lint.js';
import { openCatalog } from '../../features/catalog/workspace.js';
import { builtinPoliciesDir } from '../../common/paths.js';
import { parseCommandLine, commonOptions, limitHelp, limitOptions, limitSettings } from '../args.js';
import { exitCodeFor } from '../exit-code.js';
import { EXIT } from '../io.js';
import { countBySeverity, plural, printDiagnostics } from '../print.js';
import type { Command } from './command.js';

const help = `Usage: mdm-blocklist catalog lint [file or folder…] [options]

Checks catalog files and policies (a folder stands for every .yaml file under it; default: the
shipped policies/ folder) and reports each problem as file:line:col. Errors: the same identifier
under two apps, a malformed identifier, a catalog identifier without a source, a publisher with no
apps, an app naming an unknown publisher, an in-app feature with identifiers of its own, and
everything validate refuses in the catalog and rules. Warnings: an app with no publisher, a
low-confidence identifier without a note, a publisher reachable only by Team ID, two entries
with the same name or alias.

Entries written in a policy file itself (inline in a block rule, or under its own publishers:
and apps:) are the admin's own word: they need no sources, notes or publisher. Entries in the
catalog files a policy includes must show their evidence.

Options:
${limitHelp()}  --json           print diagnostics as JSON on stdout
  -q, --quiet      print errors only
  -v, --verbose    also print informational diagnostics
  -h, --help       show this help

Exit codes: 0 no errors, 1 errors found, 2 usage or I/O error.

Examples:
  mdm-blocklist catalog lint
  mdm-blocklist catalog lint my-policy.yaml catalog/
`;

export const catalogLintCommand: Command = {
  async run(argv, io) {
    // Lint reads no dates: which exceptions have expired changes no lint finding.
    const { json, quiet, verbose, help: helpFlag } = commonOptions;
    const options = { json, quiet, verbose, help: helpFlag, ...limitOptions };
    const { values, positionals } = parseCommandLine({ args: argv, options, allowPositionals: true, strict: true });
    if (values.help) {
      io.stdout(help);
      return EXIT.ok;
    }
    const inputs = positionals.length ? positionals.map((p) => resolve(io.cwd, p)) : [builtinPoliciesDir];
    const workspace = await openCatalog(inputs, { displayBase: io.cwd, ...limitSettings(values) });
    const diagnostics = lintWorkspace(workspace);
    const code = exitCodeFor(diagnostics);
    const checked = { policies: workspace.policies.map((p) => p.file), catalogFiles: workspace.groups.filter((g) => g.kind === 'catalog files').flatMap((g) => g.from) };
    if (values.json) {
      io.stdout(JSON.stringify({ ok: code === EXIT.ok, checked, diagnostics }, null, 2) + '\n');
      return code;
    }
    printDiagnostics(diagnostics, io, { quiet: !!values.quiet, verbose: !!values.verbose });
    const counts = countBySeverity(diagnostics);
    const policies = `${checked.policies.length} ${checked.policies.length === 1 ? 'policy' : 'policies'}`;
    const what = policies + (checked.catalogFiles.length ? ` and ${plural(checked.catalogFiles.length, 'catalog file')}` : '');
    const line = `catalog lint: ${what}, ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}\n`;
    if (code === EXIT.ok) {
      if (!values.quiet) io.stdout(line);
    } else {
      io.stderr(line);
    }
    return code;
  },
};
