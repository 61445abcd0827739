import type { PolicyView } from '@contract/policy.contract';
import type { ResolverResult } from '@contract/result';

import { describeChangeFailure } from '../../shared/failures';
import type { Notice, ScreenState } from '../../shared/screen-state';
import { conflictSentence } from '../../shared/three-way-merge';
import { type PolicyDraft, draftOf, policyFieldOf } from './policy-form';
import { mergePolicyDrafts } from './policy-merge';

/** The severity policy page's state machine: load, edit the draft, save. The hook only performs the calls. */
export const POLICY_COPY = {
  loading: 'Loading the severity policy…',
  readOnly: 'Only Jira admins can change the severity policy.',
  conflict: 'Someone else saved the severity policy while you were editing. Loading their version to put your changes on top…',
  /** What was saved, in the sentence shown once their version is back. */
  subject: 'the severity policy',
  saved: 'Severity policy saved',
} as const;

export type PolicyState = ScreenState<PolicyEditingState>;

export interface PolicyEditingState {
  readonly status: 'ready';
  readonly view: PolicyView;
  readonly draft: PolicyDraft;
  readonly saving: boolean;
  readonly notice: Notice | null;
  /** Keyed by the path under `policy` the error names (`levels`, `levels.2.jiraPriority`). */
  readonly fieldErrors: Readonly<Record<string, string>>;
  readonly editRevoked: boolean;
}

export type PolicyAction =
  | { readonly type: 'loaded'; readonly result: ResolverResult<PolicyView> }
  | { readonly type: 'reloaded'; readonly result: ResolverResult<PolicyView> }
  /** `clears`: the error the edit answers; `'all'` for moves and removals, which shift every index. */
  | { readonly type: 'edit'; readonly change: (draft: PolicyDraft) => PolicyDraft; readonly clears?: string }
  | { readonly type: 'invalid'; readonly errors: Readonly<Record<string, string>> }
  | { readonly type: 'saveStarted' }
  | { readonly type: 'saved'; readonly result: ResolverResult<PolicyView> }
  | { readonly type: 'retry' };

export const initialPolicyState: PolicyState = { status: 'loading' };

export const canEditPolicy = (state: PolicyEditingState): boolean => state.view.canEdit && !state.editRevoked;

const NO_ERRORS: Readonly<Record<string, string>> = {};

const ready = (view: PolicyView): PolicyEditingState => ({
  status: 'ready',
  view,
  draft: draftOf(view.policy),
  saving: false,
  notice: null,
  fieldErrors: NO_ERRORS,
  editRevoked: false,
});

/** Whether the draft differs from what is stored (the save button says so). */
export const isPolicyDirty = (state: PolicyEditingState): boolean => {
  const strip = (draft: PolicyDraft) => draft.levels.map(({ key: _key, idFixed: _fixed, ...level }) => level);
  return JSON.stringify(strip(state.draft)) !== JSON.stringify(strip(draftOf(state.view.policy)));
};

const without = (errors: Readonly<Record<string, string>>, clears: string | undefined): Readonly<Record<string, string>> => {
  if (clears === 'all') return NO_ERRORS;
  if (clears === undefined || !Object.hasOwn(errors, clears)) return errors;
  return Object.fromEntries(Object.entries(errors).filter(([key]) => key !== clears));
};

export function reducePolicy(state: PolicyState, action: PolicyAction): PolicyState {
  return reducePolicyWith(POLICY_COPY, state, action);
}

/** A page's words for a conflict: while their version loads, and what was saved. */
export interface ConflictCopy {
  readonly conflict: string;
  readonly subject: string;
}

/** `reducePolicy` with another page's words for a conflict (a project's own policy, say). */
export function reducePolicyWith(copy: ConflictCopy, state: PolicyState, action: PolicyAction): PolicyState {
  if (action.type === 'loaded') return action.result.ok ? ready(action.result.data) : { status: 'failed', error: action.result.error };
  if (action.type === 'retry') return { status: 'loading' };
  if (state.status !== 'ready') return state;

  switch (action.type) {
    case 'edit':
      if (!canEditPolicy(state) || state.saving) return state;
      return { ...state, draft: action.change(state.draft), fieldErrors: without(state.fieldErrors, action.clears) };
    case 'invalid':
      return { ...state, fieldErrors: action.errors };
    case 'saveStarted':
      return { ...state, saving: true, notice: null, fieldErrors: NO_ERRORS };
    case 'saved': {
      if (action.result.ok) return ready(action.result.data);
      const failure = describeChangeFailure(action.result.error, policyFieldOf, copy.conflict);
      const base = { ...state, saving: false };
      switch (failure.kind) {
        case 'field':
          return { ...base, fieldErrors: { [failure.field]: failure.message } };
        case 'banner':
          return { ...base, notice: { tone: 'error', message: failure.message } };
        case 'conflict':
          return { ...base, notice: { tone: 'warning', message: failure.message } };
        case 'forbidden':
          return { ...base, editRevoked: true, notice: { tone: 'error', message: failure.message } };
      }
      break;
    }
    case 'reloaded': {
      // After a conflict: their version, with the admin's unsaved edits put back on top of it.
      if (!action.result.ok) return { ...state, notice: { tone: 'error', message: action.result.error.message } };
      const theirs = action.result.data;
      const merged = mergePolicyDrafts(draftOf(state.view.policy), state.draft, draftOf(theirs.policy, state.draft.nextKey));
      return { ...ready(theirs), draft: merged.draft, notice: { tone: 'warning', message: conflictSentence(copy.subject, merged.notes) } };
    }
  }
  return state;
}

/** Shared with the capacity gadget, which shows the same budget. */
export { budgetSentence } from '../../shared/severity-policy';

/** "Firebreak's default (not saved yet)" or "Saved policy, version 3". */
export function sourceSentence(view: Pick<PolicyView, 'source' | 'version'>): string {
  switch (view.source) {
    case 'default':
      return 'Firebreak’s default policy: nothing is saved for this site yet.';
    case 'site':
      return `The site’s saved policy, version ${String(view.version)}.`;
    case 'project':
      return `This project’s own policy, version ${String(view.version)}.`;
  }
}
