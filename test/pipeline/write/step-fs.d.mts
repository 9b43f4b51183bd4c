import type { WriteFs } from '../../../src/pipeline/write/write-fs.js';

/** Called before each step with its number (from 1), the operation and the path it touches. */
export type BeforeStep = (step: number, operation: string, path: string) => void | Promise<void>;

export function steppedFs(before: BeforeStep): { fs: WriteFs; steps: () => number };
