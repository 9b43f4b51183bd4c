import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { audit, type AuditResult, type InventoryInput } from '../../features/audit/audit.js';
import { auditHtml } from '../../features/audit/html.js';
import { removeCommands } from '../../features/audit/remove-commands.js';
import type { Plan } from '../../plan/types.js';
import { checkToday, parseCommandLine, commonOptions, limitHelp, limitOptions, limitSettings } from '../args.js';
import { exitCodeFor } from '../exit-code.js';
import { formatAudit } from '../format-audit.js';
import { EXIT, UsageError, type CliIO } from '../io.js';
import { countBySeverity, plural, printDiagnostics } from '../print.js';
import { runResolve } from '../run-compile.js';
import type { Command } from './command.js';

const help = `Usage: mdm-blocklist audit POLICY INVENTORY... [options]

Finds the apps the policy flags that are already installed, from the inventories MDMs export
(docs/audit.md shows how to export each): AMAPI enterprises.devices.list responses (JSON, any
number of pages, or a Device), Apple MDM InstalledApplicationList responses (XML or binary plists,
one file per device, or a folder of them), osqueryd results logs of the macOS apps table. The
format is read from the content. For each device and flagged app: the rule and its references,
any exception, and what will act on it once the policy's artifacts are applied.

Options:
  --fleet ID[=PATH]      devices that name no fleet (AMAPI policyName) are in fleet ID: in every
                         inventory, or only in PATH (repeatable); otherwise they are unassigned
  --platform ios|macos[=PATH]
                         the Apple OS of MDM responses, in every inventory or only in PATH
                         (needed when the fleet has both, or none)
  --report FILE          also write the findings as an HTML report (report.html's look)
  --commands DIR         write RemoveApplication command plists per Apple device, DIR/<UDID>/
  --today DATE           evaluate exceptions' "until" as of DATE (YYYY-MM-DD; default: today)
${limitHelp(25)}  --json                 print the findings as JSON on stdout
  -q, --quiet            print errors only (and the findings)
  -v, --verbose          also print the policy's warnings and informational diagnostics
  -h, --help             show this help

Exit codes: 0 no flagged app is installed (apps an exception allows do not count); 1 a flagged app
is installed, or the policy has errors; 2 usage or I/O error, or an inventory cannot be read.

Examples:
  mdm-blocklist audit policies/clean-network.yaml devices-page-*.json
  mdm-blocklist audit my-policy.yaml responses/ --fleet corporate --platform ios --commands remove/
`;

const options = {
  ...commonOptions,
  ...limitOptions,
  fleet: { type: 'string', multiple: true },
  platform: { type: 'string', multiple: true },
  report: { type: 'string' },
  commands: { type: 'string' },
} as const;

export const auditCommand = {
  async run(argv, io) {
    const { values, positionals } = parseCommandLine({ args: argv, options, allowPositionals: true, strict: true });
    if (values.help) {
      io.stdout(help);
      return EXIT.ok;
    }
    if (positionals.length < 2) throw new UsageError('audit takes a policy and at least one inventory file or folder');
    const [policy, ...paths] = positionals as [string, ...string[]];
    const json = !!values.json;
    const inputs = inventoryInputs(paths, values.fleet ?? [], values.platform ?? [], io);
    const resolved = await runResolve(policy, io, { today: checkToday(values.today, io.today), showProgress: !values.quiet && !json, ...limitSettings(values) });
    const policyCode = exitCodeFor(resolved.diagnostics);
    const plan = policyCode === EXIT.ok ? resolved.plan : undefined;
    if (plan) checkFleets(plan, inputs);
    const result = plan ? await audit(plan, inputs) : undefined;
    const diagnostics = [...resolved.diagnostics, ...(result?.diagnostics ?? [])];
    const code = policyCode !== EXIT.ok ? policyCode : result!.diagnostics.some((d) => d.severity === 'error') ? EXIT.usage : result!.findings.some((f) => f.status !== 'allowed') || result!.deviceFindings.length > 0 ? EXIT.policyErrors : EXIT.ok;
    const written = plan && result ? writeExtras(plan, result, paths, values, io) : [];

    if (json) {
      io.stdout(JSON.stringify({ ok: code === EXIT.ok, ...(result ? jsonResult(result) : { findings: null }), written, diagnostics }, null, 2) + '\n');
      return code;
    }
    // The policy's own warnings (gaps compile reports) are not this command's news: --verbose shows them.
    const shown = values.verbose ? diagnostics : [...resolved.diagnostics.filter((d) => d.severity === 'error'), ...(result?.diagnostics ?? [])];
    printDiagnostics(shown, io, { quiet: !!values.quiet, verbose: !!values.verbose });
    if (!result) {
      const counts = countBySeverity(diagnostics);
      io.stderr(`${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}; cannot audit\n`);
      return code;
    }
    io.stdout(formatAudit(result, io.stdoutColor ?? false));
    for (const w of written) io.stdout(`Wrote ${w}\n`);
    return code;
  },
} satisfies Command;

function jsonResult(r: AuditResult) {
  const { diagnostics: _diagnostics, ...rest } = r;
  return rest;
}

/** Inventories as named, each with the --fleet and --platform that name it (or every one). */
function inventoryInputs(paths: readonly string[], fleets: readonly string[], platforms: readonly string[], io: CliIO): InventoryInput[] {
  const inputs: InventoryInput[] = paths.map((p) => ({ path: resolve(io.cwd, p), label: p }));
  const apply = (flag: string, raw: string, set: (input: InventoryInput, value: string) => void, check: (value: string) => void) => {
    const eq = raw.indexOf('=');
    const value = eq === -1 ? raw : raw.slice(0, eq);
    check(value);
    if (eq === -1) return inputs.forEach((i) => set(i, value));
    const target = resolve(io.cwd, raw.slice(eq + 1));
    const named = inputs.filter((i) => i.path === target);
    if (named.length === 0) throw new UsageError(`${flag} ${raw}: ${raw.slice(eq + 1)} is not one of the inventories named`);
    named.forEach((i) => set(i, value));
  };
  // A per-file value wins over one for every file, whichever comes first on the command line.
  const ordered = (list: readonly string[]) => [...list.filter((v) => !v.includes('=')), ...list.filter((v) => v.includes('='))];
  for (const raw of ordered(fleets)) apply('--fleet', raw, (i, v) => (i.fleet = v), (v) => v === '' && fail('--fleet needs a fleet id'));
  for (const raw of ordered(platforms)) {
    apply('--platform', raw, (i, v) => (i.platform = v as 'ios' | 'macos'), (v) => v !== 'ios' && v !== 'macos' && fail(`--platform takes ios or macos, not "${v}"`));
  }
  return inputs;
}

function fail(message: string): never {
  throw new UsageError(message);
}

function checkFleets(plan: Plan, inputs: readonly InventoryInput[]): void {
  for (const i of inputs) {
    if (i.fleet !== undefined && !plan.fleets.some((f) => f.id === i.fleet)) {
      throw new UsageError(`the policy has no fleet "${i.fleet}" (fleets: ${plan.fleets.map((f) => f.id).join(', ')})`);
    }
  }
}

/** --report and --commands: files the user asked for, written by the CLI (the library writes nothing). */
function writeExtras(plan: Plan, result: AuditResult, inventories: readonly string[], values: { commands?: string; report?: string }, io: CliIO): string[] {
  const written: string[] = [];
  const write = (path: string, bytes: Uint8Array | string) => {
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
    } catch (e) {
      throw new UsageError(`cannot write ${relative(io.cwd, path) || path}: ${(e as Error).message}`);
    }
  };
  if (values.report !== undefined) {
    write(resolve(io.cwd, values.report), auditHtml(plan, result, inventories));
    written.push(`the report to ${values.report}`);
  }
  if (values.commands !== undefined) {
    const dir = resolve(io.cwd, values.commands);
    const { artifacts } = removeCommands(plan, result.findings);
    for (const a of artifacts) write(join(dir, ...a.path.split('/')), a.bytes);
    written.push(`${artifacts.length} RemoveApplication command${artifacts.length === 1 ? '' : 's'} to ${values.commands}`);
  }
  return written;
}
