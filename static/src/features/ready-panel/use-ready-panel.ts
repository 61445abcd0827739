import type { ReportView } from '@contract/report.contract';
import type { ResolverResult } from '@contract/result';
import { useCallback, useEffect, useReducer, useRef } from 'react';

import type { CallResolver } from '../../api/client';
import { usePrefetchedLoad } from '../../app/use-prefetched-load';
import { emitReportChanged, onReportChanged } from '../../platform/events';
import { flagSuccess } from '../../platform/flags';
import { type ReadyPanelAction, type ReadyPanelState, READY_COPY, initialReadyPanelState, reduceReadyPanel } from './ready-panel.state';

export interface ReadyPanelActions {
  readonly dispatch: (action: ReadyPanelAction) => void;
  readonly checkItem: (itemId: string, checked: boolean, note: string) => void;
  readonly sendBack: () => void;
  readonly retry: () => void;
}

/** Loads the checklist, ticks manual items, sends the issue back, and follows the report panel. */
export function useReadyPanel(issueKey: string, callResolver: CallResolver, firstLoad: Promise<ResolverResult<ReportView>>): readonly [ReadyPanelState, ReadyPanelActions] {
  const [state, dispatch] = useReducer(reduceReadyPanel, initialReadyPanelState);
  const stateRef = useRef(state);
  stateRef.current = state;

  const load = useCallback(() => callResolver('report/get', { issueKey }), [callResolver, issueKey]);
  const reload = usePrefetchedLoad(firstLoad, load, (result) => dispatch({ type: 'loaded', result }));

  useEffect(
    () =>
      onReportChanged(issueKey, () => {
        void load().then((result) => dispatch({ type: 'refreshed', result }));
      }),
    [issueKey, load],
  );

  const settle = useCallback(
    (result: ResolverResult<ReportView>, flag: string) => {
      dispatch({ type: 'changed', result });
      if (result.ok) {
        flagSuccess(flag);
        emitReportChanged(issueKey);
      } else if (result.error.code === 'CONFLICT') {
        void load().then((reloaded) => dispatch({ type: 'reloaded', result: reloaded }));
      }
    },
    [issueKey, load],
  );

  const checkItem = useCallback(
    (itemId: string, checked: boolean, note: string) => {
      const s = stateRef.current;
      if (s.status !== 'ready' || s.busy !== null) return;
      dispatch({ type: 'changeStarted', busy: { kind: 'check', itemId, checked } });
      void callResolver('dor/checkItem', { issueKey, itemId, checked, note: note.trim(), baseRevision: s.view.report?.revision ?? 0 }).then((result) =>
        settle(result, READY_COPY.checked),
      );
    },
    [callResolver, issueKey, settle],
  );

  const sendBack = useCallback(() => {
    const s = stateRef.current;
    if (s.status !== 'ready' || s.busy !== null) return;
    dispatch({ type: 'changeStarted', busy: { kind: 'sendBack' } });
    void callResolver('dor/sendBack', { issueKey, baseRevision: s.view.report?.revision ?? 0 }).then((result) => settle(result, READY_COPY.sentBack));
  }, [callResolver, issueKey, settle]);

  const retry = useCallback(() => {
    dispatch({ type: 'retry' });
    reload();
  }, [reload]);

  return [state, { dispatch, checkItem, sendBack, retry }] as const;
}
