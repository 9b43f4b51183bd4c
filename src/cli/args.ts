import type { ParseArgsConfig } from 'node:util';
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
