import type { ReportView } from '@contract/report.contract';
import type { ResolverResult } from '@contract/result';
import { useCallback, useEffect, useId, useRef, useState } from 'react';

import type { CallResolver } from '../../api/client';
import { openSendBackOf } from '../../shared/report-view';
import { Banner, NoticeBanner } from '../../ui/Banner';
import { LoadFailed } from '../../ui/LoadFailed';
import { Shell } from '../../ui/Shell';
import { COPY, describeWaiting } from './report-copy';
import { formatWhen } from '../../shared/time';
import { ReportForm } from './ReportForm';
import { OnCallLine } from './OnCallLine';
import { IncidentLog } from './IncidentLog';
import { PostmortemLine } from './PostmortemLine';
import { StakeholderUpdates } from './StakeholderUpdates'; // part: updates (issue 16)
import { type ReadyState, canEditReport } from './report-panel.state';
import { ReportSummary } from './ReportSummary';
import { TriageSection } from './TriageSection';
// disputes (issue 16 part 4)
import { DisputeSection } from './DisputeSection';
import { type ReportPanelActions, useReportPanel } from './use-report-panel';

export interface ReportPanelProps {
  readonly issueKey: string;
  readonly locale?: string;
  readonly timezone?: string;
  readonly callResolver: CallResolver;
  /** `report/get`, already sent by `routes.tsx` while this chunk was downloading. */
  readonly firstLoad: Promise<ResolverResult<ReportView>>;
}

/** The "Production report" issue panel (`production-report-panel` in manifest.yml). */
export default function ReportPanel(props: ReportPanelProps) {
  const [state, actions] = useReportPanel(props.issueKey, props.callResolver, props.firstLoad, props.locale);

  if (state.status === 'loading') return <Shell label={COPY.loading} />;
  if (state.status === 'failed') return <LoadFailed error={state.error} onRetry={actions.retry} />;
  return <ReadyPanel state={state} actions={actions} {...props} />;
}

function ReadyPanel({ state, actions, locale, timezone, issueKey, callResolver }: { readonly state: ReadyState; readonly actions: ReportPanelActions } & ReportPanelProps) {
  const canEdit = canEditReport(state);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  const previousMode = useRef(state.mode);
  // Leaving the editor (save or cancel) puts focus back on the button that opened it.
  useEffect(() => {
    if (previousMode.current === 'edit' && state.mode === 'read') editButtonRef.current?.focus();
    previousMode.current = state.mode;
  }, [state.mode]);
  const { view } = state;
  const now = useNow();
  const [triageOpen, toggleTriage] = useRememberedOpen(`firebreak:triage-open:${issueKey}`);

  return (
    <div className="fb-panel">
      <NoticeBanner notice={state.notice} />
      <WaitingBanner view={view} locale={locale} timezone={timezone} now={now} />
      {view.issue.isProductionType ? null : <p className="fb-note fb-note--boxed">{COPY.notProductionType}</p>}
      {state.strandedDraft === null ? null : <StrandedDraft text={state.strandedDraft} onDismiss={() => actions.dispatch({ type: 'dismissStranded' })} />}
      {state.mode === 'edit' ? (
        <ReportForm state={state} actions={actions} locale={locale} />
      ) : (
        <ReportSummary
          view={view}
          canEdit={canEdit}
          onEdit={() => actions.dispatch({ type: 'edit' })}
          editButtonRef={editButtonRef}
          locale={locale}
          timezone={timezone}
          now={now}
          showClassification={!(canEdit && triageOpen)}
        />
      )}
      {canEdit && state.mode === 'read' ? (
        <TriageSection state={state} actions={actions} locale={locale} timezone={timezone} open={triageOpen} onToggle={toggleTriage} now={now} />
      ) : null}
      {/* disputes (issue 16 part 4): for everyone who may dispute or rule, not only those who edit. */}
      {state.mode === 'read' ? (
        <DisputeSection issueKey={issueKey} callResolver={callResolver} view={view} viewer={{ locale, timeZone: timezone }} now={now} onReport={(result) => actions.dispatch({ type: 'refreshed', result })} />
      ) : null}
      {!view.canEdit && !state.editRevoked ? <p className="fb-note">{COPY.readOnly}</p> : null}
      <OnCallLine issueKey={issueKey} callResolver={callResolver} locale={locale} timezone={timezone} />
      <PostmortemLine issueKey={issueKey} callResolver={callResolver} />
      {/* log part (issue 16): the live incident log, with the all-hands playbook */}
      <IncidentLog issueKey={issueKey} callResolver={callResolver} locale={locale} timezone={timezone} />
      {/* part: updates (issue 16) */}
      <StakeholderUpdates issueKey={issueKey} callResolver={callResolver} locale={locale} timezone={timezone} />
    </div>
  );
}

/** While the issue waits for the reporter: what they were asked for, addressed to them if it is them. */
function WaitingBanner({ view, locale, timezone, now }: { readonly view: ReportView; readonly locale: string | undefined; readonly timezone: string | undefined; readonly now: Date }) {
  const open = openSendBackOf(view.report);
  if (open === undefined) return null;
  const { title, intro, items, outro } = describeWaiting(formatWhen(open.sentAt, now, { locale, timeZone: timezone }), open.missing, view.viewer.isReporter);
  return (
    <Banner tone={view.viewer.isReporter ? 'warning' : 'info'} title={title}>
      <p>{intro}</p>
      <ul className="fb-list">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <p>{outro}</p>
    </Banner>
  );
}

function StrandedDraft({ text, onDismiss }: { readonly text: string; readonly onDismiss: () => void }) {
  const id = useId();
  return (
    <div className="fb-stranded">
      <label className="fb-label" htmlFor={id}>
        {COPY.strandedLabel}
      </label>
      <textarea id={id} className="fb-textarea fb-textarea--readonly" value={text} readOnly rows={4} />
      <div className="fb-actions">
        <button type="button" className="fb-button fb-button--subtle" onClick={onDismiss}>
          Dismiss your unsaved text
        </button>
      </div>
    </div>
  );
}

/** The current time, again every 30 seconds, so "in 12 min" and "overdue" stay true while the panel is open. */
function useNow(everyMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * Whether a disclosure is open, kept for this browser tab: Jira renders the issue view's frames
 * again when an action refreshes it, and a triager who opened Triage to decide then classify should
 * find it still open. Storage the host refuses only means it starts folded.
 */
function useRememberedOpen(key: string): readonly [boolean, () => void] {
  const [open, setOpen] = useState(() => {
    try {
      return window.sessionStorage.getItem(key) === 'open';
    } catch {
      return false;
    }
  });
  const toggle = useCallback(() => {
    setOpen((was) => {
      try {
        window.sessionStorage.setItem(key, was ? 'closed' : 'open');
      } catch {
        // Folded again on the next render of the frame; nothing else depends on it.
      }
      return !was;
    });
  }, [key]);
  return [open, toggle] as const;
}
