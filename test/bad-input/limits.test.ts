// The caps of src/pipeline/load/parse-yaml.ts LIMITS hold in memory, not only in verdict: a hostile file
// is refused by a process that stays small, and a policy just under the caps still compiles.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/pipeline/load/parse-yaml.js';
import { repoRoot, runMain } from '../helpers/cli.js';
import { GOOD_POLICY } from './cases.js';

const dir = mkdtempSync(join(tmpdir(), 'mdm-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Compiles `text` in a fresh Node process; its diagnostic codes and peak resident memory (MB). */
function compileInChild(name: string, text: string): { codes: string[]; peakMb: number } {
  const file = join(dir, name);
  writeFileSync(file, text);
  const script = `
    const { compile } = await import(${JSON.stringify(join(repoRoot, 'dist/index.js'))});
    const result = await compile(${JSON.stringify(file)}, { today: '2026-11-28' });
    const codes = [...new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))];
    process.stdout.write(JSON.stringify({ codes, peakMb: process.resourceUsage().maxRSS / 1024 }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { codes: string[]; peakMb: number };
}

// Node itself with the compiler loaded takes some 60–90 MB; a billion laughs expanded would take
// gigabytes. 200 MB leaves room for the runtime and none for an expansion.
const MEMORY_BOUND_MB = 200;

describe('caps bound memory', () => {
  it('a billion laughs (10^9 strings if expanded) is refused with YAML_ALIAS_LIMIT in bounded memory', () => {
    const levels = Array.from({ length: 9 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`);
    const bomb = `${GOOD_POLICY}l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${levels.join('\n')}\n`;
    const { codes, peakMb } = compileInChild('bomb.yaml', bomb);
    expect(codes).toEqual(['YAML_ALIAS_LIMIT']);
    expect(peakMb).toBeLessThan(MEMORY_BOUND_MB);
  });

  it('a file of values just over the value cap is refused before parsing, in bounded memory', () => {
    const flat = `${GOOD_POLICY}x: [${'0,'.repeat(LIMITS.maxTokens)}0]\n`;
    expect(Buffer.byteLength(flat)).toBeLessThan(LIMITS.maxFileBytes);
    const { codes, peakMb } = compileInChild('flat.yaml', flat);
    expect(codes).toEqual(['FILE_TOO_LARGE']);
    expect(peakMb).toBeLessThan(MEMORY_BOUND_MB);
  });

  it('a policy of 3,000 apps (far more than any real list, well under the value cap) compiles', () => {
    // 2,999 here and TikTok in GOOD_POLICY: AMAPI's cap of 3,000 per policy, exactly.
    const apps = Array.from({ length: 2999 }, (_, i) => `    - { id: app${i}, name: App ${i}, ios: { bundleId: com.example.app${i} }, android: { package: com.example.app${i} } }`);
    const policy = GOOD_POLICY.replace(/block:\n {2}apps:\n/, `block:\n  apps:\n${apps.join('\n')}\n`);
    const { codes } = compileInChild('large.yaml', policy);
    expect(codes).toEqual([]);
  });
});

describe('--max-values raises the cap from the command line', () => {
  // A policy over the default cap only by its line breaks: cheap to parse once allowed.
  const padded = `${GOOD_POLICY}${'\n'.repeat(LIMITS.maxTokens)}`;
  const file = join(dir, 'padded.yaml');
  writeFileSync(file, padded);

  it('refuses the policy by default and compiles it with a higher cap', async () => {
    const refused = await runMain(['validate', file, '--json', '--today', '2026-11-28']);
    expect(refused.code).toBe(1);
    expect((JSON.parse(refused.stdout) as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code)).toContain('FILE_TOO_LARGE');
    const allowed = await runMain(['validate', file, '--json', '--today', '2026-11-28', '--max-values', String(LIMITS.maxTokens * 2)]);
    expect(allowed.code, allowed.stderr).toBe(0);
  });

  it.each(['0', '-5', '1e6', 'many', '99999999999'])('takes only a positive whole number, not %s (exit 2)', async (value) => {
    const r = await runMain(['compile', file, '--max-values', value]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--max-values');
  });
});
