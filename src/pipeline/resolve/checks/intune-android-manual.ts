import type { DiagnosticBag } from '../../../common/diagnostics/diagnostic.js';
import type { AndroidMode, FleetPlan } from '../../../plan/types.js';
import type { SourceFile } from '../../load/source-file.js';

/**
 * What an admin does in Intune per ownership mode (docs/intune.md, "Android"). Intune does not take
 * an AMAPI policy; it blocks Android Enterprise apps through app assignments with intent
 * `uninstall` (Graph v1.0 mobileAppAssignment, installIntent), and those name the mobileApp id
 * Intune gives an app once it is approved in the tenant's Managed Google Play: no file the
 * compiler writes can know it. The personal profile's blocklist of a company-owned device
 * (personalProfilePersonalApplications) exists only in Graph beta, not in the v1.0 types.
 * Blocked web domains reach Chrome through an app configuration policy for managed devices whose
 * associated app is Google Chrome, "Block access to a list of URLs" being URLBlocklist (Microsoft,
 * "Configure Google Chrome for Android devices using Intune", MicrosoftDocs/memdocs
 * memdocs/intune/apps/apps-configure-chrome-android.md); its Graph type,
 * androidManagedStoreAppConfiguration, is beta only and names Chrome by the tenant's app id too.
 */
const STEPS: Record<AndroidMode, string> = {
  'fully-managed':
    'add each blocked app as a Managed Google Play app (approving it in your Managed Google Play), then assign it to the fleet\'s groups as Uninstall',
  'company-owned-work-profile':
    'approve each blocked app in Managed Google Play and assign it to the fleet\'s groups as Uninstall (the work profile); for the personal profile, create a Device restrictions profile (Android Enterprise > Fully managed, dedicated, and corporate-owned work profile) with Personal profile > Type of restricted apps list: Blocked apps, and list the package names there',
  'personally-owned-work-profile':
    'approve each blocked app in Managed Google Play and assign it to the fleet\'s groups as Uninstall; this removes it from the work profile only, Intune cannot block apps in the personal profile of a personally owned device',
};

/** INTUNE_ANDROID_MANUAL: an Intune fleet with Android devices gets no Graph body; here is what to do. */
export function checkIntuneAndroidManual(fleet: FleetPlan, root: SourceFile, bag: DiagnosticBag): void {
  if (!fleet.intune || !fleet.android) return;
  const count = fleet.android.blocked.length;
  bag.add(
    'INTUNE_ANDROID_MANUAL',
    `fleet "${fleet.id}": no Intune file is written for its Android devices (${count} blocked package${count === 1 ? '' : 's'}, listed in ${fleet.id}/android/policy.json). In Intune, ${STEPS[fleet.android.settings.mode]}.${webSteps(fleet)} The compiler cannot do this: an Uninstall assignment names the app id Intune gives each app when it is approved in your tenant's Managed Google Play`,
    root.keyPositionOf(['fleets', fleet.id], 'intune'),
  );
}

/** The manual step for the fleet's blocked web domains, when Chrome's configuration carries some. */
function webSteps(fleet: FleetPlan): string {
  if (!fleet.web?.android?.chromeConfiguration) return '';
  const count = fleet.web.blocked.length;
  return ` For its ${count} blocked web domain${count === 1 ? '' : 's'}: approve Google Chrome in Managed Google Play and add an app configuration policy (Managed devices, Android, associated app Google Chrome) whose "Block access to a list of URLs" (URLBlocklist) lists them as Chrome's managedConfiguration in ${fleet.id}/android/policy.json does.`;
}
