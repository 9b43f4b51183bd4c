import { byCodeUnit } from '../../common/compare.js';
import { defaultPolicyPath } from '../../common/paths.js';
import { PLATFORM_LABELS } from '../../plan/labels.js';
import { planCoverage, type PlatformCoverage } from '../../plan/coverage.js';
import type { Plan } from '../../plan/types.js';
import { checkToday, parseCommandLine, commonOptions, limitHelp, limitOptions, limitSettings } from '../args.js';
import { EXIT, UsageError } from '../io.js';
import { openForCli } from './catalog-open.js';
import { columns } from './catalog-search.js';
import type { Command } from './command.js';

const help = `Usage: mdm-blocklist catalog coverage [POLICY…] [options]

For each platform the policy's fleets have, lists the apps it blocks in three groups:
  identified  the catalog has the app's identifier there (with the identifier's confidence;
              a low-confidence one is blocked only with options.includeLowConfidence)
  no build    the catalog documents that the app has no build there: nothing to block, no gap
  unknown     the app ships there but its identifier is not known yet: a gap, which compiling
              warns about (NO_IDENTIFIER_FOR_PLATFORM) and the report lists
POLICY defaults to the shipped default policy (clean-network.yaml).

Options:
  --gaps             list only the unknown apps (the counts stay)
  --today DATE       evaluate exceptions' "until" as of DATE (YYYY-MM-DD; default: today)
${limitHelp(21)}  --json             print the coverage as JSON on stdout
  -q, --quiet        print errors only (the default here, taken like on every command)
  -h, --help         show this help

Exit codes: 0 ok (also when there are gaps), 2 usage or I/O error.

Examples:
  mdm-blocklist catalog coverage
  mdm-blocklist catalog coverage policies/india-2020-06-29.yaml --gaps
`;

export const catalogCoverageCommand: Command = {
  async run(argv, io) {
    const { json: jsonFlag, help: helpFlag, today } = commonOptions;
    const options = { json: jsonFlag, quiet: commonOptions.quiet, help: helpFlag, today, gaps: { type: 'boolean' }, ...limitOptions } as const;
    const { values, positionals } = parseCommandLine({ args: argv, options, allowPositionals: true, strict: true });
    if (values.help) {
      io.stdout(help);
      return EXIT.ok;
    }
    const json = !!values.json;
    const inputs = positionals.length ? positionals : [defaultPolicyPath];
    const workspace = await openForCli(inputs, io, { json, today: checkToday(values.today, io.today), ...limitSettings(values) });
    if (workspace.policies.length === 0) throw new UsageError(`no policy among ${inputs.join(', ')} (a policy has a top-level id)`);
    const reports = workspace.policies.map((p) => ({ file: p.file, id: p.id, name: p.name, platforms: planCoverage(p.plan), ...webCoverage(p.plan) }));
    if (json) {
      io.stdout(JSON.stringify({ policies: reports, diagnostics: workspace.diagnostics }, null, 2) + '\n');
      return EXIT.ok;
    }
    io.stdout(reports.map((r) => `${r.file} (${r.id})\n${r.platforms.map((p) => formatPlatform(p, !!values.gaps)).join('')}${formatWeb(r.web)}`).join('\n'));
    return EXIT.ok;
  },
};

/** Web domains (docs/web.md) the policy's fleets block, and those its web rules reach but leave out; absent when no rule blocks web domains. */
function webCoverage(plan: Plan): { web?: { blocked: string[]; notBlocked: { domain: string; why: string }[] } } {
  const fleets = plan.fleets.filter((f) => f.web);
  if (fleets.length === 0) return {};
  const blocked = [...new Set(fleets.flatMap((f) => f.web!.blocked.map((d) => d.domain)))].sort();
  const seen = new Set(blocked);
  const notBlocked = fleets.flatMap((f) => f.web!.notEnforced).filter((d) => !seen.has(d.domain) && (seen.add(d.domain), true)).map((d) => ({ domain: d.domain, why: d.why }));
  return { web: { blocked, notBlocked: notBlocked.sort((a, b) => byCodeUnit(a.domain, b.domain)) } };
}

function formatWeb(web: { blocked: string[]; notBlocked: { domain: string; why: string }[] } | undefined): string {
  if (!web) return '';
  return `  Web domains: ${web.blocked.length} blocked in managed browsers, ${web.notBlocked.length} reached but not blocked${web.notBlocked.length ? ` (${web.notBlocked.map((d) => `${d.domain}: ${d.why}`).join(', ')})` : ''}\n`;
}

function formatPlatform(p: PlatformCoverage, gapsOnly: boolean): string {
  let out = `  ${PLATFORM_LABELS[p.platform]}: ${p.identified.length} identified, ${p.absent.length} no build, ${p.unknown.length} unknown\n`;
  const rows: [string, string, string, string, string][] = [];
  if (!gapsOnly) {
    for (const i of p.identified) rows.push(['identified', i.app.id, i.app.name, i.identifier, i.enforced ? i.confidence : `${i.confidence}, not blocked`]);
    for (const a of p.absent) rows.push(['no build', a.app.id, a.app.name, '', a.confidence]);
  }
  for (const u of p.unknown) rows.push(['unknown', u.id, u.name, '', '']);
  // Terminal columns, not code units: CJK names take two each, so the table lines up.
  const width = (i: number) => Math.max(0, ...rows.map((r) => columns(r[i]!)));
  const pad = (text: string, i: number) => text + ' '.repeat(width(i) - columns(text));
  for (const r of rows) {
    out += `    ${r[0].padEnd(10)}  ${pad(r[1], 1)}  ${pad(r[2], 2)}  ${pad(r[3], 3)}  ${r[4]}`.trimEnd() + '\n';
  }
  return out;
}
