import type { ReportView } from '@contract/report.contract';
import type { ResolverResult } from '@contract/result';
import { useCallback, useReducer, useRef } from 'react';

import type { CallResolver } from '../../api/client';
import { useReportRead } from '../../app/use-report-read';
import { flagSuccess } from '../../platform/flags';
import { showIssueChanges } from '../../platform/issue-view';
import { COPY } from './report-copy';
import { draftToPayload } from './report-form';
import { type PanelAction, type PanelState, initialPanelState, reducePanel } from './report-panel.state';

export interface SeverityDecision {
  readonly level: string;
  readonly reason: string;
}

export interface ClassificationChoice {
  readonly level: 'user-error' | 'system-problem' | 'code-or-data';
  readonly kind: 'incident' | 'defect' | 'support-request' | 'feature-request';
  readonly classOfService: 'emergency' | 'bug-asap' | 'bug-next-maintenance' | 'bug-next-major' | 'support-request';
}

export interface ReportPanelActions {
  readonly dispatch: (action: PanelAction) => void;
  readonly save: () => void;
  readonly decideSeverity: (decision: SeverityDecision) => void;
  readonly classify: (choice: ClassificationChoice) => void;
  readonly retry: () => void;
}

/**
 * Loads the report, saves it, runs the triage changes, and follows changes the Definition of Ready
 * panel makes (bridge event). All outcomes go through `reducePanel`.
 */
export function useReportPanel(
  issueKey: string,
  callResolver: CallResolver,
  firstLoad: Promise<ResolverResult<ReportView>>,
  locale?: string,
): readonly [PanelState, ReportPanelActions] {
  const [state, dispatch] = useReducer(reducePanel, initialPanelState);
  const stateRef = useRef(state);
  stateRef.current = state;

  const { retry, afterChange } = useReportRead(issueKey, callResolver, firstLoad, dispatch);

  const save = useCallback(() => {
    const s = stateRef.current;
    if (s.status !== 'ready' || s.mode !== 'edit' || s.busy !== null) return;
    const parsed = draftToPayload(s.draft, s.view, locale);
    if (!parsed.ok) {
      dispatch({ type: 'invalid', errors: parsed.errors });
      return;
    }
    dispatch({ type: 'saveStarted' });
    void callResolver('report/save', { issueKey, ...parsed.payload, baseRevision: s.view.report?.revision ?? 0 }).then((result) => {
      dispatch({ type: 'saved', result });
      if (result.ok && result.data.outcome?.tone !== 'warning') flagSuccess(COPY.saved, result.data.outcome?.message);
      afterChange(result);
      // A save that did more (the issue went back to whoever had it, with a comment) changed Jira's fields.
      if (result.ok && result.data.outcome !== null) showIssueChanges(result.data.outcome);
    });
  }, [callResolver, issueKey, locale, afterChange]);

  const decideSeverity = useCallback(
    ({ level, reason }: SeverityDecision) => {
      const s = stateRef.current;
      if (s.status !== 'ready' || s.busy !== null) return;
      dispatch({ type: 'triageStarted', change: 'decide' });
      // One id per click: a repeated request answers how this decision went instead of deciding again.
      const actionId = crypto.randomUUID();
      void callResolver('triage/decideSeverity', { issueKey, level, reason: reason.trim(), baseRevision: s.view.report?.revision ?? 0, actionId }).then((result) => {
        dispatch({ type: 'triaged', change: 'decide', result });
        afterChange(result);
        // Deciding the level already decided changed nothing; the panel says so and Jira has nothing to show.
        if (!result.ok || result.data.outcome?.tone === 'info') return;
        if (result.data.outcome?.tone !== 'warning') flagSuccess(COPY.severityDecided);
        showIssueChanges(result.data.outcome);
      });
    },
    [callResolver, issueKey, afterChange],
  );

  const classify = useCallback(
    (choice: ClassificationChoice) => {
      const s = stateRef.current;
      if (s.status !== 'ready' || s.busy !== null) return;
      dispatch({ type: 'triageStarted', change: 'classify' });
      void callResolver('triage/classify', { issueKey, ...choice, baseRevision: s.view.report?.revision ?? 0 }).then((result) => {
        dispatch({ type: 'triaged', change: 'classify', result });
        afterChange(result);
        if (!result.ok) return;
        flagSuccess(COPY.classified);
        showIssueChanges(result.data.outcome);
      });
    },
    [callResolver, issueKey, afterChange],
  );

  return [state, { dispatch, save, decideSeverity, classify, retry }] as const;
}
