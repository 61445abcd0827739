import type { ReportView } from '@contract/report.contract';
import type { ResolverResult } from '@contract/result';
import { useCallback, useEffect, useReducer, useRef } from 'react';

import type { CallResolver } from '../../api/client';
import { flagSuccess } from '../../platform/flags';
import { COPY, overLimitMessage } from './report-copy';
import { type PanelState, initialPanelState, reducePanel } from './report-panel.state';

export interface ReportPanelActions {
  readonly edit: () => void;
  readonly change: (draft: string) => void;
  readonly cancel: () => void;
  readonly save: () => void;
  readonly retry: () => void;
  readonly dismissStranded: () => void;
}

/**
 * Loads the report (starting from the request `main.tsx` already sent while this chunk downloaded),
 * and saves it. All outcomes go through `reducePanel`.
 */
export function useReportPanel(
  issueKey: string,
  callResolver: CallResolver,
  firstLoad: Promise<ResolverResult<ReportView>>,
  locale?: string,
): readonly [PanelState, ReportPanelActions] {
  const [state, dispatch] = useReducer(reducePanel, initialPanelState);
  // The first load reuses the prefetched request; a retry asks again.
  const pendingLoad = useRef<Promise<ResolverResult<ReportView>> | null>(firstLoad);
  const [loadAttempt, bumpLoadAttempt] = useReducer((n: number) => n + 1, 0);

  useEffect(() => {
    let current = true;
    let settled = false;
    const request = pendingLoad.current ?? callResolver('report/get', { issueKey });
    pendingLoad.current = null;
    void request.then((result) => {
      settled = true;
      if (current) dispatch({ type: 'loaded', result });
    });
    return () => {
      current = false;
      // StrictMode runs effects twice: hand a request still in flight to the second run rather than
      // sending another one.
      if (!settled) pendingLoad.current = request;
    };
  }, [issueKey, callResolver, loadAttempt]);

  const save = useCallback(() => {
    const s = state;
    if (s.status !== 'ready' || s.mode !== 'edit' || s.saving) return;
    const tooLong = overLimitMessage(s.draft.length, undefined, locale);
    if (tooLong !== null) {
      dispatch({ type: 'invalid', message: tooLong });
      return;
    }
    dispatch({ type: 'saveStarted' });
    const draft = s.draft;
    void callResolver('report/save', {
      issueKey,
      fields: { stepsToReproduce: draft },
      baseRevision: s.view.report?.revision ?? 0,
    }).then((result) => {
      dispatch({ type: 'saved', result });
      if (result.ok) {
        flagSuccess(COPY.saved);
      } else if (result.error.code === 'CONFLICT') {
        void callResolver('report/get', { issueKey }).then((reloaded) => dispatch({ type: 'reloaded', result: reloaded }));
      }
    });
  }, [state, callResolver, issueKey, locale]);

  const actions: ReportPanelActions = {
    edit: useCallback(() => dispatch({ type: 'edit' }), []),
    change: useCallback((draft: string) => dispatch({ type: 'change', draft }), []),
    cancel: useCallback(() => dispatch({ type: 'cancel' }), []),
    save,
    retry: useCallback(() => {
      dispatch({ type: 'retry' });
      bumpLoadAttempt();
    }, []),
    dismissStranded: useCallback(() => dispatch({ type: 'dismissStranded' }), []),
  };
  return [state, actions] as const;
}
