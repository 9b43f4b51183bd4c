import type { Target } from '../target.js';
import { mdmCommand } from './mdm-command.js';

/**
 * One RemoveApplication command per blocked iOS app, for fleets with removeApps
 * (mdm/commands/application.remove.yaml: Identifier is the bundle ID). It removes managed apps,
 * and on supervised devices from iOS 26 unmanaged ones too; it fails for apps DDM manages.
 */
export const removeApplicationCommands: Target = {
  id: 'remove-application-commands',
  build(plan) {
    return plan.fleets.flatMap((fleet) => {
      const ios = fleet.ios;
      if (!ios?.enforcement.removeApplication) return [];
      return ios.blocked.map((b) =>
        mdmCommand({
          policy: plan.policy.id,
          fleet: fleet.id,
          platform: 'ios',
          requestType: 'RemoveApplication',
          content: b.identifier,
          ...(plan.options.commandUuidSalt !== undefined && { salt: plan.options.commandUuidSalt }),
          request: { Identifier: b.identifier },
          path: `${fleet.id}/ios/commands/remove-${b.identifier}.plist`,
        }),
      );
    });
  },
};
