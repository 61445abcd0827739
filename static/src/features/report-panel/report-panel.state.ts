import type { ReportFieldId, ReportView } from '@contract/report.contract';
import type { ResolverResult } from '@contract/result';

import { NO_ERRORS, type FieldErrors, canEditNow, reduceRead, refusalOf, reloadFailed, withoutErrors } from '../../shared/editor-state';
import { describeChangeFailure } from '../../shared/failures';
import type { Notice, ScreenState } from '../../shared/screen-state';
import { COPY } from './report-copy';
import { type FormDraft, draftAsText, formFieldOf, toDraft } from './report-form';

/**
 * The panel's state machine as a pure reducer: what the person sees after each load, edit, save and
 * triage outcome. The hook around it only performs the calls.
 */
export type PanelState = ScreenState<ReadyState>;

/** Which change is on its way to the backend; the form and triage buttons wait for it. */
export type Busy = 'save' | 'decide' | 'classify' | null;
export type TriageChange = 'decide' | 'classify';

export interface TriageNotice {
  readonly tone: Notice['tone'] | 'info';
  readonly message: string;
}

export interface ReadyState {
  readonly status: 'ready';
  readonly view: ReportView;
  readonly mode: 'read' | 'edit';
  readonly draft: FormDraft;
  readonly busy: Busy;
  /** Shown above the panel (role="alert"). */
  readonly notice: Notice | null;
  /** Shown inside the triage area, next to the buttons that caused it; `info` when a change changed nothing. */
  readonly triageNotice: TriageNotice | null;
  /**
   * Shown under the control, which is then `aria-invalid`. Keys: a template field id, `reporterSeverity`,
   * or for triage `reason` and `level`.
   */
  readonly fieldErrors: FieldErrors;
  /** The person's text that could not be saved (conflict, lost permission), shown read-only to copy. */
  readonly strandedDraft: string | null;
  /** Set when a change was refused: editing stays hidden even if the last read said `canEdit`. */
  readonly editRevoked: boolean;
}

export type PanelAction =
  | { readonly type: 'loaded'; readonly result: ResolverResult<ReportView> }
  | { readonly type: 'reloaded'; readonly result: ResolverResult<ReportView> }
  /** Another panel changed the report (bridge event) and a fresh read came back. */
  | { readonly type: 'refreshed'; readonly result: ResolverResult<ReportView> }
  | { readonly type: 'edit' }
  | { readonly type: 'change'; readonly field: ReportFieldId; readonly value: string }
  | { readonly type: 'pickSeverity'; readonly level: string }
  | { readonly type: 'cancel' }
  | { readonly type: 'invalid'; readonly errors: Readonly<Record<string, string>> }
  | { readonly type: 'saveStarted' }
  | { readonly type: 'saved'; readonly result: ResolverResult<ReportView> }
  | { readonly type: 'triageStarted'; readonly change: TriageChange }
  | { readonly type: 'triaged'; readonly change: TriageChange; readonly result: ResolverResult<ReportView> }
  | { readonly type: 'clearFieldError'; readonly field: string }
  | { readonly type: 'dismissStranded' }
  | { readonly type: 'retry' };

export const initialPanelState: PanelState = { status: 'loading' };

export const canEditReport: (state: ReadyState) => boolean = canEditNow;

const ready = (view: ReportView): ReadyState => ({
  status: 'ready',
  view,
  mode: 'read',
  draft: toDraft(view.report),
  busy: null,
  notice: null,
  triageNotice: null,
  fieldErrors: NO_ERRORS,
  strandedDraft: null,
  editRevoked: false,
});

export function reducePanel(state: PanelState, action: PanelAction): PanelState {
  if (action.type === 'loaded') return reduceRead(action.result, ready);
  if (action.type === 'retry') return { status: 'loading' };
  if (state.status !== 'ready') return state;

  switch (action.type) {
    case 'edit':
      if (!canEditReport(state)) return state;
      return { ...state, mode: 'edit', draft: toDraft(state.view.report), notice: null, fieldErrors: NO_ERRORS };
    case 'change':
      return { ...state, draft: { ...state.draft, values: { ...state.draft.values, [action.field]: action.value } }, fieldErrors: withoutErrors(state.fieldErrors, action.field) };
    case 'pickSeverity':
      return { ...state, draft: { ...state.draft, reporterSeverity: action.level }, fieldErrors: withoutErrors(state.fieldErrors, 'reporterSeverity') };
    case 'cancel':
      return { ...state, mode: 'read', draft: toDraft(state.view.report), notice: null, fieldErrors: NO_ERRORS };
    case 'invalid':
      return { ...state, fieldErrors: action.errors };
    case 'clearFieldError':
      return { ...state, fieldErrors: withoutErrors(state.fieldErrors, action.field) };
    case 'saveStarted':
      return { ...state, busy: 'save', notice: null, fieldErrors: NO_ERRORS };
    case 'saved':
      return afterSave(state, action.result);
    case 'triageStarted':
      return { ...state, busy: action.change, notice: null, triageNotice: null, fieldErrors: NO_ERRORS };
    case 'triaged':
      return afterTriage(state, action.result);
    case 'reloaded':
      // After a conflict: show the newer version under the notice. If that read fails, say so instead.
      return action.result.ok
        ? { ...state, view: action.result.data, draft: state.mode === 'edit' ? state.draft : toDraft(action.result.data.report) }
        : reloadFailed(state, action.result.error);
    case 'refreshed':
      // A change from the other panel. Never pull the ground from under an open form or a change in
      // flight: a save from the editor names its base revision, and the backend refuses a stale one.
      if (!action.result.ok || state.mode === 'edit' || state.busy !== null) return state;
      return { ...state, view: action.result.data, draft: toDraft(action.result.data.report) };
    case 'dismissStranded':
      return { ...state, strandedDraft: null, notice: null };
  }
}

/** A change that did more than save (handing the issue back, applying a decision's policy) and is not finished says so. */
const warningOf = (view: ReportView): Notice | null => (view.outcome?.tone === 'warning' ? { tone: 'warning', message: view.outcome.message } : null);

/** After a triage change: what is unfinished, or that nothing needed changing. */
const triageNoticeOf = (view: ReportView): TriageNotice | null => (view.outcome?.tone === 'info' ? { tone: 'info', message: view.outcome.message } : warningOf(view));

function afterSave(state: ReadyState, result: ResolverResult<ReportView>): ReadyState {
  if (result.ok) return { ...ready(result.data), notice: warningOf(result.data) };
  const failure = describeChangeFailure(result.error, (path) => formFieldOf(path, state.view.fields), COPY.conflict);
  const base = { ...state, busy: null };
  const typed = draftAsText(state.draft, state.view.fields);
  // A conflict or a lost permission ends the edit; what was typed stays on screen to copy.
  const ends = failure.kind === 'conflict' || failure.kind === 'forbidden';
  return { ...base, ...refusalOf(failure), ...(ends ? { mode: 'read', strandedDraft: typed === '' ? null : typed } : {}) };
}

const TRIAGE_FIELDS = new Set(['reason', 'level', 'kind', 'classOfService']);

function afterTriage(state: ReadyState, result: ResolverResult<ReportView>): ReadyState {
  const base = { ...state, busy: null };
  if (result.ok) return { ...base, view: result.data, draft: toDraft(result.data.report), triageNotice: triageNoticeOf(result.data), fieldErrors: NO_ERRORS };
  const failure = describeChangeFailure(result.error, (path) => (path !== undefined && TRIAGE_FIELDS.has(path) ? path : undefined), COPY.triageConflict);
  switch (failure.kind) {
    case 'field':
      return { ...base, fieldErrors: { [failure.field]: failure.message } };
    case 'banner':
      return { ...base, triageNotice: { tone: 'error', message: failure.message } };
    case 'conflict':
      return { ...base, triageNotice: { tone: 'warning', message: failure.message } };
    case 'forbidden':
      return { ...base, editRevoked: true, notice: { tone: 'error', message: failure.message } };
  }
}
