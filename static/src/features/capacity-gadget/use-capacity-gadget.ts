import type { CapacityView } from '@contract/capacity.contract';
import type { ResolverResult } from '@contract/result';
import { useCallback, useEffect, useReducer, useRef } from 'react';

import type { CallResolver } from '../../api/client';
import type { CapacityMeasureId, GadgetConfiguration } from '../../shared/capacity';
import { type GadgetState, drillDownSprintId, initialGadgetState, reduceGadget } from './capacity-gadget.state';
import { ReadingPoller } from './reading-poll';

export interface GadgetActions {
  /** Computes with another measure for this viewing only; the saved configuration stays as it is. */
  readonly showMeasure: (measure: CapacityMeasureId) => void;
  readonly retry: () => void;
  /** Reads closed sprints from Jira again instead of reusing their figures (and restarts a failed background read). */
  readonly refresh: () => void;
  readonly showIssues: () => void;
  readonly hideIssues: () => void;
}

/**
 * Sends the gadget's calls; `reduceGadget` decides what each answer means. `firstLoad` is the
 * compute `routes.tsx` sent while this chunk downloaded (request 0).
 */
export function useCapacityGadget(callResolver: CallResolver, config: GadgetConfiguration, firstLoad: Promise<ResolverResult<CapacityView>>): readonly [GadgetState, GadgetActions] {
  const [state, dispatch] = useReducer(reduceGadget, config.measure, initialGadgetState);
  const stateRef = useRef(state);
  stateRef.current = state;
  const sequence = useRef(0);

  useEffect(() => {
    // StrictMode runs this twice; the reducer takes the same answer to request 0 once, then ignores it.
    void firstLoad.then((result) => dispatch({ type: 'computed', seq: 0, result }));
  }, [firstLoad]);

  const compute = useCallback(
    (measure: CapacityMeasureId, refresh = false) => {
      sequence.current += 1;
      const seq = sequence.current;
      dispatch({ type: 'computeStarted', measure, seq });
      void callResolver('capacity/compute', { ...config, measure, ...(refresh ? { refresh } : {}) }).then((result) => dispatch({ type: 'computed', seq, result }));
    },
    [callResolver, config],
  );

  const showMeasure = useCallback(
    (measure: CapacityMeasureId) => {
      if (measure !== stateRef.current.measure) compute(measure);
    },
    [compute],
  );

  const retry = useCallback(() => compute(stateRef.current.measure), [compute]);

  const refresh = useCallback(() => {
    if (stateRef.current.status === 'ready' && stateRef.current.refreshing) return;
    compute(stateRef.current.measure, true);
  }, [compute]);

  const showIssues = useCallback(() => {
    const current = stateRef.current;
    if (current.status !== 'ready' || current.refreshing || current.drillDown.status === 'loading') return;
    const sprintId = drillDownSprintId(current.view);
    if (sprintId === null) return;
    sequence.current += 1;
    const seq = sequence.current;
    dispatch({ type: 'drillDownStarted', seq });
    void callResolver('capacity/drillDown', { boardId: config.boardId, sprintId, measure: current.view.measure, criteria: config.criteria }).then((result) =>
      dispatch({ type: 'drilledDown', seq, result }),
    );
  }, [callResolver, config]);

  const hideIssues = useCallback(() => dispatch({ type: 'drillDownHidden' }), []);

  // While the background job reads the board's large sprints, ask again on its own until the
  // figures come (`reading-poll.ts` says when); the start behind it is idempotent.
  const poll = useCallback(() => {
    sequence.current += 1;
    const seq = sequence.current;
    dispatch({ type: 'pollStarted', seq });
    return callResolver('capacity/compute', { ...config, measure: stateRef.current.measure }).then((result) => dispatch({ type: 'computed', seq, result }));
  }, [callResolver, config]);
  const pollRef = useRef(poll);
  pollRef.current = poll;
  const poller = useRef<ReadingPoller | null>(null);
  useEffect(() => {
    const created = new ReadingPoller({ ask: () => pollRef.current(), isHidden: () => document.visibilityState === 'hidden' });
    poller.current = created;
    const onVisibility = () => created.visibilityChanged();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      created.stop();
      poller.current = null;
    };
  }, []);
  const reading = state.status === 'ready' && !state.refreshing ? (state.view.reading ?? null) : null;
  useEffect(() => {
    poller.current?.track(reading);
  }, [reading]);

  return [state, { showMeasure, retry, refresh, showIssues, hideIssues }] as const;
}
