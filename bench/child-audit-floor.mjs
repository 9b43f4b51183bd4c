// The audit's floor in a fresh process: read each inventory file and JSON.parse it, one after
// another, as any tool must, and nothing else (no policy, no matching).
// Usage: node bench/child-audit-floor.mjs <file>...
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

const files = process.argv.slice(2);
const utf8 = new TextDecoder('utf-8', { fatal: true });
const cpuStart = cpuMs();
const start = performance.now();
let devices = 0;
for (const file of files) {
  const value = JSON.parse(utf8.decode(await readFile(file)));
  devices += value.devices.length;
}
const end = performance.now();
process.stdout.write(JSON.stringify({ ms: end - start, cpuMs: cpuMs() - cpuStart, maxRssKb: process.resourceUsage().maxRSS, devices }) + '\n');

function cpuMs() {
  const { userCPUTime, systemCPUTime } = process.resourceUsage();
  return (userCPUTime + systemCPUTime) / 1000;
}
