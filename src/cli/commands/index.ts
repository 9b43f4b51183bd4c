import type { CommandEntry } from './command.js';

/** Each command's module is imported only when that command runs: a fast start for each. */
export const commands: readonly CommandEntry[] = [
  { name: 'compile', summary: 'compile a policy into ./out (default: the shipped Clean Network policy)', load: async () => (await import('./compile.js')).compileCommand },
  { name: 'catalog', summary: 'search, show and lint the publisher/app catalog', load: async () => (await import('./catalog.js')).catalogCommand },
  { name: 'validate', summary: 'check a policy and report problems; write nothing', load: async () => (await import('./validate.js')).validateCommand },
  { name: 'plan', summary: 'what compiling would change in ./out: apps newly blocked or unblocked, files', load: async () => (await import('./plan.js')).planCommand },
  { name: 'audit', summary: 'which flagged apps are installed on devices, from MDM inventories, and what will act', load: async () => (await import('./audit.js')).auditCommand },
  { name: 'explain', summary: 'is an app or publisher blocked, in which fleets, and why', load: async () => (await import('./explain.js')).explainCommand },
];
