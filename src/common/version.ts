import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { packageRoot } from './paths.js';

export function packageVersion(): string {
  return (JSON.parse(readFileSync(resolve(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
}
