import { dirname, resolve } from 'node:path';
import type { SourceFile } from '../load/source-file.js';
import type { PolicyDoc } from '../../plan/document.js';
import type { SigningFile, SigningFiles } from './signing-identity.js';

/** Signing as the library API and the CLI give it: paths to PEM files, never their contents. */
export interface SigningOptions {
  /** The signing certificate; more certificates after it in the same file are embedded as the chain. */
  cert: string;
  key: string;
  /** Intermediate certificates to embed. */
  chain?: string;
}

/**
 * Which files sign the profiles: the caller's (relative to the working directory), else the
 * policy's apple.signing (relative to the policy file), else none: unsigned is the default.
 */
export function signingFiles(root: SourceFile, options: SigningOptions | undefined, passphrase: string | undefined): SigningFiles | undefined {
  const fromYaml = (root.data as PolicyDoc).apple?.signing;
  const pick = (name: keyof SigningOptions): SigningFile | undefined => {
    if (options) {
      const given = options[name];
      return given === undefined ? undefined : { path: resolve(given), shown: given };
    }
    const given = fromYaml?.[name];
    return given === undefined ? undefined : { path: resolve(dirname(root.absPath), given), shown: given, at: root.positionOf(['apple', 'signing', name]) };
  };
  if (!options && !fromYaml) return undefined;
  const chain = pick('chain');
  return { cert: pick('cert')!, key: pick('key')!, ...(chain && { chain }), ...(passphrase !== undefined && { passphrase }) };
}
