import { searchCatalog } from '../../features/catalog/search.js';
import { parseCommandLine, commonOptions, limitHelp, limitOptions, limitSettings } from '../args.js';
import { EXIT, UsageError } from '../io.js';
import { openForCli, policyOption } from './catalog-open.js';
import type { Command } from './command.js';

const help = `Usage: mdm-blocklist catalog search <text> [options]

Finds apps and publishers whose id, name, alias, legal name or identifier (iOS/macOS bundle ID,
Android package, App Store id, Apple Team ID) contains the text, ignoring case. Exact matches come
first, then prefixes, then other substrings; each entry is listed once, with what matched and
who is behind it: an app's publisher and its parents (by TikTok Pte. Ltd. → ByteDance), a
publisher's parents (under ByteDance).

Options:
  -p, --policy PATH  search the catalog of this policy or folder instead of the shipped policies
                     (repeatable)
  --limit N          list at most N entries (default 20; 0 lists all)
${limitHelp(21)}  --json             print the matches as JSON on stdout
  -q, --quiet        print errors only (the default here, taken like on every command)
  -h, --help         show this help

Exit codes: 0 ok (also when nothing matches), 2 usage or I/O error.

Examples:
  mdm-blocklist catalog search tiktok
  mdm-blocklist catalog search com.tencent --limit 0
  mdm-blocklist catalog search "Example Chat" --policy my-policy.yaml
`;

export const catalogSearchCommand: Command = {
  async run(argv, io) {
    const { json, help: helpFlag } = commonOptions;
    const options = { json, quiet: commonOptions.quiet, help: helpFlag, ...policyOption, ...limitOptions, limit: { type: 'string' } } as const;
    const { values, positionals } = parseCommandLine({ args: argv, options, allowPositionals: true, strict: true });
    if (values.help) {
      io.stdout(help);
      return EXIT.ok;
    }
    const text = positionals.join(' ').trim();
    if (!text) throw new UsageError('give the text to look for');
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`--limit must be a whole number, not "${values.limit}"`);
    const workspace = await openForCli(values.policy, io, { json: !!values.json, today: io.today, ...limitSettings(values) });

    const hits = searchCatalog(workspace.catalog, text);
    const shown = limit === 0 ? hits : hits.slice(0, limit);
    if (values.json) {
      io.stdout(JSON.stringify({ query: text, total: hits.length, hits: shown, diagnostics: workspace.diagnostics }, null, 2) + '\n');
      return EXIT.ok;
    }
    if (hits.length === 0) {
      io.stderr(`no app or publisher matches "${text}"\n`);
      return EXIT.ok;
    }
    const idWidth = Math.max(...shown.map((h) => h.id.length));
    const nameWidth = Math.min(40, Math.max(...shown.map((h) => columns(h.name))));
    for (const h of shown) {
      const what = h.field === 'id' || h.field === 'name' ? h.field : `${h.field} ${h.value}`;
      const pad = ' '.repeat(Math.max(0, nameWidth - columns(h.name)));
      const chain = h.publishers.length ? `  ${h.kind === 'app' ? 'by' : 'under'} ${h.publishers.map((p) => p.name).join(' → ')}` : '';
      io.stdout(`${h.kind.padEnd(9)}  ${h.id.padEnd(idWidth)}  ${h.name}${pad}  (${h.rank}: ${what})${chain}\n`);
    }
    if (shown.length < hits.length) io.stdout(`… and ${hits.length - shown.length} more (--limit 0 lists all)\n`);
    return EXIT.ok;
  },
};

/** Terminal columns a name takes: CJK and full-width characters take two, so the table lines up. */
export function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch) ? 2 : 1;
  return n;
}
