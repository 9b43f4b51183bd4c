// One measured compile in a fresh process: library compile + writeOutput, per-stage times (from
// compile's onProgress) and peak RSS, printed as one JSON line. Usage: node bench/child-compile.mjs <policy.yaml> <out-dir>
import { performance } from 'node:perf_hooks';
import { compile, writeOutput } from '../dist/index.js';

const [policy, outDir] = process.argv.slice(2);
// Stage times from the library's progress calls: each stage lasts until the next one starts.
const stages = {};
let current;
let since;
const mark = (stage) => {
  const now = performance.now();
  if (current) stages[current] = (stages[current] ?? 0) + (now - since);
  current = stage;
  since = now;
};

const cpuStart = cpuMs();
const start = performance.now();
// The default cap on values (200,000) is far below a 100,000-app catalog's 3.8 million.
const result = await compile(policy, { today: '2026-01-01', displayBase: process.cwd(), onProgress: mark, maxValues: 10_000_000 });
mark('write');
const written = result.ok ? await writeOutput(outDir, result.artifacts) : [];
mark(undefined);
const end = performance.now();
const cpu = cpuMs() - cpuStart;

const errors = [...result.diagnostics, ...written].filter((d) => d.severity === 'error');
process.stdout.write(
  JSON.stringify({
    ms: end - start,
    stages,
    maxRssKb: process.resourceUsage().maxRSS,
    cpuMs: cpu,
    files: result.artifacts.length,
    fleets: result.plan?.fleets.length ?? 0,
    blocked: result.plan?.fleets.map((f) => ({ ios: f.ios?.blocked.length ?? 0, macos: f.macos?.blocked.length ?? 0, android: f.android?.blocked.length ?? 0 })) ?? [],
    errors: errors.slice(0, 5).map((d) => `${d.file ?? ''}:${d.line ?? ''}:${d.col ?? ''} ${d.code} ${d.message}`),
  }) + '\n',
);

/** User and system CPU time of this process so far, in ms: steadier than wall time on a busy machine. */
function cpuMs() {
  const { userCPUTime, systemCPUTime } = process.resourceUsage();
  return (userCPUTime + systemCPUTime) / 1000;
}
