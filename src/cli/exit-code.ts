import type { Diagnostic } from '../common/diagnostics/diagnostic.js';
import { EXIT } from './io.js';

const IO_CODES = new Set(['OUTPUT_LOCKED', 'OUTPUT_CONFLICT', 'OUTPUT_IO', 'PREVIOUS_OUTPUT_INVALID']);

/**
 * 0 ok, 1 the policy has errors, 2 usage or I/O. A policy file that cannot be read at all is
 * I/O (no position to point at); an include the policy names that is missing is a policy error.
 * Signing material named on the command line is usage; named in the policy, a policy error.
 */
export function exitCodeFor(diagnostics: readonly Diagnostic[]): number {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return EXIT.ok;
  const io = errors.some(
    (d) => IO_CODES.has(d.code) || ((d.code === 'FILE_NOT_FOUND' || d.code === 'FILE_UNREADABLE' || d.code.startsWith('SIGN_')) && d.line === undefined),
  );
  return io ? EXIT.usage : EXIT.policyErrors;
}
