/** The postmortem editor's state machine: the saved view, the draft, the change in flight. The hook only performs the calls. */
import type { PostmortemView } from '@contract/postmortem.contract';
import type { ResolverResult } from '@contract/result';

import { describeChangeFailure } from '../../shared/failures';
import { FIVE_QUESTIONS } from '../../shared/postmortem';
import { type DraftErrors, type PostmortemDraft, draftOf, isDraftDirty } from './postmortem-draft';

export const EDITOR_COPY = {
  blameless: 'Blameless review: we look at how the system let this happen, not at who to blame. Describe actions and what people knew at the time.',
  conflict: 'Someone else saved this postmortem while you were editing. Their version is shown; your unsaved text is below.',
  changeConflict: 'Someone else saved this postmortem first. Their version is shown now; check it and try again.',
  strandedLabel: 'Your unsaved summary',
  readOnly: 'You can read this postmortem but not change it.',
  saveFirst: 'Save your changes first.',
  saved: 'Postmortem saved',
  invalid: 'Some fields need a fix before the postmortem can be saved.',
} as const;

export type Change = 'save' | 'status' | 'refresh' | { readonly createIssueFor: string };

export interface EditorState {
  readonly view: PostmortemView;
  readonly draft: PostmortemDraft;
  readonly busy: Change | null;
  readonly notice: { readonly tone: 'error' | 'warning'; readonly message: string } | null;
  readonly fieldErrors: DraftErrors;
  /** After a save conflict: the person's own summary, read-only, so it is not lost. */
  readonly stranded: string | null;
  readonly editRevoked: boolean;
}

export type EditorAction =
  | { readonly type: 'edit'; readonly change: (draft: PostmortemDraft) => PostmortemDraft }
  | { readonly type: 'invalid'; readonly errors: DraftErrors }
  | { readonly type: 'started'; readonly change: Change }
  | { readonly type: 'done'; readonly change: Change; readonly result: ResolverResult<PostmortemView> }
  | { readonly type: 'reloaded'; readonly result: ResolverResult<PostmortemView> }
  | { readonly type: 'dismissStranded' };

const NO_ERRORS: DraftErrors = {};

export const editorStateOf = (view: PostmortemView): EditorState => ({
  view,
  draft: draftOf(view.postmortem),
  busy: null,
  notice: null,
  fieldErrors: NO_ERRORS,
  stranded: null,
  editRevoked: false,
});

export const canEditPostmortem = (state: EditorState): boolean => state.view.canEdit && !state.editRevoked;
export const isEditorDirty = (state: EditorState): boolean => isDraftDirty(state.draft, state.view.postmortem);

/** The contract path an error names (`edit.actions.0.title`) → the field the editor marks. */
export const postmortemFieldOf = (path: string | undefined): string | undefined => {
  if (path === undefined) return undefined;
  const field = path.replace(/^edit\./, '');
  if (field === 'title' || field === 'summary' || field === 'customerImpact') return field;
  if (/^(artifacts|actions|remediation)\.\d+\.(title|label|url)$/.test(field)) return field;
  if (/^impact\.(started|detected|mitigated|resolved|usersAffected)$/.test(field)) return field;
  if (FIVE_QUESTIONS.some(({ id }) => field === `answers.${id}`)) return field;
  return undefined;
};

export function reduceEditor(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'edit':
      if (!canEditPostmortem(state) || state.busy !== null) return state;
      return { ...state, draft: action.change(state.draft) };
    case 'invalid':
      return { ...state, fieldErrors: action.errors, notice: { tone: 'error', message: EDITOR_COPY.invalid } };
    case 'started':
      return { ...state, busy: action.change, notice: null, fieldErrors: action.change === 'save' ? NO_ERRORS : state.fieldErrors };
    case 'done': {
      if (action.result.ok) return { ...editorStateOf(action.result.data), stranded: state.stranded };
      const isSave = action.change === 'save';
      const failure = describeChangeFailure(action.result.error, postmortemFieldOf, isSave ? EDITOR_COPY.conflict : EDITOR_COPY.changeConflict);
      const base = { ...state, busy: null };
      switch (failure.kind) {
        case 'field':
          return { ...base, fieldErrors: { [failure.field]: failure.message }, notice: { tone: 'error', message: failure.message } };
        case 'banner':
          return { ...base, notice: { tone: 'error', message: failure.message } };
        case 'conflict':
          return { ...base, notice: { tone: 'warning', message: failure.message }, stranded: isSave ? state.draft.summary : state.stranded };
        case 'forbidden':
          return { ...base, editRevoked: true, notice: { tone: 'error', message: failure.message } };
      }
      return base;
    }
    case 'reloaded':
      // After a conflict: their version replaces the draft, under the notice that says so.
      return action.result.ok
        ? { ...editorStateOf(action.result.data), notice: state.notice, stranded: state.stranded }
        : { ...state, notice: { tone: 'error', message: action.result.error.message } };
    case 'dismissStranded':
      return { ...state, stranded: null };
  }
}

/** "Blame phrasing: “should have” in Prevent — suggestion…" */
export function blameHintSentence(hint: PostmortemView['blameHints'][number]): string {
  const where = FIVE_QUESTIONS.find(({ id }) => id === hint.where || `answers.${id}` === hint.where)?.label ?? hint.where;
  return `Blame phrasing: “${hint.phrase}” in ${where} — ${hint.suggestion}`;
}

/** The status changes offered from each status, in the order the buttons show. */
export const STATUS_MOVES = {
  draft: [{ to: 'in-review', label: 'Send to review' }],
  'in-review': [
    { to: 'draft', label: 'Back to draft' },
    { to: 'published', label: 'Publish' },
  ],
  published: [{ to: 'in-review', label: 'Reopen review' }],
} as const;
