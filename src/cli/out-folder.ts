import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { nodeHost, type Host } from '../common/host.js';
import { UsageError } from './io.js';

/**
 * A host that notes every file the compile reads, so the output folder can be checked against
 * them: an output folder holding the policy, an include or a signing file would swap those
 * inputs out (they would become "carried" files of the new output) and mix output with input.
 */
export function recordingHost(reads: Set<string>, inner: Host = nodeHost): Host {
  return {
    ...inner,
    readFile: (path) => {
      reads.add(path);
      return inner.readFile(path);
    },
  };
}

/** A path's real path, for a path whose last parts may not exist yet (an output folder to be made). */
export function realPathOf(path: string): string {
  const missing: string[] = [];
  let at = resolve(path);
  for (;;) {
    try {
      return join(realpathSync.native(at), ...missing.reverse());
    } catch {
      if (dirname(at) === at) return resolve(path);
      missing.push(basename(at));
      at = dirname(at);
    }
  }
}

const isWithin = (inner: string, outer: string) => {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * Refuses an output folder that holds an input, or lies inside one (a policy path that is a
 * folder), as a usage error. `except` is a folder whose files may be read from inside the output
 * folder: --previous may name the output folder itself, read in full before anything is written.
 */
export function checkOutNotInput(outDir: string, outAbs: string, inputs: Iterable<string>, cwd: string, except?: string): void {
  const out = realPathOf(outAbs);
  const allowed = except === undefined ? undefined : realPathOf(except);
  for (const input of inputs) {
    const real = realPathOf(input);
    if (allowed !== undefined && isWithin(real, allowed)) continue;
    if (isWithin(real, out)) {
      throw new UsageError(`--out ${outDir} holds ${relative(cwd, input) || input}, which the policy reads; write the output to a folder of its own, such as --out out`);
    }
    if (isWithin(out, real)) throw new UsageError(`--out ${outDir} is inside ${relative(cwd, input) || input}, which the policy reads; write the output to a folder of its own`);
  }
}
