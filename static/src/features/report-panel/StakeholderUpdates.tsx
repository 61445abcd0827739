import type { KeptUpdate, MissedUpdate, StakeholderUpdatesView } from '@contract/stakeholder-updates.contract';
import { UPDATE_TEXT_MAX } from '@contract/stakeholder-updates.values';
import { useCallback, useId, useRef, useState } from 'react';

import { useLatestLoad } from '../../app/use-latest-load';
import type { CallResolver } from '../../api/client';
import { flagSuccess } from '../../platform/flags';
import { formatWhen, formatWhenFromNow, type ViewerClock } from '../../shared/time';

/** One click's id: a retry of the same click (after a rate limit) reuses it, so Jira sends once. */
const newActionId = (): string => `upd-${globalThis.crypto.randomUUID()}`;

const KIND_LABELS: Readonly<Record<KeptUpdate['kind'], string>> = { update: 'Update', 'nothing-new': 'Nothing new', closing: 'Closing update' };

/**
 * Stakeholder updates (issue 16, part: updates): Post update and "Nothing new" for the people who
 * run the incident, the kept updates newest first, and Follow updates for everyone. Loaded after the
 * report, like the on-call line; failing to load hides it (it is an extra).
 */
export function StakeholderUpdates({ issueKey, callResolver, locale, timezone }: { readonly issueKey: string; readonly callResolver: CallResolver; readonly locale: string | undefined; readonly timezone: string | undefined }) {
  const id = useId();
  const [view, setView] = useState<StakeholderUpdatesView | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState<'post' | 'nothing-new' | 'follow' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  /** The pending click per button: kept after a refusal Jira may retry (a rate limit), new after success. */
  const actionIds = useRef<{ post: string; nothingNew: string }>({ post: newActionId(), nothingNew: newActionId() });

  const load = useCallback(() => callResolver('updates/get', { issueKey }), [callResolver, issueKey]);
  useLatestLoad(load, (result) => {
    if (result.ok) setView(result.data);
  });

  if (view === null || !view.shown) return null;
  const viewer = { locale, timeZone: timezone };
  const now = new Date();

  const send = (nothingNew: boolean) => {
    if (busy !== null) return;
    setBusy(nothingNew ? 'nothing-new' : 'post');
    setProblem(null);
    const actionId = nothingNew ? actionIds.current.nothingNew : actionIds.current.post;
    void callResolver('updates/post', { issueKey, actionId, nothingNew, text: nothingNew ? '' : text }).then(async (result) => {
      setBusy(null);
      if (result.ok) {
        setView(result.data);
        if (nothingNew) actionIds.current.nothingNew = newActionId();
        else {
          actionIds.current.post = newActionId();
          setText('');
        }
        flagSuccess('Update sent to the stakeholders.');
        return;
      }
      setProblem(result.error.message);
      // Only a rate limit may be retried with the same click; anything else starts a new one.
      if (result.error.code !== 'RATE_LIMITED') {
        if (nothingNew) actionIds.current.nothingNew = newActionId();
        else actionIds.current.post = newActionId();
      }
      const again = await load();
      if (again.ok) setView(again.data);
    });
  };

  const follow = (on: boolean) => {
    if (busy !== null) return;
    setBusy('follow');
    setProblem(null);
    void callResolver('updates/follow', { issueKey, follow: on }).then((result) => {
      setBusy(null);
      if (result.ok) setView(result.data);
      else setProblem(result.error.message);
    });
  };

  const tooLong = text.length > UPDATE_TEXT_MAX;
  return (
    <section className="fb-section fb-updates" aria-labelledby={`${id}-heading`}>
      <h3 className="fb-subheading" id={`${id}-heading`}>
        Stakeholder updates
      </h3>
      {view.offered ? (
        <p className="fb-meta">
          {view.levelName}: to {view.audience}.{' '}
          {view.nextUpdateDueAt === null ? null : <span>Next update due {formatWhenFromNow(view.nextUpdateDueAt, now, viewer)}.</span>}
        </p>
      ) : (
        <p className="fb-note">{view.whyNot}</p>
      )}
      {view.missed === null ? null : <MissedLine missed={view.missed} now={now} viewer={viewer} />}
      {view.offered && view.canPost ? (
        <div className="fb-updates-form">
          <label className="fb-label" htmlFor={`${id}-text`}>
            Update (subject “{view.subject}”)
          </label>
          <textarea id={`${id}-text`} className="fb-input" rows={3} value={text} disabled={busy !== null} aria-invalid={tooLong} onChange={(event) => setText(event.target.value)} />
          <p className={tooLong ? 'fb-field-error' : 'fb-meta'}>
            {text.length} of {UPDATE_TEXT_MAX} characters{tooLong ? ': shorten it to a few sentences.' : ''}
          </p>
          <div className="fb-inline">
            <button type="button" className="fb-button fb-button--primary" disabled={busy !== null || tooLong || text.trim() === ''} aria-busy={busy === 'post'} onClick={() => send(false)}>
              {busy === 'post' ? 'Sending…' : 'Post update'}
            </button>
            <button type="button" className="fb-button" disabled={busy !== null} aria-busy={busy === 'nothing-new'} onClick={() => send(true)}>
              {busy === 'nothing-new' ? 'Sending…' : 'Nothing new'}
            </button>
          </div>
        </div>
      ) : view.offered ? (
        <p className="fb-meta">{view.whoMayPost}</p>
      ) : null}
      <div className="fb-inline">
        <button type="button" className="fb-button fb-button--subtle" disabled={busy !== null} aria-busy={busy === 'follow'} onClick={() => follow(!view.watching)}>
          {view.watching ? 'Unfollow updates' : 'Follow updates'}
        </button>
        <span className="fb-meta">{view.watching ? 'You watch this issue: updates reach you.' : 'Watch this issue to get every update by email.'}</span>
      </div>
      {problem === null ? null : (
        <p className="fb-field-error" role="alert">
          {problem}
        </p>
      )}
      {view.updates.length === 0 ? null : (
        <ol className="fb-updates-list" aria-label="Updates sent, newest first">
          {view.updates.map((update) => (
            <li key={update.actionId} className="fb-updates-item">
              <p className="fb-meta">
                {KIND_LABELS[update.kind]} by {update.by.displayName}, {formatWhen(update.at, now, viewer)}
                {update.status === 'sent' ? '' : update.status === 'sending' ? ' (sending…)' : ' (not sent)'}
              </p>
              <p className="fb-updates-text">{update.text}</p>
              {update.nextDueAt === null ? null : <p className="fb-meta">Next update by {formatWhen(update.nextDueAt, now, viewer)}</p>}
              {update.problem === undefined ? null : <p className="fb-field-error">{update.problem}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/**
 * The current due time's miss: "Overdue since 14:30; escalated to Sam Okafor at 15:02", or what is
 * still to come, or why the contact was not told. Times on the viewer's clock.
 */
function MissedLine({ missed, now, viewer }: { readonly missed: MissedUpdate; readonly now: Date; readonly viewer: ViewerClock }) {
  const when = (iso: string) => formatWhen(iso, now, viewer);
  const since = `Overdue since ${when(missed.dueAt)}`;
  let text: string;
  if (missed.status === 'escalated' && missed.escalatedAt !== null) text = `${since}; escalated to ${missed.contactName ?? 'the escalation contact'} at ${when(missed.escalatedAt)}.`;
  else if (missed.status === 'pending' || missed.status === 'sending') {
    text = `${since}; the assignee was reminded at ${when(missed.remindedAt)}.${missed.contactName === null ? ' The level has no escalation contact, so nobody else is told.' : ` If nobody posts, ${missed.contactName} hears at ${when(missed.escalateAt)}.`}`;
  } else text = `${since}; the assignee was reminded at ${when(missed.remindedAt)}. ${missed.note ?? ''}`.trim();
  const problem = missed.status === 'undeliverable' || missed.status === 'failed';
  return (
    <p className={problem ? 'fb-field-error' : 'fb-note'} role={missed.status === 'escalated' || problem ? 'status' : undefined}>
      {text}
    </p>
  );
}
