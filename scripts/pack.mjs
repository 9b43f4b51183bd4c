// `npm pack` / `npm publish`: the package must carry no install-time script. `prepare` builds a
// clone on `npm install`; in a package it would only make npm warn (install-scripts) on every
// install, though the package ships dist/ built. So `prepack` takes it out of package.json and
// `postpack` puts the file back byte for byte (the way pinst handles postinstall). npm then runs
// no `prepare` while packing: `npm pack` packs dist/ as built (the package test packs while other
// tests read dist/), and `npm publish` builds first (prepublishOnly).
//   node scripts/pack.mjs strip | restore
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const manifest = fileURLToPath(new URL('../package.json', import.meta.url));
const saved = fileURLToPath(new URL('../package.json.prepack', import.meta.url));
const step = process.argv[2];

if (step === 'strip') {
  if (existsSync(saved)) throw new Error('package.json.prepack exists: a previous pack did not finish; restore it first (node scripts/pack.mjs restore)');
  const text = readFileSync(manifest, 'utf8');
  writeFileSync(saved, text);
  const pkg = JSON.parse(text);
  delete pkg.scripts.prepare;
  // Written beside and renamed over: anything reading package.json meanwhile sees a whole file.
  writeFileSync(`${manifest}.tmp`, `${JSON.stringify(pkg, null, 2)}\n`);
  renameSync(`${manifest}.tmp`, manifest);
} else if (step === 'restore') {
  if (existsSync(saved)) renameSync(saved, manifest);
} else {
  throw new Error('usage: node scripts/pack.mjs strip | restore');
}
