import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/index.js';
import { TODAY } from '../helpers/compile.js';
import { conformanceProblems } from './artifact-checks.js';

const repo = resolve(import.meta.dirname, '../..');

/** Every policy the project ships or shows: shipped policies, examples, golden cases. */
function inputs(): string[] {
  const list: string[] = [];
  for (const f of readdirSync(join(repo, 'policies'))) if (f.endsWith('.yaml')) list.push(join('policies', f));
  for (const d of readdirSync(join(repo, 'examples'), { withFileTypes: true })) {
    if (d.isDirectory() && readdirSync(join(repo, 'examples', d.name)).includes('policy.yaml')) list.push(join('examples', d.name, 'policy.yaml'));
  }
  const golden = join(repo, 'test', 'golden');
  for (const t of readdirSync(golden, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const c of readdirSync(join(golden, t.name))) {
      if (readdirSync(join(golden, t.name, c)).includes('policy.yaml')) list.push(join('test', 'golden', t.name, c, 'policy.yaml'));
    }
  }
  return list.sort();
}

describe('conformance: every artifact against the official schemas', () => {
  it.each(inputs())('%s', async (input) => {
    const result = await compile(join(repo, input), { today: TODAY, displayBase: repo });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.artifacts.length).toBeGreaterThan(1);
    expect(conformanceProblems(result.artifacts, result.plan!)).toEqual([]);
  });
});
