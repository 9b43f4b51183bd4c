// Types of scripts/conformance-facts.mjs, for the tests that import it.
export const FACTS_DIR: string;
export const DEFAULT_SOURCES: string;
export function sourceFiles(dir: string): { apple: string; discovery: string };
export function extractFacts(dir?: string): Record<'apple.json' | 'amapi.json', string>;
