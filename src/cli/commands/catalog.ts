import { EXIT, UsageError } from '../io.js';
import { printUsageError } from '../usage.js';
import type { Command } from './command.js';

interface Subcommand {
  name: string;
  summary: string;
  load: () => Promise<Command>;
}

/** Each subcommand's module is imported only when it runs, like the top-level commands. */
const subcommands: readonly Subcommand[] = [
  { name: 'search', summary: 'find apps and publishers by name, alias or identifier', load: async () => (await import('./catalog-search.js')).catalogSearchCommand },
  { name: 'show', summary: 'one app or publisher: identifiers, sources, chain, and which policies block it', load: async () => (await import('./catalog-show.js')).catalogShowCommand },
  { name: 'coverage', summary: 'per platform, the apps a policy blocks: identified, no build, or unknown (a gap)', load: async () => (await import('./catalog-coverage.js')).catalogCoverageCommand },
  { name: 'lint', summary: 'check catalog files and policies for problems (default: the shipped policies/)', load: async () => (await import('./catalog-lint.js')).catalogLintCommand },
];

const help = `Usage: mdm-blocklist catalog <search|show|coverage|lint> [options]

The publisher/app catalog: every identifier with its confidence and sources.

Subcommands:
${subcommands.map((s) => `  ${s.name.padEnd(8)} ${s.summary}`).join('\n')}

Run "mdm-blocklist catalog <subcommand> --help" for its options and an example.

Examples:
  mdm-blocklist catalog search tiktok
  mdm-blocklist catalog show bytedance
  mdm-blocklist catalog coverage --gaps
  mdm-blocklist catalog lint
`;

export const catalogCommand: Command = {
  async run(argv, io) {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      (name === undefined ? io.stderr : io.stdout)(help);
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    const sub = subcommands.find((s) => s.name === name);
    if (!sub) throw new UsageError(`unknown catalog subcommand "${name}" (known: ${subcommands.map((s) => s.name).join(', ')})`);
    let command: Command | undefined;
    try {
      command = await sub.load();
      return await command.run(rest, io);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      return printUsageError(`catalog ${sub.name}`, command, e, io);
    }
  },
};
