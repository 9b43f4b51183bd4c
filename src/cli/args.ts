import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CompileOptions } from '../pipeline/compile.js';
import { UsageError } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every command takes. */
export const commonOptions = {
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
  today: { type: 'string' },
} as const satisfies Options;

/**
 * The value cap, for every command that reads a policy: the default (200,000 values, about
 * 5,000 catalog apps with their sources) keeps a hostile file from exhausting memory; a real big
 * catalog raises it.
 */
export const limitOptions = {
  'max-values': { type: 'string' },
} as const satisfies Options;

/** The help lines for --max-values, descriptions starting at `column` as in the command's help. */
export function limitHelp(column = 19): string {
  const pad = ' '.repeat(column);
  return `${'  --max-values N'.padEnd(column)}let a policy and its includes hold up to N values (default 200000,
${pad}about 5,000 catalog apps with sources; each value needs about 400 bytes)
`;
}

/** --max-values as a compile option. */
export function limitSettings(values: { 'max-values'?: string }): { maxValues?: number } {
  const raw = values['max-values'];
  if (raw === undefined) return {};
  if (!/^[1-9]\d{0,9}$/.test(raw)) throw new UsageError(`--max-values takes a whole number of values, such as 5000000, not "${raw}"`);
  return { maxValues: Number(raw) };
}

/** The signing flags: compile signs with them, validate and plan check them as compile would. */
export const signingOptions = {
  'sign-cert': { type: 'string' },
  'sign-key': { type: 'string' },
  'sign-chain': { type: 'string' },
} as const satisfies Options;

/** Flags of the commands that build artifacts: signing and CommandUUID salt. */
export const buildOptions = {
  ...signingOptions,
  'command-uuid-salt': { type: 'string' },
} as const satisfies Options;

/** The environment variable the signing key's passphrase comes from: never a flag, so never in argv or shell history. */
export const PASSPHRASE_ENV = 'MDM_BLOCKLIST_SIGN_PASSPHRASE';

/** The compile options the build flags and the environment ask for. */
export function buildSettings(
  values: { 'sign-cert'?: string; 'sign-key'?: string; 'sign-chain'?: string; 'command-uuid-salt'?: string },
  io: { env: Record<string, string | undefined>; cwd: string },
): Pick<CompileOptions, 'signing' | 'signingPassphrase' | 'commandUuidSalt'> {
  const path = (p: string | undefined) => (p === undefined ? undefined : resolve(io.cwd, p));
  const cert = path(values['sign-cert']);
  const key = path(values['sign-key']);
  const chain = path(values['sign-chain']);
  if ((cert === undefined) !== (key === undefined) || (chain !== undefined && cert === undefined)) {
    throw new UsageError('signing needs both --sign-cert and --sign-key (and --sign-chain only with them)');
  }
  const salt = values['command-uuid-salt'];
  if (salt === '') throw new UsageError('--command-uuid-salt must not be empty');
  const passphrase = io.env[PASSPHRASE_ENV];
  return {
    ...(cert !== undefined && key !== undefined && { signing: { cert, key, ...(chain !== undefined && { chain }) } }),
    ...(passphrase !== undefined && { signingPassphrase: passphrase }),
    ...(salt !== undefined && { commandUuidSalt: salt }),
  };
}

/** The Android overlay flag, taken by every command that builds a policy's artifacts. */
export const basePolicyOptions = {
  'base-policy': { type: 'string', multiple: true },
} as const satisfies Options;

/** --previous: for the commands whose output (written or planned) includes removal bodies. */
export const androidOptions = {
  ...basePolicyOptions,
  previous: { type: 'string' },
} as const satisfies Options;

export const basePolicyHelp = `  --base-policy FLEET=FILE
                   lay fleet FLEET's blocklist onto this AMAPI Policy JSON (overrides the
                   fleet's basePolicy; repeat for several fleets)
`;

/** `does`: what the command does with the removal bodies ("also write", "also plan"). */
export const previousHelp = (does: string) => `  --previous DIR   an earlier output folder: ${does} removePolicyApplications bodies for
                   apps it blocked that this compile no longer does
`;

/** `--base-policy fleet=path` pairs to a map of absolute paths by fleet id. */
export function basePolicyOption(values: readonly string[] | undefined, cwd: string): Record<string, string> | undefined {
  if (!values?.length) return undefined;
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0 || eq === v.length - 1) throw new UsageError(`--base-policy takes FLEET=FILE (for example field=base/field.json), not "${v}"`);
    const fleet = v.slice(0, eq);
    if (fleet in out) throw new UsageError(`--base-policy names fleet "${fleet}" twice`);
    out[fleet] = resolve(cwd, v.slice(eq + 1));
  }
  return out;
}

/** The compile options --base-policy and --previous give, paths resolved from the working directory. */
export function androidCompileOptions(values: { 'base-policy'?: string[] | undefined; previous?: string | undefined }, cwd: string): { basePolicies?: Record<string, string>; previous?: string } {
  const basePolicies = basePolicyOption(values['base-policy'], cwd);
  return { ...(basePolicies && { basePolicies }), ...(values.previous !== undefined && { previous: resolve(cwd, values.previous) }) };
}

/** Runs util.parseArgs, turning its complaints into usage errors (exit 2). */
export function asUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^TypeError \[\w+\]: /, ''));
  }
}

type CommandLine = { args: string[]; options: Options; allowPositionals: true; strict: true };

/**
 * util.parseArgs, with our own words for a mistyped command line: Node's own ("Unknown option
 * '--x'. To specify a positional argument starting with a '-', place it at the end of the
 * command after '--', as in '-- "--x"") names its parser, not the admin's mistake. The line is
 * read once loosely to find the mistake, then strictly.
 */
export function parseCommandLine<T extends CommandLine>(config: T): ReturnType<typeof parseArgs<T>> {
  const { tokens = [] } = parseArgs({ args: config.args, options: config.options as Options, allowPositionals: true, strict: false, tokens: true });
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const spec = config.options[t.name];
    if (!spec) throw new UsageError(`unknown option ${t.rawName}${closest(t.name, Object.keys(config.options))}`);
    if (spec.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.startsWith('-')))) {
      throw new UsageError(`${t.rawName} needs a value${t.value === undefined ? '' : ` (for one that starts with "-", write ${t.rawName}=${t.value})`}`);
    }
    if (spec.type === 'boolean' && t.inlineValue) throw new UsageError(`${t.rawName} takes no value`);
  }
  return asUsage(() => parseArgs(config));
}

/** ", did you mean --out?" when one known option is a near miss (a typo, a missing letter). */
function closest(name: string, known: readonly string[]): string {
  const near = known.filter((k) => k.startsWith(name) || name.startsWith(k) || editDistance(k, name) <= 2);
  return near.length === 1 ? `; did you mean --${near[0]}?` : '';
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[b.length]!;
}

export function checkToday(value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  if (!isCalendarDay(value)) {
    throw new UsageError(`--today must be a day of the calendar as YYYY-MM-DD, not "${value}"`);
  }
  return value;
}

/**
 * YYYY-MM-DD naming a day that exists. Date.parse alone takes 2026-02-30 (as March 2nd), so the
 * day is parsed and printed back: a day that does not exist comes back as another.
 */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}
