import { describeReadProblem, inspect } from '../../common/read-input.js';
import { kindInWords } from '../../common/read-regular.js';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { DiagnosticBag, SourcePosition } from '../../common/diagnostics/diagnostic.js';
import type { Host } from '../../common/host.js';
import { JsonSource, parseJson } from './json-source.js';
import { decodeUtf8OrReport, readFileOrReport } from './read-file.js';
import type { SourceFile } from './source-file.js';
import { within } from '../../common/within.js';

/** What a caller may give for a fleet's base: a path to the JSON, or the parsed Policy itself. */
export type BasePolicyInput = string | Readonly<Record<string, unknown>>;

/** An existing AMAPI Policy read for one fleet. */
export interface LoadedBase {
  fleet: string;
  source: JsonSource;
  /** Absolute path of the file, absent when the caller gave the object. */
  absPath?: string;
}

interface BaseContext {
  host: Host;
  display: (abs: string) => string;
  /** The root policy's folder: a `basePolicy` the YAML names must lie inside it, as includes do. */
  rootDir: string;
}

/**
 * Reads each Android fleet's base policy: the file its `basePolicy` names (relative to the root
 * policy), unless the caller overrides that fleet. Runs before schema validation, so it reads
 * the root defensively and leaves malformed settings to the schema's diagnostics.
 */
export async function loadBasePolicies(
  root: SourceFile,
  overrides: Readonly<Record<string, BasePolicyInput>> | undefined,
  ctx: BaseContext,
  bag: DiagnosticBag,
): Promise<Map<string, LoadedBase>> {
  const bases = new Map<string, LoadedBase>();
  const named = new Map<string, { path: string; at?: SourcePosition; confined?: boolean }>();
  const fleets = (root.data as { fleets?: unknown } | null)?.fleets;
  if (fleets && typeof fleets === 'object' && !Array.isArray(fleets)) {
    for (const [id, fleet] of Object.entries(fleets as Record<string, unknown>)) {
      const spec = (fleet as { android?: { basePolicy?: unknown } } | null)?.android?.basePolicy;
      if (typeof spec !== 'string' || spec === '') continue;
      const at = root.positionOf(['fleets', id, 'android', 'basePolicy']);
      // A policy may come from a pull request nobody read closely: like an include, the file
      // it names stays inside its folder, so it cannot pull another file's contents into the
      // output. A --base-policy given by whoever runs the compiler is theirs to choose.
      if (isAbsolute(spec) || /^[A-Za-z]:[\\/]/.test(spec)) {
        bag.add('INCLUDE_ABSOLUTE', `basePolicy "${spec}" is an absolute path; write it relative to ${ctx.display(root.absPath)}`, at);
        continue;
      }
      const path = resolve(dirname(root.absPath), spec);
      if (!within(ctx.rootDir, path)) {
        bag.add('INCLUDE_OUTSIDE_ROOT', `basePolicy "${spec}" leaves the policy's folder (${ctx.display(ctx.rootDir)})`, at);
        continue;
      }
      named.set(id, { path, at, confined: true });
    }
  }
  for (const [id, input] of Object.entries(overrides ?? {})) {
    if (typeof input === 'string') named.set(id, { path: resolve(input) });
    else {
      named.delete(id);
      bases.set(id, { fleet: id, source: JsonSource.fromValue(`base policy of fleet "${id}"`, input) });
    }
  }
  for (const [fleet, { path, at, confined }] of [...named.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const source = await readBase(path, at, confined === true, ctx, bag);
    if (source) bases.set(fleet, { fleet, source, absPath: path });
  }
  return bases;
}

async function readBase(abs: string, at: SourcePosition | undefined, confined: boolean, ctx: BaseContext, bag: DiagnosticBag): Promise<JsonSource | undefined> {
  const shown = ctx.display(abs);
  const stat = await inspect(ctx.host, abs);
  if ('problem' in stat || stat.kind !== 'file') {
    const why = 'problem' in stat ? describeReadProblem(stat) : `is ${kindInWords(stat.kind)}, not a JSON file`;
    bag.add('problem' in stat && stat.problem === 'missing' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', `base policy ${shown} ${why}`, at ?? { file: shown });
    return undefined;
  }
  if (confined && !within(ctx.rootDir, await ctx.host.realpath(abs))) {
    bag.add('INCLUDE_OUTSIDE_ROOT', `base policy ${shown} is a link that points outside the policy's folder (${ctx.display(ctx.rootDir)})`, at);
    return undefined;
  }
  const bytes = await readFileOrReport(ctx.host, abs, shown, bag, at);
  const text = bytes && decodeUtf8OrReport(bytes, shown, bag);
  return text === undefined ? undefined : parseJson(text, shown, bag);
}
