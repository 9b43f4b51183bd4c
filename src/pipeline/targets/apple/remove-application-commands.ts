import type { Target } from '../target.js';
import { mdmCommand } from './mdm-command.js';

/**
 * One RemoveApplication command per blocked app, for iOS and macOS fleets with removeApps
 * (mdm/commands/application.remove.yaml: Identifier is the bundle ID; iOS 5+, macOS 11+). It
 * removes managed apps, and on supervised iOS devices from iOS 26 unmanaged ones too; it fails
 * for apps DDM manages.
 */
export const removeApplicationCommands: Target = {
  id: 'remove-application-commands',
  build(plan) {
    return plan.fleets.flatMap((fleet) =>
      (['ios', 'macos'] as const).flatMap((platform) => {
        const p = fleet[platform];
        if (!p?.enforcement.removeApplication) return [];
        return p.blocked.map((b) =>
          mdmCommand({
            policy: plan.policy.id,
            fleet: fleet.id,
            platform,
            requestType: 'RemoveApplication',
            content: b.identifier,
            ...(plan.options.commandUuidSalt !== undefined && { salt: plan.options.commandUuidSalt }),
            request: { Identifier: b.identifier },
            path: `${fleet.id}/${platform}/commands/remove-${b.identifier}.plist`,
          }),
        );
      }),
    );
  },
};
