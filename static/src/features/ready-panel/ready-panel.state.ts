import { wordElapsedSeconds } from '@contract/duration-words';
import type { ReportView } from '@contract/report.contract';
import type { ResolverResult } from '@contract/result';

import { NO_ERRORS, type FieldErrors, reduceRead, refusalOf, reloadFailed, withoutErrors } from '../../shared/editor-state';
import { describeChangeFailure } from '../../shared/failures';
import type { Notice, ScreenState } from '../../shared/screen-state';

/**
 * The Definition of Ready panel's state machine as a pure reducer: the checklist after each load,
 * tick and send-back. The hook around it only performs the calls.
 */
export const READY_COPY = {
  loading: 'Loading Definition of Ready…',
  conflict: 'Someone else changed this report at the same time. The checklist now shows their version; check it and try again.',
  readOnly: 'You can view this checklist but not change it. Ask a project admin for Edit issues permission.',
  checked: 'Checklist updated',
  sentBack: 'Sent back to the reporter',
} as const;

export type ReadyPanelState = ScreenState<ChecklistState>;

/** The change in flight; a tick shows its new state at once (the checkbox would otherwise spring back). */
export type Busy = { readonly kind: 'check'; readonly itemId: string; readonly checked: boolean } | { readonly kind: 'sendBack' } | null;

export interface ChecklistState {
  readonly status: 'ready';
  readonly view: ReportView;
  readonly busy: Busy;
  /** The send-back confirmation is open. */
  readonly confirming: boolean;
  readonly notice: Notice | null;
  /** Keyed `note:<itemId>`: shown under that item's note, which is then `aria-invalid`. */
  readonly fieldErrors: FieldErrors;
  /** Set when a change was refused for permission: the controls stay hidden. */
  readonly editRevoked: boolean;
}

export type ReadyPanelAction =
  | { readonly type: 'loaded'; readonly result: ResolverResult<ReportView> }
  | { readonly type: 'reloaded'; readonly result: ResolverResult<ReportView> }
  | { readonly type: 'refreshed'; readonly result: ResolverResult<ReportView> }
  | { readonly type: 'changeStarted'; readonly busy: NonNullable<Busy> }
  | { readonly type: 'changed'; readonly result: ResolverResult<ReportView> }
  | { readonly type: 'invalid'; readonly key: string; readonly message: string }
  | { readonly type: 'clearFieldError'; readonly key: string }
  | { readonly type: 'confirmSendBack' }
  | { readonly type: 'cancelSendBack' }
  | { readonly type: 'retry' };

export const initialReadyPanelState: ReadyPanelState = { status: 'loading' };

/** Ticking the triager's items and sending back are a triager's work (the resolvers enforce it too). */
export const canChangeChecklist = (state: ChecklistState): boolean => state.view.canEdit && state.view.viewer.isTriager && !state.editRevoked;

const ready = (view: ReportView): ChecklistState => ({ status: 'ready', view, busy: null, confirming: false, notice: null, fieldErrors: NO_ERRORS, editRevoked: false });

export const noteKey = (itemId: string): string => `note:${itemId}`;

export function reduceReadyPanel(state: ReadyPanelState, action: ReadyPanelAction): ReadyPanelState {
  if (action.type === 'loaded') return reduceRead(action.result, ready);
  if (action.type === 'retry') return { status: 'loading' };
  if (state.status !== 'ready') return state;

  switch (action.type) {
    case 'reloaded':
      return action.result.ok ? { ...state, view: action.result.data } : reloadFailed(state, action.result.error);
    case 'refreshed':
      // A change from the report panel. A change in flight answers with its own fresh view.
      return action.result.ok && state.busy === null ? { ...state, view: action.result.data, confirming: state.confirming && !action.result.data.readiness.ready } : state;
    case 'changeStarted':
      return { ...state, busy: action.busy, notice: null, fieldErrors: NO_ERRORS };
    case 'changed':
      return afterChange(state, action.result);
    case 'invalid':
      return { ...state, fieldErrors: { ...state.fieldErrors, [action.key]: action.message } };
    case 'clearFieldError':
      return { ...state, fieldErrors: withoutErrors(state.fieldErrors, action.key) };
    case 'confirmSendBack':
      return canChangeChecklist(state) ? { ...state, confirming: true, notice: null } : state;
    case 'cancelSendBack':
      return { ...state, confirming: false };
  }
}

function afterChange(state: ChecklistState, result: ResolverResult<ReportView>): ChecklistState {
  const busy = state.busy;
  const base = { ...state, busy: null };
  if (result.ok) {
    // A send-back that is not finished yet says what is done and what is not; that stays on screen.
    const outcome = result.data.outcome;
    const notice: Notice | null = outcome?.tone === 'warning' ? { tone: 'warning', message: outcome.message } : null;
    return { ...base, view: result.data, confirming: false, notice, fieldErrors: NO_ERRORS };
  }
  const fieldOf = (path: string | undefined) => (path === 'note' ? (busy?.kind === 'check' ? noteKey(busy.itemId) : busy?.kind === 'sendBack' ? 'note' : undefined) : undefined);
  const failure = describeChangeFailure(result.error, fieldOf, READY_COPY.conflict);
  // A conflict or a lost permission closes the send-back confirmation: that change is over.
  const closes = failure.kind === 'conflict' || failure.kind === 'forbidden';
  return { ...base, ...refusalOf(failure), ...(closes ? { confirming: false } : {}) };
}

/**
 * What a send-back will do to the issue, in the order it happens, for the confirmation: who gets it
 * (by name), the status change when the project moves sent-back issues, and the comment.
 */
export function describeSendBackSteps(view: Pick<ReportView, 'issue' | 'sendBackStatus'>): string[] {
  const reporter = view.issue.reporter?.displayName ?? 'the reporter';
  const { assignee } = view.issue;
  const assign =
    assignee === null
      ? `Assign it to ${reporter} (it has no assignee now).`
      : assignee.accountId === view.issue.reporter?.accountId
        ? `Keep it assigned to ${reporter}.`
        : `Assign it to ${reporter} instead of ${assignee.displayName}.`;
  return [
    assign,
    ...(view.sendBackStatus === null ? [] : [`Change its status from ${view.issue.status} to ${view.sendBackStatus} (if its workflow allows that move).`]),
    `Add a comment for ${reporter} listing what is missing.`,
  ];
}

/**
 * How long the issue waited for its reporter: "so far" while it still waits, past tense and in total
 * once it has returned.
 */
export const describeWaitedTotal = (seconds: number, stillWaiting: boolean): string =>
  stillWaiting ? `Waiting for the reporter so far: ${wordElapsedSeconds(seconds)}.` : `Waited for the reporter ${wordElapsedSeconds(seconds)} in total.`;

/** "Not ready: 3 items missing". */
export const describeMissing = (count: number): string => `${String(count)} ${count === 1 ? 'item' : 'items'} missing`;
