/**
 * The severity policy editor's state machine, shared by the site's policy page and a project's own
 * policy on the project settings page: the saved-form skeleton (`shared/editor-state.ts`) over a
 * policy draft. Each page brings its own words for a conflict. Pure; the hooks only perform the calls.
 */
import type { PolicyView } from '@contract/policy.contract';

import { type SavedFormAction, type SavedFormRules, type SavedFormState, canEditNow, reduceSavedForm } from '../editor-state';
import type { ScreenState } from '../screen-state';
import { type PolicyDraft, draftOf, policyFieldOf } from './policy-form';
import { mergePolicyDrafts } from './policy-merge';

/**
 * `fieldErrors` are keyed by the path under `policy` the error names (`levels`, `levels.2.jiraPriority`).
 */
export type PolicyEditingState = SavedFormState<PolicyView, PolicyDraft>;
export type PolicyState = ScreenState<PolicyEditingState>;
export type PolicyAction = SavedFormAction<PolicyView, PolicyDraft>;

export const initialPolicyState: PolicyState = { status: 'loading' };

export const canEditPolicy: (state: PolicyEditingState) => boolean = canEditNow;

/** Whether the draft differs from what is stored (the save button says so). */
export const isPolicyDirty = (state: PolicyEditingState): boolean => {
  const strip = (draft: PolicyDraft) => draft.levels.map(({ key: _key, idFixed: _fixed, ...level }) => level);
  return JSON.stringify(strip(state.draft)) !== JSON.stringify(strip(draftOf(state.view.policy)));
};

/** A page's words for a conflict: while their version loads, and what was saved. */
export interface ConflictCopy {
  readonly conflict: string;
  readonly subject: string;
}

const rulesWith = (copy: ConflictCopy): SavedFormRules<PolicyView, PolicyDraft> => ({
  draftOf: (view) => draftOf(view.policy),
  fieldOf: policyFieldOf,
  copy,
  // New levels keep counting from the draft's keys, so a level the admin added keeps its own.
  merge: (base, mine, theirs) => mergePolicyDrafts(draftOf(base.policy), mine, draftOf(theirs.policy, mine.nextKey)),
});

/** The policy editor's reducer with a page's words for a conflict. */
export function reducePolicyWith(copy: ConflictCopy, state: PolicyState, action: PolicyAction): PolicyState {
  return reduceSavedForm(rulesWith(copy), state, action);
}
