import { describeReadProblem, inspect } from '../../common/read-input.js';
import { kindInWords } from '../../common/read-regular.js';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { DiagnosticBag, type Diagnostic, type SourcePosition } from '../../common/diagnostics/diagnostic.js';
import type { Host } from '../../common/host.js';
import { builtinPoliciesDir } from '../../common/paths.js';
import { loadBasePolicies, type BasePolicyInput, type LoadedBase } from './base-policies.js';
import { FileParser, type ParallelOptions, type PlannedFile } from './file-parser.js';
import { newBudget } from './parse-yaml.js';
import { readPrevious, type PreviousInput } from '../../output-folder/previous.js';
import { within } from '../../common/within.js';
import { readSigningMaterial, type SigningMaterial, type SigningOptions } from './signing-material.js';
import type { SourceFile } from './source-file.js';

/** A file the policy reads, in the order it is first included (root first). */
export interface LoadedFile {
  source: SourceFile;
  /** The root policy, or a file it includes (directly or not). */
  role: 'root' | 'include';
}

export interface LoadResult {
  files: LoadedFile[];
  /** Base policies by fleet id: the fleets' basePolicy files, or what the caller gave instead. */
  bases: Map<string, LoadedBase>;
  /** What an earlier compile blocked on Android, by fleet id; only when the caller asked. */
  previous?: Map<string, string[]>;
  /** The signing PEM files as read; only when the caller asked (compile) and the policy signs. */
  signing?: SigningMaterial;
  /** Why a signing file could not be read; resolveStages reports them after the policy's own problems. */
  signingProblems?: Diagnostic[];
}

export interface LoadOptions {
  host: Host;
  /** How file names are shown in diagnostics (default: relative to this directory). */
  displayBase?: string;
  /**
   * Files already parsed, by real path: several policies that include one catalog read it once.
   * Only for callers that report each file's diagnostics once anyway (catalog lint, search, show).
   */
  parsed?: Map<string, SourceFile>;
  /** Base policies by fleet id, overriding the fleets' basePolicy (a path, or the parsed Policy). */
  basePolicies?: Readonly<Record<string, BasePolicyInput>>;
  /** An earlier output folder (or what it blocked) for the removePolicyApplications bodies. */
  previous?: PreviousInput;
  /** The cap on values in the policy and its includes together (default LIMITS.maxTokens). */
  maxValues?: number;
  /**
   * Read the signing material: `'policy'` the files apple.signing names, or these files instead.
   * Only compile asks; a question about a policy never reads the key.
   */
  signing?: 'policy' | SigningOptions;
  /** When to parse big included files in worker threads (tests set a low threshold). */
  parallel?: ParallelOptions;
}

const BUILTIN = 'builtin:';

/**
 * Reads the root policy and every file it includes, depth-first in include order. Includes are
 * relative to the including file and confined to the root's folder tree (or, for `builtin:`
 * paths, to the shipped policies folder); cycles are refused, a file included twice loads once.
 */
export async function load(entry: string, options: LoadOptions, bag: DiagnosticBag): Promise<LoadResult> {
  const { host } = options;
  const display = (abs: string) => {
    const base = options.displayBase ?? process.cwd();
    const rel = relative(base, abs);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
  };
  const files: LoadedFile[] = [];
  const loaded = new Set<string>();
  const parser = new FileParser(host, newBudget(options.maxValues), bag, options.parallel);
  try {
    const entryAbs = resolve(entry);
    const rootReal = await realpathOrReport(host, entryAbs, display(entryAbs), bag);
    if (!rootReal) return { files, bases: new Map() };
    const rootDir = dirname(rootReal);
    const builtinReal = await host.realpath(builtinPoliciesDir).catch(() => builtinPoliciesDir);
    const ctx: IncludeContext = { host, rootDir, builtinReal, display };

    const visit = async (real: string, shown: string, role: LoadedFile['role'], stack: string[]): Promise<void> => {
      loaded.add(real);
      const source = options.parsed?.get(real) ?? (await readAndParse(real, shown));
      if (!source) return;
      files.push({ source, role });
      const includes = (source.data as { include?: unknown } | null)?.include;
      if (!Array.isArray(includes)) return;
      // Every include is resolved before the first is loaded, so that big files can be parsed
      // ahead; each one's diagnostics still go to the bag at its turn.
      const resolved: { at: SourcePosition; target?: ResolvedInclude; diagnostics: DiagnosticBag }[] = [];
      for (const [i, spec] of includes.entries()) {
        if (typeof spec !== 'string') continue; // the schema reports it
        const at = source.positionOf(['include', i]);
        const diagnostics = new DiagnosticBag();
        resolved.push({ at, diagnostics, target: await resolveInclude(spec, real, at, ctx, diagnostics) });
      }
      const ahead = resolved.flatMap(({ target }) =>
        target && !loaded.has(target.real) && !stack.includes(target.real) && target.real !== real && !options.parsed?.has(target.real) && !within(builtinReal, target.real) ? [target] : [],
      );
      await parser.plan(ahead);
      for (const { at, target, diagnostics } of resolved) {
        bag.items.push(...diagnostics.items);
        if (!target) continue;
        if (stack.includes(target.real) || target.real === real) {
          const chain = [...stack, real, target.real].map((p) => display(p)).join(' → ');
          bag.add('INCLUDE_CYCLE', `include cycle: ${chain}`, at);
          continue;
        }
        if (loaded.has(target.real)) continue;
        await visit(target.real, target.shown, 'include', [...stack, real]);
      }
    };

    const readAndParse = async (real: string, shown: string): Promise<SourceFile | undefined> => {
      const source = await parser.parse(real, shown);
      if (source) options.parsed?.set(real, source);
      return source;
    };

    await visit(rootReal, display(entryAbs), 'root', []);
    const root = files.find((f) => f.role === 'root')?.source;
    const bases = root ? await loadBasePolicies(root, options.basePolicies, { host, display, rootDir }, bag) : new Map<string, LoadedBase>();
    const previous =
      options.previous === undefined
        ? undefined
        : typeof options.previous === 'string'
          ? await readPrevious(options.previous, host, display, bag)
          : new Map(Object.entries(options.previous).map(([fleet, names]) => [fleet, [...names]]));
    // Problems with the signing files are kept apart: they must not hide the policy's own.
    const signingBag = new DiagnosticBag();
    const signing = root && options.signing ? await readSigningMaterial(root, options.signing === 'policy' ? undefined : options.signing, { host, rootDir, display }, signingBag) : undefined;
    return { files, bases, ...(previous && { previous }), ...(signing && { signing }), signingProblems: signingBag.items };
  } finally {
    await parser.close();
  }
}

/** An included file: where it really is, how diagnostics name it, and its size in bytes. */
type ResolvedInclude = PlannedFile;

interface IncludeContext {
  host: Host;
  rootDir: string;
  builtinReal: string;
  display: (abs: string) => string;
}

async function resolveInclude(
  spec: string,
  fromFile: string,
  at: SourcePosition,
  ctx: IncludeContext,
  bag: DiagnosticBag,
): Promise<ResolvedInclude | undefined> {
  const builtin = spec.startsWith(BUILTIN);
  const rel = builtin ? spec.slice(BUILTIN.length) : spec;
  if (isAbsolute(rel) || /^[A-Za-z]:[\\/]/.test(rel)) {
    bag.add('INCLUDE_ABSOLUTE', `include "${spec}" is an absolute path; write it relative to ${ctx.display(fromFile)}`, at);
    return undefined;
  }
  if (!/\.ya?ml$/i.test(rel)) {
    bag.add('INCLUDE_NOT_YAML', `include "${spec}" is not a .yaml or .yml file`, at);
    return undefined;
  }
  // Files of the shipped catalog include each other inside its tree; the policy's own, inside its.
  const confine = builtin || within(ctx.builtinReal, fromFile) ? ctx.builtinReal : ctx.rootDir;
  const abs = builtin ? resolve(ctx.builtinReal, rel) : resolve(dirname(fromFile), rel);
  if (!within(confine, abs)) {
    bag.add('INCLUDE_OUTSIDE_ROOT', `include "${spec}" leaves the policy's folder (${ctx.display(confine)})`, at);
    return undefined;
  }
  const stat = await inspect(ctx.host, abs);
  if ('problem' in stat) {
    if (stat.problem === 'missing') bag.add('FILE_NOT_FOUND', `included file "${spec}" does not exist (looked for ${ctx.display(abs)})`, at);
    else bag.add('FILE_UNREADABLE', `included file "${spec}" ${describeReadProblem(stat)}`, at);
    return undefined;
  }
  if (stat.kind !== 'file') {
    bag.add('INCLUDE_NOT_FILE', `include "${spec}" is ${kindInWords(stat.kind)}, not a YAML file`, at);
    return undefined;
  }
  const real = await ctx.host.realpath(abs);
  if (!within(confine, real)) {
    bag.add('INCLUDE_OUTSIDE_ROOT', `include "${spec}" is a link that points outside the policy's folder (${ctx.display(confine)})`, at);
    return undefined;
  }
  return { real, shown: ctx.display(abs), size: stat.size };
}


async function realpathOrReport(host: Host, abs: string, shown: string, bag: DiagnosticBag): Promise<string | undefined> {
  const stat = await inspect(host, abs);
  if ('problem' in stat) {
    if (stat.problem === 'missing') bag.add('FILE_NOT_FOUND', `policy file ${shown} does not exist`, { file: shown });
    else bag.add('FILE_UNREADABLE', `policy file ${shown} ${describeReadProblem(stat)}`, { file: shown });
    return undefined;
  }
  if (stat.kind !== 'file') {
    bag.add('FILE_UNREADABLE', `${shown} is ${kindInWords(stat.kind)}, not a policy file`, { file: shown });
    return undefined;
  }
  try {
    return await host.realpath(abs);
  } catch (e) {
    bag.add('FILE_UNREADABLE', `cannot read ${shown} (${(e as NodeJS.ErrnoException).code ?? 'read error'})`, { file: shown });
    return undefined;
  }
}
