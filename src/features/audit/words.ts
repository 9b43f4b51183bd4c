import type { Action, EffectNote, Inaction } from './effect.js';

/** What each action and inaction means, in the words the text output and audit.html use. */
export const ACTION_WORDS: Record<Action, string> = {
  'blocked-from-launch': 'blocked from launch',
  'removed-by-remove-application': 'removed by RemoveApplication',
  'uninstalled-by-amapi-blocked': 'uninstalled by AMAPI installType BLOCKED',
};

export const INACTION_WORDS: Record<Inaction, string> = {
  exception: 'an exception lets it through',
  'no-identifier': "the policy has no identifier for it on this platform, so no artifact names it",
  'low-confidence': 'its identifier is low-confidence and the policy leaves those out',
  'no-fleet': 'the device is in no fleet of the policy',
  unsupervised: 'the fleet is unsupervised and does not remove apps',
  'personal-side': 'a User Enrollment: the profile does not block, and the fleet does not remove apps',
  'not-covered': "none of the fleet's artifacts reaches it",
};

export const NOTE_WORDS: Record<EffectNote, string> = {
  'managed-apps-only': 'RemoveApplication removes managed apps only',
  'amapi-removal-of-user-installed-unconfirmed': 'Google documents removal for apps installed under a previous policy; for user-installed ones it is unconfirmed',
  'not-on-every-os-version': 'not on every OS version of the fleet (--json: effect.byClass)',
};
