import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { DiagnosticBag, sortDiagnostics, type Diagnostic } from '../common/diagnostics/diagnostic.js';
import { envelope } from './sign/envelope.js';
import { signingFiles, type SigningOptions } from './sign/signing-config.js';
import { loadSigningIdentity } from './sign/signing-identity.js';
import { nodeHost, type Host } from '../common/host.js';
import { builtinPoliciesDir } from '../common/paths.js';
import type { Plan } from '../plan/types.js';
import { reportArtifacts } from './report/report.js';
import { resolveStages, type ResolvePolicyOptions, type ResolveStage } from './resolve-policy.js';
import type { Artifact } from './targets/artifact.js';
import { targets as allTargets } from './targets/index.js';
import type { Target } from './targets/target.js';
import { verifyArtifacts } from './verify/verify.js';
import { manifestArtifact } from './write/manifest.js';

export interface CompileOptions extends Omit<ResolvePolicyOptions, 'parsed' | 'onProgress'> {
  /** Which targets to run (default: all). */
  targets?: readonly Target[];
  /** Write report.html and report.md (default: true). */
  report?: boolean;
  /** Told as each stage starts, so a caller can show progress; the library itself prints nothing. */
  onProgress?: (stage: CompileStage) => void;
  /**
   * Sign every configuration profile with these PEM files (relative to the working directory);
   * overrides apple.signing in the policy. Checking the certificate's dates needs `today`.
   */
  signing?: SigningOptions;
  /** The signing key's passphrase. The CLI reads it from MDM_BLOCKLIST_SIGN_PASSPHRASE, never argv. */
  signingPassphrase?: string;
}

export type CompileStage = ResolveStage | 'targets' | 'verify' | 'report';

export interface CompileResult {
  /** Absent when the policy could not be read or resolved. */
  plan?: Plan;
  /** Every artifact including manifest.json; empty when there are errors. */
  artifacts: Artifact[];
  diagnostics: Diagnostic[];
  /** True when no diagnostic is an error. */
  ok: boolean;
}

/**
 * resolvePolicy's stages, then targets → sign → verify → report, without writing anything.
 * Signing material is read only here, after the policy resolved without errors.
 */
export async function compile(entry: string, options: CompileOptions = {}): Promise<CompileResult> {
  const bag = new DiagnosticBag();
  const done = (plan?: Plan, artifacts: Artifact[] = []): CompileResult => {
    const ok = !bag.hasErrors;
    return { ...(plan && { plan }), artifacts: ok ? artifacts : [], diagnostics: sortDiagnostics(bag.items), ok };
  };
  const progress = options.onProgress ?? (() => {});
  const { loaded, plan } = await resolveStages(entry, options, bag, progress);
  if (!plan || bag.hasErrors) return done(plan);

  // Signing material is checked before any artifact is built, so a bad key stops everything.
  const root = loaded.files.find((f) => f.role === 'root')!.source;
  const signWith = signingFiles(root, options.signing, options.signingPassphrase);
  const identity = signWith && (await loadSigningIdentity(signWith, options.host ?? nodeHost, options.today, bag));
  if (bag.hasErrors) return done(plan);

  progress('targets');
  const built = (options.targets ?? allTargets).flatMap((t) => t.build(plan, bag));
  const artifacts = [...built, ...(await envelope(plan, built, identity || undefined))];
  progress('verify');
  verifyArtifacts(artifacts, bag);
  if (bag.hasErrors) return done(plan);

  const written = [...artifacts];
  if (options.report !== false) {
    progress('report');
    // The root as named and as its real path: a policy folder reached through a symlink has both.
    const display = resolve(options.displayBase ?? process.cwd());
    const sourceLabel = policyRelativeLabel(display, [dirname(root.absPath), dirname(resolve(entry))]);
    written.push(...reportArtifacts({ plan, diagnostics: sortDiagnostics([...bag.items]), artifacts, sourceLabel }));
  }
  return done(plan, [...written, manifestArtifact(plan, written)]);
}

/**
 * Names a source file relative to the root policy's folder (shipped files as `builtin:…`), so the
 * report reads the same whichever folder the compile ran from. Diagnostics name files relative to
 * the display base; this maps them back.
 */
function policyRelativeLabel(displayBase: string, policyDirs: readonly string[]): (file: string) => string {
  const inside = (dir: string, abs: string) => {
    const rel = relative(dir, abs);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : undefined;
  };
  return (file) => {
    const abs = resolve(displayBase, file);
    const builtin = inside(builtinPoliciesDir, abs);
    if (builtin !== undefined) return `builtin:${builtin}`;
    for (const dir of policyDirs) {
      const rel = inside(dir, abs);
      if (rel !== undefined) return rel;
    }
    return file;
  };
}

export interface CompileTextOptions extends CompileOptions {
  /** The name diagnostics give the text (default: policy.yaml). */
  filename?: string;
  /** Where includes in the text are resolved from (default: the working directory). */
  baseDir?: string;
}

/** Compiles YAML held in memory; includes, if any, are read through the host from baseDir. */
export async function compileText(text: string, options: CompileTextOptions = {}): Promise<CompileResult> {
  const base = resolve(options.baseDir ?? process.cwd());
  const virtual = resolve(base, options.filename ?? 'policy.yaml');
  const bytes = new TextEncoder().encode(text);
  const inner = options.host ?? nodeHost;
  const host: Host = {
    readFile: (p) => (p === virtual ? Promise.resolve(bytes) : inner.readFile(p)),
    stat: (p) => (p === virtual ? Promise.resolve({ kind: 'file', size: bytes.byteLength }) : inner.stat(p)),
    realpath: (p) => (p === virtual ? Promise.resolve(virtual) : inner.realpath(p)),
  };
  return compile(virtual, { ...options, host, displayBase: options.displayBase ?? base });
}
