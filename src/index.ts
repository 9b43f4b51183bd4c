/**
 * mdm-blocklist: compile a YAML blocklist of apps and publishers into MDM artifacts.
 * The library never prints, exits, or reads the clock or randomness; the CLI does those.
 */
export { compile, compileText, type CompileOptions, type CompileResult, type CompileStage, type CompileTextOptions } from './compile.js';
export type { SigningOptions } from './envelope/signing-config.js';
export { writeOutput, type WriteOptions } from './write/write.js';
export { CODES, type DiagnosticCode } from './diagnostics/codes.js';
export { hasErrors, type Diagnostic, type Severity, type SourcePosition } from './diagnostics/diagnostic.js';
export { nodeHost, type FileStat, type Host } from './host.js';
export type { BasePolicyInput } from './load/base-policies.js';
export type { PreviousInput } from './load/previous.js';
export type { Artifact, ArtifactKind } from './targets/artifact.js';
export type { Target } from './targets/target.js';
export type { Manifest, ManifestEntry } from './write/manifest.js';
export { builtinPoliciesDir, defaultPolicyPath } from './paths.js';
export * from './catalog/index.js';
export type * from './plan/types.js';
export { explain, type AppAnswer, type ExplainOptions, type ExplainStatus, type Explanation, type FleetAnswer, type MatchedBy, type PlatformAnswer, type PublisherAnswer } from './explain/explain.js';
export { reasonChain, chainText, type Named, type ReasonChain } from './plan/chain.js';
export { diffOutput, type AppChange, type FileDiff, type OutputDiff, type PlatformDiff } from './diff/diff.js';
export { readOutput, type OutputState } from './diff/read-output.js';
export { reportArtifacts, type ReportInput } from './report/report.js';
export { summarize, type FleetSummary, type PlanSummary, type PlatformSummary } from './targets/summary/plan-summary.js';
