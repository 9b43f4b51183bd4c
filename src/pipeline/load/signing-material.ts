import { dirname, resolve } from 'node:path';
import type { DiagnosticBag, SourcePosition } from '../../common/diagnostics/diagnostic.js';
import type { Host } from '../../common/host.js';
import type { SigningDoc } from '../../plan/document.js';
import { readRegularFile } from './read-file.js';
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
export async function readSigningMaterial(root: SourceFile, options: SigningOptions | undefined, host: Host, bag: DiagnosticBag): Promise<SigningMaterial | undefined> {
  const files = signingFiles(root, options);
  if (!files) return undefined;
  const read = async (file: SigningFile, what: string) => {
    const got = await readRegularFile(host, file.path, MAX_PEM_BYTES);
    if ('bytes' in got) return { file, text: new TextDecoder().decode(got.bytes) };
    const message =
      got.problem === 'too-large'
        ? `the signing ${what} ${file.shown} is ${got.size} bytes, not a PEM file (at most ${MAX_PEM_BYTES})`
        : got.problem === 'not-a-file'
          ? `the signing ${what} ${file.shown} is a ${got.kind}, not a file`
          : `cannot read the signing ${what} ${file.shown} (${got.code})`;
    bag.add('SIGN_FILE_UNREADABLE', message, file.at ?? { file: file.shown });
    return undefined;
  };
  const cert = await read(files.cert, 'certificate');
  const key = await read(files.key, 'key');
  const chain = files.chain ? await read(files.chain, 'chain') : undefined;
  if (!cert || !key || (files.chain && !chain)) return undefined;
  return { cert, key, ...(chain && { chain }) };
}
