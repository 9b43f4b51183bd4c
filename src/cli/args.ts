import type { ParseArgsConfig } from 'node:util';
import type { CompileOptions } from '../compile.js';
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

/** Flags of the commands that build artifacts: signing and CommandUUID salt. */
export const buildOptions = {
  'sign-cert': { type: 'string' },
  'sign-key': { type: 'string' },
  'sign-chain': { type: 'string' },
  'command-uuid-salt': { type: 'string' },
} as const satisfies Options;

/** The environment variable the signing key's passphrase comes from: never a flag, so never in argv or shell history. */
export const PASSPHRASE_ENV = 'MDM_BLOCKLIST_SIGN_PASSPHRASE';

/** The compile options the build flags and the environment ask for. */
export function buildSettings(
  values: { 'sign-cert'?: string; 'sign-key'?: string; 'sign-chain'?: string; 'command-uuid-salt'?: string },
  env: Record<string, string | undefined>,
): Pick<CompileOptions, 'signing' | 'signingPassphrase' | 'commandUuidSalt'> {
  const cert = values['sign-cert'];
  const key = values['sign-key'];
  const chain = values['sign-chain'];
  if ((cert === undefined) !== (key === undefined) || (chain !== undefined && cert === undefined)) {
    throw new UsageError('signing needs both --sign-cert and --sign-key (and --sign-chain only with them)');
  }
  const salt = values['command-uuid-salt'];
  if (salt === '') throw new UsageError('--command-uuid-salt must not be empty');
  const passphrase = env[PASSPHRASE_ENV];
  return {
    ...(cert !== undefined && key !== undefined && { signing: { cert, key, ...(chain !== undefined && { chain }) } }),
    ...(passphrase !== undefined && { signingPassphrase: passphrase }),
    ...(salt !== undefined && { commandUuidSalt: salt }),
  };
}

/** Runs util.parseArgs, turning its complaints into usage errors (exit 2). */
export function asUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^TypeError \[\w+\]: /, ''));
  }
}

export function checkToday(value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UsageError(`--today must be a date as YYYY-MM-DD, not "${value}"`);
  }
  return value;
}
