import type { ReportView } from '@contract/report.contract';
import type { ResolverResult } from '@contract/result';
import { useCallback, useReducer, useRef } from 'react';

import type { CallResolver } from '../../api/client';
import { useReportRead } from '../../app/use-report-read';
import { flagSuccess } from '../../platform/flags';
import { type ReadyPanelAction, type ReadyPanelState, READY_COPY, initialReadyPanelState, reduceReadyPanel } from './ready-panel.state';

export interface ReadyPanelActions {
  readonly dispatch: (action: ReadyPanelAction) => void;
  readonly checkItem: (itemId: string, checked: boolean, note: string) => void;
  readonly sendBack: (note: string) => void;
  readonly retry: () => void;
}

/** Loads the checklist, ticks manual items, sends the issue back, and follows the report panel. */
export function useReadyPanel(issueKey: string, callResolver: CallResolver, firstLoad: Promise<ResolverResult<ReportView>>): readonly [ReadyPanelState, ReadyPanelActions] {
  const [state, dispatch] = useReducer(reduceReadyPanel, initialReadyPanelState);
  const stateRef = useRef(state);
  stateRef.current = state;

  const { retry, afterChange } = useReportRead(issueKey, callResolver, firstLoad, dispatch);

  const settle = useCallback(
    (result: ResolverResult<ReportView>, flag: string) => {
      dispatch({ type: 'changed', result });
      if (result.ok && result.data.outcome?.tone !== 'warning') flagSuccess(flag, result.data.outcome?.message);
      afterChange(result);
    },
    [afterChange],
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

  const sendBack = useCallback((note: string) => {
    const s = stateRef.current;
    if (s.status !== 'ready' || s.busy !== null) return;
    dispatch({ type: 'changeStarted', busy: { kind: 'sendBack' } });
    // One id per click: a repeated request finishes this send-back instead of starting another.
    const actionId = crypto.randomUUID();
    const trimmed = note.trim();
    void callResolver('dor/sendBack', { issueKey, baseRevision: s.view.report?.revision ?? 0, actionId, ...(trimmed === '' ? {} : { note: trimmed }) }).then((result) =>
      settle(result, READY_COPY.sentBack),
    );
  }, [callResolver, issueKey, settle]);

  return [state, { dispatch, checkItem, sendBack, retry }] as const;
}
