/** The postmortem editor's state machine: the saved view, the draft, the change in flight. The hook only performs the calls. */
import type { PostmortemView } from '@contract/postmortem.contract';
import type { ResolverResult } from '@contract/result';

import { NO_ERRORS, canEditNow, refusalOf, reloadFailed } from '../../shared/editor-state';
import { describeChangeFailure } from '../../shared/failures';
import { FIVE_QUESTIONS } from '@contract/postmortem.values';
import { type DraftErrors, type PostmortemDraft, draftOf, isDraftDirty } from './postmortem-draft';
import { type MergeConflict, mergeDrafts, mergeSentence } from './postmortem-merge';

export const EDITOR_COPY = {
  blameless: 'Blameless review: we look at how the system let this happen, not at who to blame. Describe actions and what people knew at the time.',
  conflict: 'Someone else saved this postmortem while you were editing. Loading their version to put your changes on top…',
  changeConflict: 'Someone else saved this postmortem first. Their version is shown now; check it and try again.',
  strandedLabel: (label: string) => `Your version of ${label}`,
  strandedHint: 'You both changed these. Their version is in the form; copy anything of yours you want to keep, then save.',
  readOnly: 'You can read this postmortem but not change it.',
  saveFirst: 'Save your changes first.',
  actionIssueMissing: (issueKey: string) => `${issueKey} no longer opens in Jira: it was deleted, or you cannot see it. File the action again, or unlink it and save.`,
  saved: 'Postmortem saved',
  invalid: 'Some fields need a fix before the postmortem can be saved.',
  leaveBlocked: 'You have unsaved changes, so the postmortem stayed open. Save them, or use “Back to all postmortems” to discard them.',
  confirmLeave: 'You have unsaved changes. Leave without saving them?',
} as const;

export type Change = 'save' | 'status' | 'refresh' | 'review' | { readonly createIssueFor: string } | { readonly verifyFor: string } | { readonly fileRemediationFor: string };

export interface EditorState {
  readonly view: PostmortemView;
  readonly draft: PostmortemDraft;
  readonly busy: Change | null;
  readonly notice: { readonly tone: 'error' | 'warning'; readonly message: string } | null;
  readonly fieldErrors: DraftErrors;
  /** After a save conflict: the person's own versions of what the other person changed too, read-only, so they are not lost. */
  readonly stranded: readonly MergeConflict[];
  readonly editRevoked: boolean;
}

export type EditorAction =
  | { readonly type: 'edit'; readonly change: (draft: PostmortemDraft) => PostmortemDraft }
  | { readonly type: 'invalid'; readonly errors: DraftErrors }
  | { readonly type: 'started'; readonly change: Change }
  | { readonly type: 'done'; readonly change: Change; readonly result: ResolverResult<PostmortemView> }
  | { readonly type: 'reloaded'; readonly result: ResolverResult<PostmortemView> }
  | { readonly type: 'dismissStranded' }
  /** Drops the unsaved draft (the person chose to leave without saving). */
  | { readonly type: 'discard' }
  /** The browser's back button tried to leave unsaved changes; the page stayed. */
  | { readonly type: 'leaveBlocked' };

export const editorStateOf = (view: PostmortemView): EditorState => ({
  view,
  draft: draftOf(view.postmortem),
  busy: null,
  // What Jira did not take from the change just made (a field off its create screen, a failed link).
  notice: view.notice === null ? null : { tone: 'warning', message: view.notice },
  fieldErrors: NO_ERRORS,
  stranded: [],
  editRevoked: false,
});

export const canEditPostmortem: (state: EditorState) => boolean = canEditNow;
export const isEditorDirty = (state: EditorState): boolean => isDraftDirty(state.draft, state.view.postmortem);

/** The contract path an error names (`edit.actions.0.title`) → the field the editor marks. */
export const postmortemFieldOf = (path: string | undefined): string | undefined => {
  if (path === undefined) return undefined;
  const field = path.replace(/^edit\./, '');
  if (field === 'title' || field === 'summary' || field === 'customerImpact') return field;
  if (/^(artifacts|actions|remediation)\.\d+\.(title|label|url)$/.test(field)) return field;
  // actions part (issue 15): owners and triage decisions are refused by the field too.
  if (field === 'owner' || /^(actions|remediation)\.\d+\.owner$/.test(field) || /^actions\.\d+\.triage$/.test(field)) return field;
  if (/^impact\.(started|detected|mitigated|resolved|usersAffected)$/.test(field)) return field;
  if (FIVE_QUESTIONS.some(({ id }) => field === `answers.${id}`)) return field;
  // format part (issue 15)
  if (/^contributingFactors\.\d+\.text$/.test(field)) return field;
  if (field === 'wentWell' || field === 'gotLucky') return field;
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
      const failure = describeChangeFailure(action.result.error, postmortemFieldOf, action.change === 'save' ? EDITOR_COPY.conflict : EDITOR_COPY.changeConflict);
      const refusal = refusalOf(failure);
      // A field error also says, above the form, that something needs a fix.
      return { ...state, busy: null, ...refusal, ...(failure.kind === 'field' ? { notice: { tone: 'error', message: failure.message } } : {}) };
    }
    case 'reloaded': {
      // After a conflict: their version, with the person's unsaved changes put back on top of it.
      if (!action.result.ok) return reloadFailed(state, action.result.error);
      const merged = mergeDrafts(draftOf(state.view.postmortem), state.draft, draftOf(action.result.data.postmortem), { ...state.view.names, ...action.result.data.names });
      const hadChanges = merged.kept.length > 0 || merged.conflicts.length > 0;
      return {
        ...editorStateOf(action.result.data),
        draft: merged.draft,
        notice: hadChanges ? { tone: 'warning', message: mergeSentence(merged) } : state.notice,
        stranded: [...state.stranded, ...merged.conflicts],
      };
    }
    case 'dismissStranded':
      return { ...state, stranded: [] };
    case 'discard':
      return { ...state, draft: draftOf(state.view.postmortem), stranded: [], fieldErrors: NO_ERRORS, notice: null };
    case 'leaveBlocked':
      return { ...state, notice: { tone: 'warning', message: EDITOR_COPY.leaveBlocked } };
  }
}

/** "Blame phrasing: “should have” in Prevent — suggestion…" */
export function blameHintSentence(hint: PostmortemView['blameHints'][number]): string {
  const where = FIVE_QUESTIONS.find(({ id }) => id === hint.where || `answers.${id}` === hint.where)?.label ?? hint.where;
  return `Blame phrasing: “${hint.phrase}” in ${where} — ${hint.suggestion}`;
}

/**
 * The status changes offered from each status, in the order the buttons show. Publishing is the
 * owner's (its own button, see `StatusControls`); a published postmortem changes only through a new revision.
 */
export const STATUS_MOVES = {
  draft: [{ to: 'in-review', label: 'Send to review' }],
  'in-review': [{ to: 'draft', label: 'Back to draft' }],
  published: [],
} as const;
