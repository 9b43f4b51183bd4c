import { sha256 } from '../../../common/sha256.js';
import type { Plan } from '../../../plan/types.js';
import type { Artifact } from '../artifact.js';
import { mdmCommand } from './mdm-command.js';

/**
 * For each configuration profile, an InstallProfile command whose Payload is the profile's bytes,
 * the signed copy's when there is one (`<fleet>/<platform>/commands/install-<name>.plist`,
 * mdm/commands/profile.install.yaml). Runs after sign, which made `signedCopies` (keyed by the
 * unsigned profile's path).
 *
 * The CommandUUID comes from what was signed (the unsigned profile) and, when signed, the signer
 * certificate's fingerprint, never from the signature: an ECDSA signature differs on every run,
 * and a CommandUUID that changed with it made every compile look like a new command.
 */
export function installProfileCommands(plan: Plan, profiles: readonly Artifact[], signedCopies: ReadonlyMap<string, Artifact>): Artifact[] {
  return profiles.map((profile) => {
    const copy = signedCopies.get(profile.path);
    const slash = profile.path.lastIndexOf('/');
    const name = profile.path.slice(slash + 1).replace(/\.mobileconfig$/, '');
    const content = copy?.signed ? `${sha256(profile.bytes)} signed by ${copy.signed.signer}` : sha256(profile.bytes);
    const build = (payload: Uint8Array) =>
      mdmCommand({
        policy: plan.policy.id,
        fleet: profile.fleet!,
        platform: profile.platform as 'ios' | 'macos',
        requestType: 'InstallProfile',
        content,
        ...(plan.options.commandUuidSalt !== undefined && { salt: plan.options.commandUuidSalt }),
        request: { Payload: Buffer.from(payload) },
        path: `${profile.path.slice(0, slash)}/commands/install-${name}.plist`,
      });
    if (!copy?.signed) return build(profile.bytes);
    // What the command is, signature aside: the same command around the unsigned profile.
    const signed = { content: sha256(build(profile.bytes).bytes), signer: copy.signed.signer };
    return { ...build(copy.bytes), signed, ...(copy.preview && { preview: true as const }) };
  });
}
