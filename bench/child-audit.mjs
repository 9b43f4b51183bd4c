// One measured audit in a fresh process: the shipped default policy resolved (timed apart), then
// audit() over the inventory files, with peak RSS. Usage: node bench/child-audit.mjs <policy.yaml> <inventory files or folder>...
import { performance } from 'node:perf_hooks';
import { audit, resolvePolicy } from '../dist/index.js';

const [policy, ...paths] = process.argv.slice(2);
const start = performance.now();
const resolved = await resolvePolicy(policy, { today: '2026-11-28' });
if (!resolved.plan) throw new Error(`the policy did not resolve: ${resolved.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('; ')}`);
const resolvedAt = performance.now();
const cpuStart = cpuMs();
const result = await audit(resolved.plan, paths.map((p) => ({ path: p, label: p })));
const end = performance.now();
const errors = result.diagnostics.filter((d) => d.severity === 'error');
if (errors.length) throw new Error(`audit reported errors: ${errors.slice(0, 3).map((d) => `${d.file}:${d.line}:${d.col} ${d.code} ${d.message}`).join('; ')}`);

process.stdout.write(
  JSON.stringify({
    ms: end - resolvedAt,
    resolveMs: resolvedAt - start,
    cpuMs: cpuMs() - cpuStart,
    maxRssKb: process.resourceUsage().maxRSS,
    devices: result.devices,
    apps: result.apps,
    findings: result.findings.length,
  }) + '\n',
);

function cpuMs() {
  const { userCPUTime, systemCPUTime } = process.resourceUsage();
  return (userCPUTime + systemCPUTime) / 1000;
}
