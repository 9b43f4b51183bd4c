import type { Provenance } from './types.js';

/** One reason in words: "by publisher rule "x" through a → b", for diagnostics and `catalog show`. */
export function describeProvenance(p: Provenance): string {
  if (p.rule === 'app') return p.via.length ? `by app rule "${p.ruleId}" as its feature "${p.via.at(-1)}"` : `by app rule "${p.ruleId}"`;
  return `by publisher rule "${p.ruleId}"${p.via.length > 1 ? ` through ${p.via.slice(1).join(' → ')}` : ''}`;
}
