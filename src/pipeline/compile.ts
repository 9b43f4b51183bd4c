import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { DiagnosticBag, sortDiagnostics, type Diagnostic } from '../common/diagnostics/diagnostic.js';
import { nodeHost, type Host } from '../common/host.js';
import type { SigningOptions } from './load/signing-material.js';
import { prepareSigner } from './sign/signer.js';
import { buildArtifacts } from './build-artifacts.js';
import { builtinPoliciesDir } from '../common/paths.js';
import type { Plan } from '../plan/types.js';
import { reportArtifacts } from './report/report.js';
import { resolveStages, type ResolvePolicyOptions, type ResolveStage } from './resolve-policy.js';
import type { Artifact } from './targets/artifact.js';
import type { Target } from './targets/target.js';
import { checkEffect } from './verify/effect/check.js';
import { EFFECT_MODELS } from './verify/effect/models.js';
import { WEB_MODELS } from './verify/effect/web/models.js';
import type { FleetEffect } from './verify/effect/types.js';
import { verifyArtifacts } from './verify/verify.js';
import { manifestArtifact } from '../output-folder/manifest.js';

export interface CompileOptions extends Omit<ResolvePolicyOptions, 'parsed' | 'onProgress'> {
  /** Which targets to run (default: all; with a subset the effect check does not run). */
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
  /**
   * Nothing will be written (validate, plan, compile --check): an encrypted signing key without a
   * passphrase is noted (SIGN_KEY_NOT_CHECKED) instead of refused, and the signed artifacts are
   * previews (Artifact.preview) that compare by what was signed and by whom. writeOutput refuses them.
   */
  preview?: boolean;
}

export type CompileStage = ResolveStage | 'targets' | 'sign' | 'verify' | 'report';

export interface CompileResult {
  /** Absent when the policy could not be read or resolved. */
  plan?: Plan;
  /** Every artifact including manifest.json; empty when there are errors. */
  artifacts: Artifact[];
  diagnostics: Diagnostic[];
  /** What each fleet's artifacts do on each device class it declares (absent when the check did not run). */
  effects?: FleetEffect[];
  /** True when no diagnostic is an error. */
  ok: boolean;
}

/**
 * resolvePolicy's stages, then targets → sign → verify → report, without writing anything.
 * Load reads the signing PEM files; sign parses and decrypts them, before any artifact is built,
 * so a bad key stops everything.
 */
export async function compile(entry: string, options: CompileOptions = {}): Promise<CompileResult> {
  const bag = new DiagnosticBag();
  const progress = options.onProgress ?? (() => {});
  const { loaded, plan } = await resolveStages(entry, options, bag, progress, options.signing ?? 'policy');
  if (!plan || bag.hasErrors) return result(bag, plan);
  const signerOptions = { ...(options.signingPassphrase !== undefined && { passphrase: options.signingPassphrase }), ...(options.today !== undefined && { today: options.today }), preview: options.preview === true };
  const signer = loaded.signing && prepareSigner(loaded.signing, signerOptions, bag);
  if (bag.hasErrors) return result(bag, plan);

  progress('targets');
  const artifacts = await buildArtifacts(plan, bag, { ...(options.targets && { targets: options.targets }), ...(signer && { signer }), onSign: () => progress('sign') });
  progress('verify');
  verifyArtifacts(artifacts, bag);
  // The effect needs every artifact a device receives: with a subset of targets it is not checked.
  const effects = options.targets === undefined ? checkEffect(plan, artifacts, EFFECT_MODELS, bag, WEB_MODELS) : undefined;
  if (bag.hasErrors) return result(bag, plan, [], effects);

  const written = [...artifacts];
  if (options.report !== false) {
    progress('report');
    // The root as named and as its real path: a policy folder reached through a symlink has both.
    const root = loaded.files.find((f) => f.role === 'root')!.source;
    const display = resolve(options.displayBase ?? process.cwd());
    const sourceLabel = policyRelativeLabel(display, [dirname(root.absPath), dirname(resolve(entry))]);
    // The report tells about the policy; whether this run had the signing key is not part of it.
    const diagnostics = sortDiagnostics(bag.items.filter((d) => d.code !== 'SIGN_KEY_NOT_CHECKED'));
    written.push(...reportArtifacts({ plan, diagnostics, artifacts, sourceLabel, ...(effects && { effects }) }));
  }
  return result(bag, plan, [...written, manifestArtifact(plan, written)], effects);
}

function result(bag: DiagnosticBag, plan: Plan | undefined, artifacts: Artifact[] = [], effects?: FleetEffect[]): CompileResult {
  const ok = !bag.hasErrors;
  return { ...(plan && { plan }), artifacts: ok ? artifacts : [], diagnostics: sortDiagnostics(bag.items), ...(effects && { effects }), ok };
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
