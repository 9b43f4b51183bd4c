/**
 * Limits that keep a hostile file from exhausting time or memory (docs/guarantees.md). The YAML
 * parser needs about 1 KB of memory per value and is slow on millions of them, so the caps are set
 * where a policy at the limit still compiles in seconds, far above any real catalog.
 */
export const LIMITS = {
  /** Bytes per file. */
  maxFileBytes: 2 * 1024 * 1024,
  /**
   * Structural tokens (commas, colons, list dashes, line breaks: about one per value) in the
   * policy and all its includes together, counted before parsing.
   */
  maxTokens: 200_000,
  /** Alias expansions per file: anchors are fine, "billion laughs" is not. */
  maxAliasCount: 100,
  /** Values (keys included) that aliases may add to a file when expanded. */
  maxAliasExpansion: 100_000,
  /** Nesting depth of mappings and sequences, aliases expanded. */
  maxDepth: 64,
};
