import { describeEntry, findEntry, type AppView, type DomainVerdict, type EntryRef, type IdentifierView, type PublisherView } from '../../features/catalog/show.js';
import type { SourcePosition } from '../../common/diagnostics/diagnostic.js';
import type { Platform, Source } from '../../plan/types.js';
import { describeProvenance } from '../../plan/provenance.js';
import { parseCommandLine, checkToday, commonOptions, limitHelp, limitOptions, limitSettings } from '../args.js';
import { EXIT, UsageError } from '../io.js';
import { openForCli, policiesHeading, policyOption } from './catalog-open.js';
import type { Command } from './command.js';

const help = `Usage: mdm-blocklist catalog show <id> [options]

Shows one app or publisher: every identifier with its confidence and sources, the parent and
subsidiary chain, in-app features, and which policies block it, in which fleet and platform, and
through which rule. <id> is an app or publisher id; a name, alias or identifier that belongs to
exactly one entry works too.

Options:
  -p, --policy PATH  read this policy or folder instead of the shipped policies (repeatable)
  --today DATE       evaluate exceptions' "until" as of DATE (YYYY-MM-DD; default: today)
${limitHelp(21)}  --json             print the entry as JSON on stdout
  -q, --quiet        print errors only (the default here, taken like on every command)
  -h, --help         show this help

Exit codes: 0 ok, 2 no such entry, usage or I/O error.

Examples:
  mdm-blocklist catalog show wechat-pay
  mdm-blocklist catalog show com.zhiliaoapp.musically
  mdm-blocklist catalog show example-corp --policy my-policy.yaml
`;

export const catalogShowCommand: Command = {
  async run(argv, io) {
    const { json: jsonFlag, help: helpFlag, today } = commonOptions;
    const options = { json: jsonFlag, quiet: commonOptions.quiet, help: helpFlag, today, ...policyOption, ...limitOptions };
    const { values, positionals } = parseCommandLine({ args: argv, options, allowPositionals: true, strict: true });
    if (values.help) {
      io.stdout(help);
      return EXIT.ok;
    }
    if (positionals.length !== 1) throw new UsageError('catalog show takes one app or publisher id');
    const query = positionals[0]!;
    const json = !!values.json;
    const workspace = await openForCli(values.policy, io, { json, today: checkToday(values.today, io.today), ...limitSettings(values) });
    const result = findEntry(workspace.catalog, query);
    if (!result.found) {
      const hint = result.suggestions.length
        ? `; did you mean: ${result.suggestions.map((s) => s.id).join(', ')}?`
        : '; try "mdm-blocklist catalog search"';
      throw new UsageError(`no app or publisher "${query}" in the catalog${hint}`);
    }
    const view = describeEntry(workspace, result.found);
    if (json) {
      io.stdout(JSON.stringify({ entry: view, diagnostics: workspace.diagnostics }, null, 2) + '\n');
      return EXIT.ok;
    }
    const heading = policiesHeading(values.policy);
    io.stdout((view.kind === 'app' ? formatApp(view, heading) : formatPublisher(view, heading)) + formatDomainVerdicts(view.domainVerdicts));
    return EXIT.ok;
  },
};

const MISSING: Record<Platform, string> = { ios: 'iOS bundle ID', macos: 'macOS bundle ID', android: 'Android package' };
const at = (p: SourcePosition) => `${p.file}:${p.line}:${p.col}`;
const named = (e: EntryRef) => `${e.name} (${e.id})`;
const row = (label: string, value: string) => `  ${label.padEnd(13)}${value}\n`;
const source = (s: Source) => (s.url ? `${s.text} <${s.url}>` : s.text);

function formatIdentifiers(ids: readonly IdentifierView[]): string {
  if (ids.length === 0) return 'Identifiers: none\n';
  let out = 'Identifiers:\n';
  for (const id of ids) {
    out += `  ${id.label}: ${id.value}  [${id.confidence} confidence${id.confidence === 'low' ? ', not blocked unless the policy sets options.includeLowConfidence' : ''}]  ${at(id.at)}\n`;
    for (const s of id.sources) out += `    source: ${source(s)}\n`;
    if (id.sources.length === 0) out += '    source: none given\n';
    if (id.note !== undefined) out += `    note: ${id.note}\n`;
  }
  return out;
}

function formatApp(v: AppView, heading: string): string {
  let out = `${v.name}  (app ${v.id}${v.inline ? ', defined inline in a policy' : ''})\n`;
  if (v.aliases.length) out += row('aliases', v.aliases.join(', '));
  out += row('publisher', v.publisherChain.length ? v.publisherChain.map(named).join(' → ') : 'unknown');
  out += row('confidence', v.confidence);
  if (v.featureOf) out += row('feature of', `${named(v.featureOf)}: blocking it blocks the host app`);
  if (v.features.length) out += row('features', v.features.map(named).join(', '));
  if (v.listedBy.length) out += row('listed by', v.listedBy.join(', '));
  out += row('defined at', at(v.at));
  if (v.note !== undefined) out += row('note', v.note);
  out += '\n' + formatIdentifiers(v.identifiers);
  out += `\n${heading}:\n`;
  for (const { policy, verdicts } of v.blockedBy) {
    out += `  ${policy.file} (${policy.id})\n`;
    for (const verdict of verdicts) {
      const what =
        verdict.status === 'blocked'
          ? `blocks ${verdict.identifier}`
          : verdict.status === 'low-confidence'
            ? `does not block ${verdict.identifier}: low-confidence identifier`
            : verdict.status === 'no-identifier'
              ? `cannot block it: no ${MISSING[verdict.platform]}`
              : verdict.status === 'no-build'
                ? 'nothing to block: the app has no build for this platform'
              : `lets it through: exception for ${verdict.exception!.kind} "${verdict.exception!.id}" (${at(verdict.exception!.at)})`;
      const why = verdict.because.map((p) => `${describeProvenance(p)} (${at(p.at)})`).join('; ');
      out += `    ${`${verdict.fleet}/${verdict.platform}`.padEnd(18)} ${what}, ${why}\n`;
    }
  }
  if (v.notBlockedBy.length) out += `  not named by: ${v.notBlockedBy.map((p) => p.file).join(', ')}\n`;
  return out;
}

/** Which fleets block the entry's web domains in managed browsers (docs/web.md); nothing when none does. */
function formatDomainVerdicts(verdicts: readonly DomainVerdict[]): string {
  if (verdicts.length === 0) return '';
  const words = { blocked: 'blocked in managed browsers', shared: 'not blocked: shared with other services', 'low-confidence': 'not blocked: low-confidence evidence', allowed: 'not blocked: an exception allows its owner' };
  let out = '\nWeb domains:\n';
  for (const v of verdicts) out += `  ${v.policy.file} ${v.fleet}: ${v.domain} ${words[v.status]}\n`;
  return out;
}

function formatPublisher(v: PublisherView, heading: string): string {
  let out = `${v.name}  (publisher ${v.id})\n`;
  if (v.legalNames.length) out += row('legal names', v.legalNames.join('; '));
  if (v.aliases.length) out += row('aliases', v.aliases.join(', '));
  if (v.country !== undefined) out += row('country', v.country);
  out += row('chain', v.chain.map(named).join(' → '));
  if (v.subsidiaries.length) out += row('subsidiaries', v.subsidiaries.map((s) => `${'  '.repeat(s.depth - 1)}${named(s)}`).join('\n' + ' '.repeat(15)));
  out += row('apps', v.apps.length ? v.apps.map((a) => (a.publisher === v.id ? a.id : `${a.id} (via ${a.publisher})`)).join(', ') : 'none');
  out += row('defined at', at(v.at));
  for (const s of v.sources) out += row('source', source(s));
  if (v.note !== undefined) out += row('note', v.note);
  out += '\n' + formatIdentifiers(v.identifiers);
  out += `\n${heading}:\n`;
  for (const { policy, rules, appsBlocked } of v.blockedBy) {
    out += `  ${policy.file} (${policy.id})\n`;
    for (const r of rules) {
      const through = r.via.length > 1 ? ` through ${r.via.join(' → ')}` : '';
      out += `    publisher rule "${r.ruleId}"${through} (${at(r.at)})${r.reason !== undefined ? `: ${r.reason}` : ''}\n`;
    }
    if (rules.length === 0) out += '    no publisher rule; app rules block some of its apps\n';
    out += `    blocks ${appsBlocked.length} of its ${v.apps.length} apps${appsBlocked.length ? `: ${appsBlocked.join(', ')}` : ''}\n`;
  }
  if (v.notBlockedBy.length) out += `  not named by: ${v.notBlockedBy.map((p) => p.file).join(', ')}\n`;
  return out;
}
