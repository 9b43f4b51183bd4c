import type { CommandEntry } from './command.js';

/** Each command's module is imported only when that command runs: a fast start for each. */
export const commands: readonly CommandEntry[] = [
  { name: 'compile', summary: 'compile a policy into ./out (default: the shipped Clean Network policy)', load: async () => (await import('./compile.js')).compileCommand },
  { name: 'catalog', summary: 'search, show and lint the publisher/app catalog', load: async () => (await import('./catalog.js')).catalogCommand },
  { name: 'validate', summary: 'check a policy and report problems; write nothing', load: async () => (await import('./validate.js')).validateCommand },
];
