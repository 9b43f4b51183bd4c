import { dirname, isAbsolute, resolve } from 'node:path';
import { within } from '../../common/within.js';
import type { DiagnosticBag, SourcePosition } from '../../common/diagnostics/diagnostic.js';
import type { Host } from '../../common/host.js';
import type { SigningDoc } from '../../plan/document.js';
import { describeReadProblem, readInput } from '../../common/read-input.js';
import type { SourceFile } from './source-file.js';

/** Signing as the library API and the CLI give it: paths to PEM files, never their contents. */
export interface SigningOptions {
  /** The signing certificate; more certificates after it in the same file are embedded as the chain. */
  cert: string;
  key: string;
  /** Intermediate certificates to embed. */
  chain?: string;
}

/** A signing file: where it is (absolute), how diagnostics name it, and where the policy named it. */
export interface SigningFile {
  path: string;
  shown: string;
  /** The YAML value that named the file, when the policy did. */
  at?: SourcePosition;
}

/** The PEM files as read, not yet parsed: the sign stage parses and decrypts them, only to sign. */
export interface SigningMaterial {
  cert: { file: SigningFile; text: string };
  key: { file: SigningFile; text: string };
  chain?: { file: SigningFile; text: string };
}

/** PEM certificates, keys and chains are a few kilobytes; anything far larger is the wrong file. */
export const MAX_PEM_BYTES = 1024 * 1024;

/**
 * Which files sign the profiles: the caller's (relative to the working directory), else the
 * policy's apple.signing (relative to the policy file), else none: unsigned is the default.
 */
export function signingFiles(root: SourceFile, options: SigningOptions | undefined): { cert: SigningFile; key: SigningFile; chain?: SigningFile } | undefined {
  const fromYaml = (root.data as { apple?: { signing?: Partial<SigningDoc> } } | null)?.apple?.signing;
  if (!options && (typeof fromYaml !== 'object' || fromYaml === null)) return undefined;
  const pick = (name: keyof SigningOptions): SigningFile | undefined => {
    if (options) {
      const given = options[name];
      return given === undefined ? undefined : { path: resolve(given), shown: given };
    }
    const given = fromYaml?.[name];
    return !isPemPath(given) ? undefined : { path: resolve(dirname(root.absPath), given), shown: given, at: root.positionOf(['apple', 'signing', name]) };
  };
  const cert = pick('cert');
  const key = pick('key');
  const chain = pick('chain');
  // The schema reports a signing block without cert or key; nothing to read until it is whole.
  return cert && key ? { cert, key, ...(chain && { chain }) } : undefined;
}

/**
 * The schema's pemPath (schemas/blocklist.schema.json): one line, not PEM text. Load runs before
 * validation, so it reads only what the schema will accept: key material pasted where a path
 * belongs must never reach a file name in a diagnostic.
 */
function isPemPath(v: unknown): v is string {
  return typeof v === 'string' && v.length >= 1 && v.length <= 1024 && /^(?!-----BEGIN)[^\n\r]+$/.test(v);
}

/**
 * Reads the signing certificate, key and chain, each a regular file of at most MAX_PEM_BYTES,
 * through the host. Messages name the files, never what they contain.
 */
export async function readSigningMaterial(root: SourceFile, options: SigningOptions | undefined, ctx: SigningContext, bag: DiagnosticBag): Promise<SigningMaterial | undefined> {
  const { host } = ctx;
  const files = signingFiles(root, options);
  if (!files) return undefined;
  const read = async (file: SigningFile, what: string) => {
    if (file.at && !(await confined(file, what, ctx, bag))) return undefined;
    const got = await readInput(host, file.path, MAX_PEM_BYTES);
    if ('bytes' in got) return { file, text: new TextDecoder().decode(got.bytes) };
    const why = got.problem === 'too-large' ? `is ${got.size} bytes, not a PEM file (at most ${MAX_PEM_BYTES})` : describeReadProblem(got);
    bag.add('SIGN_FILE_UNREADABLE', `the signing ${what} ${file.shown} ${why}`, file.at ?? { file: file.shown });
    return undefined;
  };
  const cert = await read(files.cert, 'certificate');
  const key = await read(files.key, 'key');
  const chain = files.chain ? await read(files.chain, 'chain') : undefined;
  if (!cert || !key || (files.chain && !chain)) return undefined;
  return { cert, key, ...(chain && { chain }) };
}

/** What reading signing files needs: the host, and the policy's folder that confines the policy's own paths. */
export interface SigningContext {
  host: Host;
  /** The root policy's real folder: apple.signing paths stay inside it, as includes and basePolicy do. */
  rootDir: string;
  display: (abs: string) => string;
}

/**
 * apple.signing in a policy names files relative to the policy, inside its folder tree: a policy
 * from a pull request must not make the compiler read (and sign with) a key from elsewhere on the
 * machine. Paths given by whoever runs the compiler (--sign-cert, the library's `signing`) are free.
 */
async function confined(file: SigningFile, what: string, ctx: SigningContext, bag: DiagnosticBag): Promise<boolean> {
  const at = file.at!;
  if (isAbsolute(file.shown) || /^[A-Za-z]:[\\/]/.test(file.shown)) {
    bag.add('INCLUDE_ABSOLUTE', `the signing ${what} "${file.shown}" is an absolute path; write it relative to the policy's folder (${ctx.display(ctx.rootDir)}), or give it with --sign-cert/--sign-key`, at);
    return false;
  }
  if (!within(ctx.rootDir, file.path)) {
    bag.add('INCLUDE_OUTSIDE_ROOT', `the signing ${what} "${file.shown}" leaves the policy's folder (${ctx.display(ctx.rootDir)}); give it with --sign-cert/--sign-key instead`, at);
    return false;
  }
  const real = await ctx.host.realpath(file.path).catch(() => undefined);
  if (real !== undefined && !within(ctx.rootDir, real)) {
    bag.add('INCLUDE_OUTSIDE_ROOT', `the signing ${what} "${file.shown}" is a link that points outside the policy's folder (${ctx.display(ctx.rootDir)})`, at);
    return false;
  }
  return true;
}
