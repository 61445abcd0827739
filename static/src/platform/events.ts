import { events } from '@forge/bridge';

/**
 * Both issue panels show the same report, each in its own iframe. After a change one of them emits
 * this event and the other reloads, so a person never acts on a stale checklist.
 * @see https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/events/
 */
export const REPORT_CHANGED = 'firebreak:report-changed';

interface ReportChanged {
  readonly issueKey: string;
}

const isReportChanged = (payload: unknown): payload is ReportChanged =>
  typeof payload === 'object' && payload !== null && typeof (payload as { issueKey?: unknown }).issueKey === 'string';

/** Tells the other panels of this issue that the report changed. Best effort: the change is saved already. */
export function emitReportChanged(issueKey: string): void {
  try {
    events.emit(REPORT_CHANGED, { issueKey } satisfies ReportChanged).catch(() => undefined);
  } catch {
    // A host without events still shows the change here; the other panel shows it on its next load.
  }
}

/**
 * Calls `onChange` when a panel reports a change to this issue's report. Returns the cleanup for a
 * React effect; `events.on` subscribes asynchronously, so a cleanup before it settles unsubscribes
 * once it does.
 */
export function onReportChanged(issueKey: string, onChange: () => void): () => void {
  let active = true;
  let unsubscribe: (() => void) | undefined;
  try {
    events
      .on(REPORT_CHANGED, (payload: unknown) => {
        if (active && isReportChanged(payload) && payload.issueKey === issueKey) onChange();
      })
      .then((subscription) => {
        if (active) unsubscribe = () => subscription.unsubscribe();
        else subscription.unsubscribe();
      })
      .catch(() => undefined);
  } catch {
    // No events in this host: the panel still works, it just does not follow the other one.
  }
  return () => {
    active = false;
    unsubscribe?.();
  };
}
