import { sha256 } from '../../common/sha256.js';
import type { Artifact } from '../targets/artifact.js';
import type { Signer } from './signer.js';

/** `<fleet>/<platform>/<name>.mobileconfig` → `<fleet>/<platform>/signed/<name>.mobileconfig`. */
export function signedPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return `${path.slice(0, slash)}/signed/${path.slice(slash + 1)}`;
}

/** The configuration profiles a fleet installs (iOS and macOS), the ones sign wraps. */
export function installableProfiles(artifacts: readonly Artifact[]): Artifact[] {
  return artifacts.filter((a) => a.kind === 'apple-profile' && a.fleet !== undefined && (a.platform === 'ios' || a.platform === 'macos'));
}

/**
 * A signed copy of each configuration profile (`<fleet>/<platform>/signed/<name>.mobileconfig`;
 * the unsigned one stays: Fleet signs for itself, Jamf wants it signed), keyed by the unsigned
 * profile's path. Each copy carries what was signed and by whom (Artifact.signed). Without the
 * key (a preview) the copy holds the unsigned bytes and says so: it is never written.
 */
export async function signProfiles(artifacts: readonly Artifact[], signer: Signer): Promise<Map<string, Artifact>> {
  // pkijs and asn1js are large: loaded only when something is signed (issue #8, fast start).
  const cms = signer.key ? await import('./cms-signed-data.js') : undefined;
  const copies = new Map<string, Artifact>();
  for (const profile of installableProfiles(artifacts)) {
    const bytes = cms && signer.key ? await cms.signedData(profile.bytes, signer, signer.key) : undefined;
    copies.set(profile.path, {
      path: signedPath(profile.path),
      bytes: bytes ?? profile.bytes,
      kind: 'apple-profile-signed',
      fleet: profile.fleet!,
      platform: profile.platform!,
      data: profile.data,
      signed: { content: sha256(profile.bytes), signer: signer.fingerprint },
      ...(!bytes && { preview: true as const }),
    });
  }
  return copies;
}
