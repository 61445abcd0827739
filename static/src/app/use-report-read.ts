import type { ReportView } from '@contract/report.contract';
import type { ResolverResult } from '@contract/result';
import { useCallback, useEffect } from 'react';

import type { CallResolver } from '../api/client';
import { emitReportChanged, onReportChanged } from '../platform/events';
import { type ReadAction, useScreenRead } from './use-screen-read';

/** What an issue panel's reducer hears about the report: `ReadAction`, and a change the other panel made. */
export type ReportReadAction = ReadAction<ReportView> | { readonly type: 'refreshed'; readonly result: ResolverResult<ReportView> };

export interface ReportRead {
  /** Reads again after the first read failed. */
  readonly retry: () => void;
  /** After a change: tells the other panel when it was saved, reads the newer version after a conflict. */
  readonly afterChange: (result: ResolverResult<unknown>) => void;
}

/**
 * The issue's report behind both issue panels (production report, Definition of Ready): read as
 * `useScreenRead` does, and read again (`refreshed`) when the other panel says it changed the report.
 */
export function useReportRead(issueKey: string, callResolver: CallResolver, firstLoad: Promise<ResolverResult<ReportView>>, dispatch: (action: ReportReadAction) => void): ReportRead {
  const load = useCallback(() => callResolver('report/get', { issueKey }), [callResolver, issueKey]);
  const { retry, reloadOnConflict } = useScreenRead(dispatch, firstLoad, load);

  useEffect(
    () =>
      onReportChanged(issueKey, () => {
        void load().then((result) => dispatch({ type: 'refreshed', result }));
      }),
    [issueKey, load, dispatch],
  );

  const afterChange = useCallback(
    (result: ResolverResult<unknown>) => {
      if (result.ok) emitReportChanged(issueKey);
      reloadOnConflict(result);
    },
    [issueKey, reloadOnConflict],
  );

  return { retry, afterChange };
}
