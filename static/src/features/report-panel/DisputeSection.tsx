/**
 * disputes (issue 16 part 4): "Dispute this severity" for the reporter and anyone who may comment,
 * the open dispute (who, when, why, and when the ruling is due), and for the project's authority
 * "Keep Critical" / "Change to …" with a reason. Who may is decided by the backend; this only shows
 * what `dispute/get` answers, in names and the viewer's own time zone.
 */
import type { ReportView } from '@contract/report.contract';
import type { DisputeResult, DisputeView } from '@contract/severity-dispute.contract';
import type { ResolverResult } from '@contract/result';
import { DISPUTE_LIMITS } from '@contract/severity-dispute.values';
import { useCallback, useId, useState } from 'react';

import { useLatestLoad } from '../../app/use-latest-load';
import type { CallResolver } from '../../api/client';
import { flagSuccess } from '../../platform/flags';
import { showIssueChanges } from '../../platform/issue-view';
import { type ViewerClock, formatDistance, formatWhen } from '../../shared/time';
import { NoticeBanner } from '../../ui/Banner';
import { FieldError } from '../../ui/FieldMessages';

interface Props {
  readonly issueKey: string;
  readonly callResolver: CallResolver;
  /** The panel's view: a new revision (a decision, a ruling elsewhere) reads the dispute again. */
  readonly view: ReportView;
  readonly viewer: ViewerClock;
  readonly now: Date;
  /** The panel takes the refreshed report the dispute or ruling answered with. */
  readonly onReport: (result: ResolverResult<ReportView>) => void;
}

type Notice = { readonly tone: 'error' | 'warning' | 'info'; readonly message: string } | null;

export function DisputeSection({ issueKey, callResolver, view, viewer, now, onReport }: Props) {
  const id = useId();
  const [dispute, setDispute] = useState<DisputeView | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [level, setLevel] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const revision = view.report?.revision ?? 0;

  const load = useCallback(() => callResolver('dispute/get', { issueKey }), [callResolver, issueKey]);
  useLatestLoad(
    load,
    (result) => {
      if (result.ok) setDispute(result.data);
    },
    revision,
  );

  const finish = useCallback(
    (result: ResolverResult<DisputeResult>, changedJira: boolean) => {
      setBusy(false);
      if (!result.ok) {
        if (result.error.field === 'reason' || result.error.field === 'level') setFieldError(result.error.message);
        else setNotice({ tone: 'error', message: result.error.message });
        // A refusal may come from a dispute or ruling someone else made meanwhile: show it.
        void callResolver('dispute/get', { issueKey }).then((fresh) => fresh.ok && setDispute(fresh.data));
        return;
      }
      setDispute(result.data.dispute);
      setFormOpen(false);
      setReason('');
      setFieldError(undefined);
      setNotice(result.data.outcome.tone === 'success' ? null : { tone: result.data.outcome.tone, message: result.data.outcome.message });
      if (result.data.outcome.tone === 'success') flagSuccess(changedJira ? 'Severity changed by ruling' : 'Done', result.data.outcome.message);
      onReport({ ok: true, data: result.data.report });
      if (changedJira) showIssueChanges(result.data.outcome);
    },
    [callResolver, issueKey, onReport],
  );

  if (dispute === null || dispute.decided === null) return null;
  const decided = dispute.decided;
  const others = view.scale.filter((candidate) => candidate.id !== decided.id);
  const tooShort = reason.trim().length < DISPUTE_LIMITS.reasonMin;

  const sendDispute = () => {
    if (busy) return;
    if (level === '') { setFieldError('Choose the level you think is right.'); return; }
    if (tooShort) { setFieldError(`Say why (at least ${String(DISPUTE_LIMITS.reasonMin)} characters).`); return; }
    setBusy(true);
    setNotice(null);
    void callResolver('dispute/open', { issueKey, level, reason: reason.trim() }).then((result) => finish(result, false));
  };

  const sendRuling = (ruled: string) => {
    const open = dispute.open;
    if (busy || open === null) return;
    if (tooShort) { setFieldError(`Give the reason for your ruling (at least ${String(DISPUTE_LIMITS.reasonMin)} characters).`); return; }
    setBusy(true);
    setNotice(null);
    void callResolver('dispute/rule', { issueKey, disputeAt: open.at, level: ruled, reason: reason.trim(), actionId: crypto.randomUUID() }).then((result) => finish(result, ruled !== decided.id));
  };

  const when = (iso: string) => formatWhen(iso, now, viewer);
  const reasonField = (label: string) => (
    <div className="fb-field">
      <label className="fb-label" htmlFor={`${id}-reason`}>
        {label}
      </label>
      <textarea
        id={`${id}-reason`}
        className="fb-textarea"
        rows={3}
        maxLength={DISPUTE_LIMITS.reasonMax}
        value={reason}
        disabled={busy}
        aria-invalid={fieldError !== undefined}
        aria-describedby={fieldError === undefined ? undefined : `${id}-error`}
        onChange={(event) => {
          setReason(event.target.value);
          setFieldError(undefined);
        }}
      />
      <FieldError id={`${id}-error`} message={fieldError} />
    </div>
  );

  return (
    <section className="fb-subform fb-dispute" aria-labelledby={`${id}-title`}>
      <h3 className="fb-subheading" id={`${id}-title`}>
        Severity dispute
      </h3>
      <NoticeBanner notice={notice} />
      {dispute.open === null ? null : (
        <div className="fb-dispute__open">
          <p>
            <strong>{dispute.open.byName}</strong> disputed <strong>{decided.name}</strong> (<time dateTime={dispute.open.at}>{when(dispute.open.at)}</time>), asking for <strong>{dispute.open.level.name}</strong>:
          </p>
          <p className="fb-history__reason">“{dispute.open.reason}”</p>
          {Date.parse(dispute.open.dueAt) > now.getTime() ? (
            <p className="fb-meta">
              Ruling due by <time dateTime={dispute.open.dueAt}>{when(dispute.open.dueAt)}</time> ({formatDistance(dispute.open.dueAt, now, viewer.locale)}). {capitalise(dispute.authority)} {dispute.authority.startsWith('members') ? 'have' : 'has'} the final say.
            </p>
          ) : (
            <p className="fb-dispute__overdue" role="status">
              The ruling is overdue: it was due by <time dateTime={dispute.open.dueAt}>{when(dispute.open.dueAt)}</time>. {capitalise(dispute.authority)} {dispute.authority.startsWith('members') ? 'have' : 'has'} the final say
              {dispute.open.remindedAt === null ? (
                ' and will be reminded by email.'
              ) : (
                <>
                  {' '}
                  and {dispute.authority.startsWith('members') ? 'were' : 'was'} reminded by email at <time dateTime={dispute.open.remindedAt}>{when(dispute.open.remindedAt)}</time>.
                </>
              )}
            </p>
          )}
          {dispute.canRule ? (
            <div className="fb-dispute__ruling">
              {reasonField('Reason for your ruling')}
              <div className="fb-actions">
                <button type="button" className="fb-button" disabled={busy} onClick={() => sendRuling(decided.id)}>
                  Keep {decided.name}
                </button>
                {others.map((other) => (
                  <button key={other.id} type="button" className={other.id === dispute.open?.level.id ? 'fb-button fb-button--primary' : 'fb-button'} disabled={busy} onClick={() => sendRuling(other.id)}>
                    Change to {other.name}
                  </button>
                ))}
              </div>
            </div>
          ) : null}
        </div>
      )}
      {dispute.open === null && dispute.lastRuling !== null ? (
        <p className="fb-note">
          Dispute by {dispute.lastRuling.disputedByName} ruled by <strong>{dispute.lastRuling.byName}</strong> (<time dateTime={dispute.lastRuling.at}>{when(dispute.lastRuling.at)}</time>): {dispute.lastRuling.level.name}{' '}
          {dispute.lastRuling.outcome === 'kept' ? 'kept' : 'decided instead'}, because “{dispute.lastRuling.reason}”.
        </p>
      ) : null}
      {dispute.canDispute && !formOpen ? (
        <button type="button" className="fb-button" onClick={() => setFormOpen(true)}>
          Dispute this severity
        </button>
      ) : null}
      {dispute.canDispute && formOpen ? (
        <div className="fb-dispute__form">
          <p className="fb-helper">
            Decided: <strong>{decided.name}</strong>. {capitalise(dispute.authority)} {dispute.authority.startsWith('members') ? 'have' : 'has'} the final say and rule within the level’s time box.
          </p>
          <div className="fb-field">
            <label className="fb-label" htmlFor={`${id}-level`}>
              The level you think is right
            </label>
            <select id={`${id}-level`} className="fb-select" value={level} disabled={busy} onChange={(event) => setLevel(event.target.value)}>
              <option value="">Choose a level</option>
              {others.map((other) => (
                <option key={other.id} value={other.id}>
                  {other.name}
                </option>
              ))}
            </select>
          </div>
          {reasonField('Why')}
          <div className="fb-actions">
            <button type="button" className="fb-button fb-button--primary" disabled={busy} onClick={sendDispute}>
              {busy ? 'Sending…' : 'Send dispute'}
            </button>
            <button type="button" className="fb-button fb-button--subtle" disabled={busy} onClick={() => setFormOpen(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {!dispute.canDispute && dispute.open === null && dispute.whyNotDispute !== null ? <p className="fb-note">{dispute.whyNotDispute}</p> : null}
    </section>
  );
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
