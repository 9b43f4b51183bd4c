/**
 * mdm-blocklist: compile a YAML blocklist of apps and publishers into MDM artifacts.
 * The library never prints, exits, or reads the clock or randomness; the CLI does those.
 */
export { compile, compileText, type CompileOptions, type CompileResult, type CompileStage, type CompileTextOptions } from './pipeline/compile.js';
export { resolvePolicy, type ResolvedPolicy, type ResolvePolicyOptions, type ResolveStage } from './pipeline/resolve-policy.js';
export type { SigningOptions } from './pipeline/load/signing-material.js';
export { writeOutput, type WriteOptions } from './pipeline/write/write.js';
export { CODES, type DiagnosticCode } from './common/diagnostics/codes.js';
export { hasErrors, type Diagnostic, type Severity, type SourcePosition } from './common/diagnostics/diagnostic.js';
export { nodeHost, type FileStat, type Host } from './common/host.js';
export type { BasePolicyInput } from './pipeline/load/base-policies.js';
export type { PreviousInput } from './output-folder/previous.js';
export type { Artifact, ArtifactKind } from './pipeline/targets/artifact.js';
export type { Target } from './pipeline/targets/target.js';
export type { Manifest, ManifestEntry } from './output-folder/manifest.js';
export { builtinPoliciesDir, defaultPolicyPath } from './common/paths.js';
export * from './features/catalog/index.js';
export type * from './plan/types.js';
export { explain, type AppAnswer, type DomainAnswer, type DomainFleetAnswer, type ExplainOptions, type ExplainStatus, type Explanation, type FleetAnswer, type MatchedBy, type PlatformAnswer, type PublisherAnswer } from './features/explain/explain.js';
export { reasonChain, chainText, type Named, type ReasonChain } from './plan/chain.js';
export { diffOutput, type AppChange, type FileDiff, type OutputDiff, type PlatformDiff } from './features/diff/diff.js';
export { readOutput, type OutputState } from './output-folder/read-output.js';
export { reportArtifacts, type ReportInput } from './pipeline/report/report.js';
export { summarize, type FleetSummary, type PlanSummary, type PlatformSummary } from './output-folder/plan-json.js';
export { audit, type AuditOptions, type AuditResult, type Finding, type InventoryInput } from './features/audit/audit.js';
export type { Action, Effect, EffectNote, Inaction } from './features/audit/effect.js';
export { removeCommands, type RemoveCommands } from './features/audit/remove-commands.js';
