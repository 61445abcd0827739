/**
 * The skeleton every editing screen's state machine shares: the first read (loaded, failed, "Try
 * again"), a save in flight, a refused save (a marked field, a banner, a conflict, lost permission),
 * the read after a conflict, and field errors cleared as the person answers them. Each screen keeps
 * its own actions and drafts and calls these for the common steps. Pure.
 */
import type { ResolverError, ResolverResult } from '@contract/result';

import { type ChangeFailure, describeChangeFailure } from './failures';
import type { Notice, ScreenState } from './screen-state';
import { type MergeNotes, conflictSentence } from './three-way-merge';

export type FieldErrors = Readonly<Record<string, string>>;

/** One shared empty map, so "no errors" compares equal from one render to the next. */
export const NO_ERRORS: FieldErrors = {};

/** What every editing state carries besides its own draft and its own change in flight. */
export interface EditorBase<View extends { readonly canEdit: boolean }> {
  readonly view: View;
  readonly notice: Notice | null;
  readonly fieldErrors: FieldErrors;
  /** Set when a change was refused for permission: editing stays off even if the last read said `canEdit`. */
  readonly editRevoked: boolean;
}

export const canEditNow = (state: EditorBase<{ readonly canEdit: boolean }>): boolean => state.view.canEdit && !state.editRevoked;

/** The screen after its first read (or "Try again"): `ready` builds the editing state from the view. */
export function reduceRead<View, Ready>(result: ResolverResult<View>, ready: (view: View) => Ready): ScreenState<Ready> {
  return result.ok ? ready(result.data) : { status: 'failed', error: result.error };
}

/** `errors` without the ones an edit answers: one key, several, or `'all'` (a move shifts every index). */
export function withoutErrors(errors: FieldErrors, clears: string | readonly string[] | undefined): FieldErrors {
  if (clears === 'all') return NO_ERRORS;
  const keys = clears === undefined ? [] : typeof clears === 'string' ? [clears] : clears;
  if (!keys.some((key) => Object.hasOwn(errors, key))) return errors;
  return Object.fromEntries(Object.entries(errors).filter(([key]) => !keys.includes(key)));
}

/** What a refused change leaves on the screen, as a patch over the editing state. */
export type Refusal = { readonly fieldErrors: FieldErrors } | { readonly notice: Notice } | { readonly notice: Notice; readonly editRevoked: true };

export function refusalOf(failure: ChangeFailure): Refusal {
  switch (failure.kind) {
    case 'field':
      return { fieldErrors: { [failure.field]: failure.message } };
    case 'banner':
      return { notice: { tone: 'error', message: failure.message } };
    case 'conflict':
      return { notice: { tone: 'warning', message: failure.message } };
    case 'forbidden':
      return { notice: { tone: 'error', message: failure.message }, editRevoked: true };
  }
}

/** When the read after a conflict fails, the form stays as typed and says why. */
export const reloadFailed = <State extends { readonly notice: Notice | null }>(state: State, error: ResolverError): State => ({ ...state, notice: { tone: 'error', message: error.message } });

/** A form saved as a whole: a view read from the backend, the draft typed over it, one save at a time. */
export interface SavedFormState<View extends { readonly canEdit: boolean }, Draft> extends EditorBase<View> {
  readonly status: 'ready';
  readonly draft: Draft;
  readonly saving: boolean;
}

export type SavedFormAction<View, Draft> =
  /** The read behind the form (`app/use-screen-read.ts`): the first answer, "Try again", the read after a conflict. */
  | { readonly type: 'loaded' | 'reloaded'; readonly result: ResolverResult<View> }
  | { readonly type: 'retry' }
  /** `clears`: the errors the edit answers; `'all'` for moves and removals, which shift every index. */
  | { readonly type: 'edit'; readonly change: (draft: Draft) => Draft; readonly clears?: string | readonly string[] }
  | { readonly type: 'invalid'; readonly errors: FieldErrors }
  | { readonly type: 'saveStarted' }
  | { readonly type: 'saved'; readonly result: ResolverResult<View> };

/** What makes one saved form differ from another. */
export interface SavedFormRules<View, Draft> {
  readonly draftOf: (view: View) => Draft;
  /** The contract path a refused save names → the key of the error the form shows, if it shows one. */
  readonly fieldOf: (path: string | undefined) => string | undefined;
  /** The form's words while their version loads, and what was saved ("the severity policy"). */
  readonly copy: { readonly conflict: string; readonly subject: string };
  /** After a conflict: the person's unsaved draft put back on top of their version. */
  readonly merge: (base: View, mine: Draft, theirs: View) => { readonly draft: Draft; readonly notes: MergeNotes };
}

export function readyForm<View extends { readonly canEdit: boolean }, Draft>(view: View, draft: Draft): SavedFormState<View, Draft> {
  return { status: 'ready', view, draft, saving: false, notice: null, fieldErrors: NO_ERRORS, editRevoked: false };
}

/** The whole life of a form saved as a whole; screens add their own actions around it. */
export function reduceSavedForm<View extends { readonly canEdit: boolean }, Draft>(
  rules: SavedFormRules<View, Draft>,
  state: ScreenState<SavedFormState<View, Draft>>,
  action: SavedFormAction<View, Draft>,
): ScreenState<SavedFormState<View, Draft>> {
  const ready = (view: View) => readyForm(view, rules.draftOf(view));
  if (action.type === 'loaded') return reduceRead(action.result, ready);
  if (action.type === 'retry') return { status: 'loading' };
  if (state.status !== 'ready') return state;

  switch (action.type) {
    case 'edit':
      if (!canEditNow(state) || state.saving) return state;
      return { ...state, draft: action.change(state.draft), fieldErrors: withoutErrors(state.fieldErrors, action.clears) };
    case 'invalid':
      return { ...state, fieldErrors: action.errors };
    case 'saveStarted':
      return { ...state, saving: true, notice: null, fieldErrors: NO_ERRORS };
    case 'saved':
      if (action.result.ok) return ready(action.result.data);
      return { ...state, saving: false, ...refusalOf(describeChangeFailure(action.result.error, rules.fieldOf, rules.copy.conflict)) };
    case 'reloaded': {
      if (!action.result.ok) return reloadFailed(state, action.result.error);
      const theirs = action.result.data;
      const merged = rules.merge(state.view, state.draft, theirs);
      // The form whose save met the conflict says what happened; another form on the page speaks only when it kept something.
      const speaks = state.notice !== null || merged.notes.kept.length > 0 || merged.notes.conflicts.length > 0;
      return { ...ready(theirs), draft: merged.draft, notice: speaks ? { tone: 'warning', message: conflictSentence(rules.copy.subject, merged.notes) } : null };
    }
  }
}
