import type { CapacityView, DrillDownView } from '@contract/capacity.contract';
import type { ResolverError, ResolverResult } from '@contract/result';

import type { CapacityMeasureId } from '../../shared/capacity';
import { type DrillDownIssue, sortDrillDown } from './drill-down';

/**
 * The gadget view's state machine: compute, switch the measure (a new compute that is not saved),
 * show and hide the issues behind the numbers. Every request carries a sequence number; an answer
 * to a request that was overtaken (the person clicked "Points" then "Issues") is dropped here, so
 * the hook only sends calls and the screen never shows a stale measure.
 */
export const GADGET_COPY = {
  unconfigured: 'Configure this gadget: choose a board.',
  loading: 'Loading support capacity…',
  updating: 'Updating…',
  loadingIssues: 'Loading issues…',
} as const;

export type DrillDownState =
  | { readonly status: 'hidden' }
  | { readonly status: 'loading'; readonly seq: number }
  | { readonly status: 'shown'; readonly issues: readonly DrillDownIssue[] }
  | { readonly status: 'failed'; readonly error: ResolverError };

export type GadgetState =
  | { readonly status: 'loading'; readonly measure: CapacityMeasureId; readonly seq: number }
  | { readonly status: 'failed'; readonly measure: CapacityMeasureId; readonly seq: number; readonly error: ResolverError }
  | GadgetReadyState;

export interface GadgetReadyState {
  readonly status: 'ready';
  /** The measure asked for; while `refreshing`, `view.measure` is still the previous one. */
  readonly measure: CapacityMeasureId;
  readonly seq: number;
  readonly view: CapacityView;
  readonly refreshing: boolean;
  readonly drillDown: DrillDownState;
}

export type GadgetAction =
  | { readonly type: 'computeStarted'; readonly measure: CapacityMeasureId; readonly seq: number }
  /** The gadget asking again on its own while the background read runs (`reading-poll.ts`): nothing on screen changes. */
  | { readonly type: 'pollStarted'; readonly seq: number }
  | { readonly type: 'computed'; readonly seq: number; readonly result: ResolverResult<CapacityView> }
  | { readonly type: 'drillDownStarted'; readonly seq: number }
  | { readonly type: 'drilledDown'; readonly seq: number; readonly result: ResolverResult<DrillDownView> }
  | { readonly type: 'drillDownHidden' };

/** The first compute is sent by `routes.tsx` before this state exists: it is request 0. */
export const initialGadgetState = (measure: CapacityMeasureId): GadgetState => ({ status: 'loading', measure, seq: 0 });

const HIDDEN: DrillDownState = { status: 'hidden' };

export function reduceGadget(state: GadgetState, action: GadgetAction): GadgetState {
  switch (action.type) {
    case 'computeStarted':
      // Keep the numbers on screen while another measure loads; the issues belong to the old one.
      return state.status === 'ready'
        ? { ...state, measure: action.measure, seq: action.seq, refreshing: true, drillDown: HIDDEN }
        : { status: 'loading', measure: action.measure, seq: action.seq };
    case 'pollStarted':
      // Only a settled view is asked about again; the person's own request, if any, goes first.
      return state.status === 'ready' && !state.refreshing ? { ...state, seq: action.seq } : state;
    case 'computed':
      if (action.seq !== state.seq) return state;
      if (!action.result.ok) return { status: 'failed', measure: state.measure, seq: state.seq, error: action.result.error };
      return { status: 'ready', measure: state.measure, seq: state.seq, view: action.result.data, refreshing: false, drillDown: HIDDEN };
    case 'drillDownStarted':
      return state.status === 'ready' && !state.refreshing ? { ...state, drillDown: { status: 'loading', seq: action.seq } } : state;
    case 'drilledDown': {
      if (state.status !== 'ready' || state.drillDown.status !== 'loading' || state.drillDown.seq !== action.seq) return state;
      const drillDown: DrillDownState = action.result.ok ? { status: 'shown', issues: sortDrillDown(action.result.data.issues) } : { status: 'failed', error: action.result.error };
      return { ...state, drillDown };
    }
    case 'drillDownHidden':
      return state.status === 'ready' ? { ...state, drillDown: HIDDEN } : state;
  }
}

/** The sprint whose issues "Show issues" lists, or `null` when the view shows none. */
export const drillDownSprintId = (view: CapacityView): number | null => (view.empty === null && view.sprint !== null ? view.sprint.id : null);
