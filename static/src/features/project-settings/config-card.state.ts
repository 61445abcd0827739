/**
 * What the cards saved into the project's settings share. Each card (the main settings, the support
 * defaults, the postmortem action items) is its own form with its own reducer over the saved-form
 * skeleton (`shared/editor-state.ts`), all reading one `config/getProject` and saving the whole
 * config with its version. When one card saves, the others hear `stored`: they take the new version
 * and keep their own unsaved edits on top of it. Pure; the hook only performs the calls.
 */
import type { ProjectConfigView } from '@contract/project-config.contract';

import { type SavedFormAction, type SavedFormRules, type SavedFormState, canEditNow, readyForm, reduceSavedForm } from '../../shared/editor-state';
import type { ScreenState } from '../../shared/screen-state';
import { settingsFieldOf } from './settings-form';

export const SETTINGS_COPY = {
  loading: 'Loading Firebreak settings…',
  readOnly: 'Only project admins can change these settings.',
  conflict: 'Someone else saved these settings while you were editing. Loading their version to put your changes on top…',
  /** What was saved, in the sentence shown once their version is back. */
  subject: 'these settings',
  saved: 'Settings saved',
  supportSaved: 'Support defaults saved',
  improvementsSaved: 'Improvements backlog saved',
  wipLimitsSaved: 'WIP limits saved',
  onCallSaved: 'On-call rotation saved',
  capacityTeamSaved: 'Capacity team saved',
} as const;

export type ConfigCard<Draft> = SavedFormState<ProjectConfigView, Draft>;
export type ConfigCardState<Draft> = ScreenState<ConfigCard<Draft>>;
export type ConfigCardAction<Draft> =
  | SavedFormAction<ProjectConfigView, Draft>
  /** Another card on the page saved: this is the version now stored. */
  | { readonly type: 'stored'; readonly view: ProjectConfigView };

export interface ConfigCardRules<Draft> extends SavedFormRules<ProjectConfigView, Draft> {
  /** This card's unsaved draft on settings another card just saved. */
  readonly rebase: (draft: Draft, view: ProjectConfigView) => Draft;
}

export const initialCardState: ConfigCardState<never> = { status: 'loading' };

export const canEditCard = (state: ConfigCard<unknown>): boolean => canEditNow(state);

/** Whether the card's draft differs from what is stored (its save bar says so). */
export const isCardDirty = <Draft>(rules: Pick<ConfigCardRules<Draft>, 'draftOf'>, state: ConfigCard<Draft>): boolean =>
  JSON.stringify(state.draft) !== JSON.stringify(rules.draftOf(state.view));

/** The backend's error paths this card shows: keys under `prefix`, or (no prefix) every key no other card claims. */
export function cardFieldOf(prefix: string | null): (path: string | undefined) => string | undefined {
  const claimed = ['supportCriteria.', 'improvements.', 'wipLimits.', 'onCall.', 'capacityTeam.', /* disputes (issue 16 part 4) */ 'disputeAuthority.'];
  return (path) => {
    const field = settingsFieldOf(path);
    if (field === undefined) return undefined;
    const mine = prefix === null ? !claimed.some((other) => field.startsWith(other)) : field.startsWith(prefix);
    return mine ? field : undefined;
  };
}

export function reduceConfigCard<Draft>(rules: ConfigCardRules<Draft>, state: ConfigCardState<Draft>, action: ConfigCardAction<Draft>): ConfigCardState<Draft> {
  if (action.type !== 'stored') return reduceSavedForm(rules, state, action);
  if (state.status !== 'ready') return state;
  const next = readyForm(action.view, rules.draftOf(action.view));
  return isCardDirty(rules, state) ? { ...next, draft: rules.rebase(state.draft, action.view) } : next;
}
