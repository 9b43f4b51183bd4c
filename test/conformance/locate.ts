// The official schemas the committed facts (facts/*.json) are extracted from:
// ../shared/conformance beside the repository, or MDM_BLOCKLIST_CONFORMANCE. The checkers never
// read them; only facts.test.ts does, to catch drift between the facts and their sources.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SOURCES, sourceFiles } from '../../scripts/conformance-facts.mjs';

function find(): string | undefined {
  const fromEnv = process.env['MDM_BLOCKLIST_CONFORMANCE'];
  const dir = fromEnv ? path.resolve(fromEnv) : DEFAULT_SOURCES;
  // Both halves must be there; a half-copied folder would fail confusingly later.
  const { apple, discovery } = sourceFiles(dir);
  return existsSync(path.join(apple, 'mdm', 'profiles', 'TopLevel.yaml')) && existsSync(discovery) ? dir : undefined;
}

/** The sources folder, when this machine has it (CI does; a clone of the project alone does not). */
export const conformanceSources: string | undefined = find();
