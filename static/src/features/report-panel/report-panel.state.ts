import type { ReportView } from '@contract/report.contract';
import type { ResolverError, ResolverResult } from '@contract/result';

import { describeSaveFailure } from './report-copy';

/**
 * The panel's state machine as a pure reducer: what the person sees after each load, edit and save
 * outcome. The hook around it only performs the calls.
 */
export interface Notice {
  readonly tone: 'error' | 'warning';
  readonly message: string;
}

export type PanelState =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly error: ResolverError }
  | ReadyState;

export interface ReadyState {
  readonly status: 'ready';
  readonly view: ReportView;
  readonly mode: 'read' | 'edit';
  readonly draft: string;
  readonly saving: boolean;
  /** Shown above the panel (role="alert"). */
  readonly notice: Notice | null;
  /** Shown under the field, which is then `aria-invalid`. */
  readonly fieldError: string | null;
  /** The person's text that could not be saved (conflict, lost permission), shown read-only to copy. */
  readonly strandedDraft: string | null;
  /** Set when a save was refused: editing stays hidden even if the last read said `canEdit`. */
  readonly editRevoked: boolean;
}

export type PanelAction =
  | { readonly type: 'loaded'; readonly result: ResolverResult<ReportView> }
  | { readonly type: 'reloaded'; readonly result: ResolverResult<ReportView> }
  | { readonly type: 'edit' }
  | { readonly type: 'change'; readonly draft: string }
  | { readonly type: 'cancel' }
  | { readonly type: 'invalid'; readonly message: string }
  | { readonly type: 'saveStarted' }
  | { readonly type: 'saved'; readonly result: ResolverResult<ReportView> }
  | { readonly type: 'dismissStranded' }
  | { readonly type: 'retry' };

export const initialPanelState: PanelState = { status: 'loading' };

export const canEditReport = (state: ReadyState): boolean => state.view.canEdit && !state.editRevoked;

const ready = (view: ReportView): ReadyState => ({
  status: 'ready',
  view,
  mode: 'read',
  draft: '',
  saving: false,
  notice: null,
  fieldError: null,
  strandedDraft: null,
  editRevoked: false,
});

export function reducePanel(state: PanelState, action: PanelAction): PanelState {
  if (action.type === 'loaded') {
    return action.result.ok ? ready(action.result.data) : { status: 'failed', error: action.result.error };
  }
  if (action.type === 'retry') return { status: 'loading' };
  if (state.status !== 'ready') return state;

  switch (action.type) {
    case 'edit':
      if (!canEditReport(state)) return state;
      return { ...state, mode: 'edit', draft: state.view.report?.fields.stepsToReproduce ?? '', notice: null, fieldError: null };
    case 'change':
      return { ...state, draft: action.draft, fieldError: null };
    case 'cancel':
      return { ...state, mode: 'read', draft: '', notice: null, fieldError: null };
    case 'invalid':
      return { ...state, fieldError: action.message };
    case 'saveStarted':
      return { ...state, saving: true, notice: null, fieldError: null };
    case 'saved':
      return afterSave(state, action.result);
    case 'reloaded':
      // After a conflict: show the newer version under the notice. If that read fails, say so instead.
      return action.result.ok
        ? { ...state, view: action.result.data }
        : { ...state, notice: { tone: 'error', message: action.result.error.message } };
    case 'dismissStranded':
      return { ...state, strandedDraft: null, notice: null };
  }
}

function afterSave(state: ReadyState, result: ResolverResult<ReportView>): ReadyState {
  if (result.ok) return ready(result.data);
  const failure = describeSaveFailure(result.error);
  const base = { ...state, saving: false };
  switch (failure.kind) {
    case 'field':
      return { ...base, fieldError: failure.message };
    case 'banner':
      return { ...base, notice: { tone: 'error', message: failure.message } };
    case 'conflict':
      return { ...base, mode: 'read', strandedDraft: state.draft, notice: { tone: 'warning', message: failure.message } };
    case 'forbidden':
      return {
        ...base,
        mode: 'read',
        editRevoked: true,
        strandedDraft: state.draft.trim() === '' ? null : state.draft,
        notice: { tone: 'error', message: failure.message },
      };
  }
}
