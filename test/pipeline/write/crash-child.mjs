// Writes artifacts into a folder and kills itself with SIGKILL just before step N: a compile
// that dies at that exact point, leaving whatever it left. argv: outDir artifacts.json N
import { readFileSync } from 'node:fs';
import { writeOutput } from '../../../dist/pipeline/write/write.js';
import { steppedFs } from './step-fs.mjs';

const [outDir, artifactsFile, killAt] = process.argv.slice(2);
const artifacts = JSON.parse(readFileSync(artifactsFile, 'utf8')).map((a) => ({ ...a, bytes: Buffer.from(a.bytes, 'base64') }));
const { fs } = steppedFs((step) => {
  if (step === Number(killAt)) process.kill(process.pid, 'SIGKILL');
});
const diagnostics = await writeOutput(outDir, artifacts, { fs });
process.stdout.write(JSON.stringify(diagnostics));
