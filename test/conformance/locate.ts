// Finds the official schemas (../shared/conformance next to the repo). They are read at
// test time and never copied into the project, so their absence must skip, not fail.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function find(): string | undefined {
  const fromEnv = process.env['MDM_BLOCKLIST_CONFORMANCE'];
  const dir = fromEnv ? path.resolve(fromEnv) : path.resolve(repoRoot, '../shared/conformance');
  // Both halves must be there; a half-copied folder would fail confusingly later.
  const complete =
    existsSync(path.join(dir, 'apple', 'mdm', 'profiles', 'TopLevel.yaml')) &&
    existsSync(path.join(dir, 'android', 'androidmanagement-v1.json'));
  return complete ? dir : undefined;
}

export const conformanceDir: string | undefined = find();

export const skipReason = `${
  process.env['MDM_BLOCKLIST_CONFORMANCE'] ?? '../shared/conformance'
} not found: conformance tests skipped (set MDM_BLOCKLIST_CONFORMANCE)`;

let warned = false;
/** Call from a test file; prints the skip reason once per process instead of once per suite. */
export function warnIfSkipped(): void {
  if (conformanceDir || warned) return;
  warned = true;
  console.warn(skipReason);
}
