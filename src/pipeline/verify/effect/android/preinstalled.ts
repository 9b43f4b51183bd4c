import type { AndroidMode } from '../../../../plan/types.js';
import { AMAPI_FACTS } from './facts.js';

/*
 * What a BLOCKED entry does to an app the manufacturer pre-installs as a system app, per ownership
 * mode. Google's text promises two things for BLOCKED: the app "can't be installed", and it is
 * uninstalled "if the app was installed under a previous policy" (facts.ts). A system app sits in
 * the read-only factory image, so it was not installed by a policy and no policy can uninstall it:
 * the model claims the install block and never a removal. Whether Android Device Policy also
 * hides or disables the factory copy is not in Google's documentation, and the model does not
 * claim it. What a device holds before any policy comes from the platform's provisioning, quoted
 * below with its source (third parties and AOSP, not Google's AMAPI pages: marked as such).
 */

export interface SourcedFact {
  quote: string;
  /** Who says it: a URL someone else can open. */
  url: string;
  /** 'amapi' when from Google's discovery document (facts.ts checks those); else who. */
  by: string;
  /** How the report names the source in a line. */
  short: string;
}

export const PREINSTALLED_FACTS = {
  blocked: { quote: AMAPI_FACTS.blocked.quote, url: 'https://developers.google.com/android/management/reference/rest/v1/enterprises.policies#installtype', by: 'amapi', short: 'AMAPI installType' },
  personalBlocked: { quote: AMAPI_FACTS.personalBlocked.quote, url: 'https://developers.google.com/android/management/reference/rest/v1/enterprises.policies#personalapplicationpolicy', by: 'amapi', short: 'AMAPI personal apps' },
  systemApp: { quote: AMAPI_FACTS.systemApp.quote, url: 'https://developers.google.com/android/management/reference/rest/v1/enterprises.devices#applicationsource', by: 'amapi', short: 'AMAPI app source' },
  neverRemoved: {
    quote: 'System apps are never fully removed from a device, as they form part of the read-only system image. Instead, they\'re disabled and hidden from the provisioned user of the device.',
    url: 'https://github.com/jasonbayton/11ty/blob/0670cc86f08a2e74580fa91425daf0ea3c8fffe8/_src/android/what-are-vital-apps.md',
    by: 'Jason Bayton (Android Enterprise consultant), "Understanding system app availability on managed devices"',
    short: 'Bayton',
  },
  provisioningDisables: {
    quote: 'By design, Android Enterprise fully managed devices remove most of the preloaded applications on a device during the provisioning process, and inflated work profiles provide a limited selection of applications by default.',
    url: 'https://github.com/jasonbayton/11ty/blob/0670cc86f08a2e74580fa91425daf0ea3c8fffe8/_src/android/what-are-vital-apps.md',
    by: 'Jason Bayton, same page',
    short: 'Bayton',
  },
  leaveEnabled: {
    quote: 'A Boolean extra that can be used by the mobile device management application to skip the disabling of system apps during provisioning when set to true.',
    url: 'https://developer.android.com/reference/android/app/admin/DevicePolicyManager#EXTRA_PROVISIONING_LEAVE_ALL_SYSTEM_APPS_ENABLED',
    by: 'Android reference, DevicePolicyManager.EXTRA_PROVISIONING_LEAVE_ALL_SYSTEM_APPS_ENABLED',
    short: 'Android reference',
  },
  personalHide: {
    quote: 'Introduced new logic that allows the profile owner of an organization-owned device (COPE PO) to hide/unhide system apps in the personal profile.',
    url: 'https://android.googlesource.com/platform/frameworks/base/+/a552dd65fa28ffecb81db9d3877c4ee54cf2790a',
    by: 'AOSP change a552dd65, "Modify setApplicationHidden and isApplicationHidden APIs"',
    short: 'AOSP',
  },
} as const satisfies Record<string, SourcedFact>;

export type PreinstalledSide = 'device' | 'work profile' | 'personal profile';

/** What happens to a pre-installed app on one side of a device, in words the report prints. */
export interface PreinstalledRow {
  side: PreinstalledSide;
  /** Whether the factory copy is there to start with. */
  present: string;
  /** What the BLOCKED entry does. */
  blocked: string;
  /** Keys of PREINSTALLED_FACTS that say so. */
  facts: (keyof typeof PREINSTALLED_FACTS)[];
}

const NOT_REMOVED = 'Play cannot install or update it; the factory copy stays (no policy can uninstall a system app), and Google does not document whether Android Device Policy hides it.';

/** The rows for one ownership mode: the sides the policy reaches, as the effect model's sides. */
export function preinstalledRows(mode: AndroidMode): PreinstalledRow[] {
  const work: PreinstalledRow = {
    side: mode === 'fully-managed' ? 'device' : 'work profile',
    present:
      mode === 'fully-managed'
        ? 'Disabled at provisioning unless the manufacturer lists it as required, or the enrollment left all system apps enabled.'
        : 'Only in the profile if the manufacturer lists it as required for work profiles.',
    blocked: NOT_REMOVED,
    facts: mode === 'fully-managed' ? ['blocked', 'systemApp', 'neverRemoved', 'provisioningDisables', 'leaveEnabled'] : ['blocked', 'systemApp', 'neverRemoved', 'provisioningDisables'],
  };
  if (mode === 'fully-managed') return [work];
  const personal: PreinstalledRow =
    mode === 'company-owned-work-profile'
      ? {
          side: 'personal profile',
          present: 'Enabled: the personal profile keeps the manufacturer\'s system apps.',
          blocked: 'personalApplications BLOCKED keeps it from being installed; Android 11 lets the work profile hide personal system apps, but Google does not document that AMAPI does so.',
          facts: ['personalBlocked', 'personalHide'],
        }
      : { side: 'personal profile', present: 'Enabled, and out of the policy\'s reach.', blocked: 'Nothing: AMAPI manages no personal apps on a personally owned device.', facts: [] };
  return [work, personal];
}
