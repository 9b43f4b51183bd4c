import type { DiagnosticBag } from '../common/diagnostics/diagnostic.js';
import type { Plan } from '../plan/types.js';
import { installableProfiles, signProfiles } from './sign/sign.js';
import type { Signer } from './sign/signer.js';
import type { Artifact } from './targets/artifact.js';
import { installProfileCommands } from './targets/apple/install-profile-commands.js';
import { targets as allTargets } from './targets/index.js';
import { withReadTargets, type Target } from './targets/target.js';

export interface BuildOptions {
  /** Which targets to run (default: all), each preceded by the targets it reads. */
  targets?: readonly Target[];
  /** Sign every configuration profile; without one there are no signed copies. */
  signer?: Signer;
  /** Told when the sign stage starts (only when there is a signer). */
  onSign?: () => void;
}

/**
 * What a compile ships before its report and manifest, built in one place so that everything that
 * models a policy's artifacts (compile's effect check, audit's "what will act") reads the same
 * files: every target's artifacts, each target given the ones built before it (Intune's macOS body
 * carries the Santa profile's bytes); then the sign stage's copies; then the InstallProfile
 * commands, which carry the signed profiles when there are.
 */
export async function buildArtifacts(plan: Plan, bag: DiagnosticBag, options: BuildOptions = {}): Promise<Artifact[]> {
  const built: Artifact[] = [];
  // Each target gets the list itself, not a copy: copying it per target is quadratic in artifacts.
  for (const target of withReadTargets(options.targets ?? allTargets, allTargets)) built.push(...target.build(plan, bag, built));
  const profiles = installableProfiles(built);
  if (options.signer) options.onSign?.();
  const copies = options.signer ? await signProfiles(profiles, options.signer) : new Map<string, Artifact>();
  return [...built, ...copies.values(), ...installProfileCommands(plan, profiles, copies)];
}
