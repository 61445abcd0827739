import type { IncidentLogView, LogEntryView } from '@contract/incident-log.contract';
import { INCIDENT_LOG_LIMITS } from '@contract/incident-log.values';
import type { ResolverResult } from '@contract/result';
import { useCallback, useId, useRef, useState, type KeyboardEvent } from 'react';

import { useLatestLoad } from '../../app/use-latest-load';
import type { CallResolver } from '../../api/client';
import { newIdempotencyKey } from '../../shared/idempotency-key';
import { formatAbsolute } from '../../shared/time';
import { isoToLocal, localToIso } from '../../shared/zoned-time';
import { Playbook } from './Playbook';

interface Props {
  readonly issueKey: string;
  readonly callResolver: CallResolver;
  readonly locale: string | undefined;
  readonly timezone: string | undefined;
}

const zoneOf = (timezone: string | undefined): string => timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * log part (issue 16): the live incident log under the report. Type what was checked or done and
 * press Enter (Shift+Enter for a new line); a link and an earlier time are optional. Each submission
 * carries its own key, kept until it lands, so a double click or a retry after a failure adds one
 * entry. Newest first, with the author's name and the time in the viewer's zone. Loaded after the
 * report, like the on-call line; a log that cannot load hides (it says nothing wrong about the report).
 */
export function IncidentLog({ issueKey, callResolver, locale, timezone }: Props) {
  const [view, setView] = useState<IncidentLogView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const zone = zoneOf(timezone);

  const load = useCallback(() => callResolver('log/get', { issueKey }), [callResolver, issueKey]);
  useLatestLoad(load, (result) => {
    if (result.ok) setView(result.data);
  });

  /** Shows what a call answered: the new log, or why it was refused (the log as it was stays). */
  const settle = useCallback((result: ResolverResult<IncidentLogView>): boolean => {
    if (result.ok) {
      setView(result.data);
      setProblem(null);
      return true;
    }
    setProblem(result.error.message);
    return false;
  }, []);

  if (view === null || (!view.open && view.entries.length === 0)) return null;
  return (
    <section className="fb-log" aria-label="Incident log">
      <h3 className="fb-heading">Incident log</h3>
      {view.playbook === null ? null : <Playbook issueKey={issueKey} playbook={view.playbook} canTick={view.canAdd} callResolver={callResolver} locale={locale} timeZone={zone} onResult={settle} />}
      {view.canAdd ? <AddEntry issueKey={issueKey} callResolver={callResolver} timeZone={zone} onResult={settle} /> : <p className="fb-note">{view.cannotAddReason}</p>}
      {problem === null ? null : (
        <p className="fb-field-error" role="alert">
          {problem}
        </p>
      )}
      {view.entries.length === 0 ? (
        <p className="fb-note">No entries yet. Log each step as you go: what you checked or did, on which server, which build.</p>
      ) : (
        <ol className="fb-log__entries">
          {view.entries.map((entry) => (
            <Entry key={entry.id} entry={entry} issueKey={issueKey} callResolver={callResolver} locale={locale} timeZone={zone} onResult={settle} />
          ))}
        </ol>
      )}
    </section>
  );
}

function AddEntry({ issueKey, callResolver, timeZone, onResult }: { readonly issueKey: string; readonly callResolver: CallResolver; readonly timeZone: string; readonly onResult: (result: ResolverResult<IncidentLogView>) => boolean }) {
  const id = useId();
  const [text, setText] = useState('');
  const [link, setLink] = useState('');
  const [when, setWhen] = useState('');
  const [busy, setBusy] = useState(false);
  const [more, setMore] = useState(false);
  // One key per entry being written, renewed only once it landed: a retry of a failed add is the same submission.
  const submission = useRef(newIdempotencyKey());
  const textRef = useRef<HTMLTextAreaElement>(null);
  const tooLong = text.trim().length > INCIDENT_LOG_LIMITS.text;

  const submit = () => {
    if (busy || text.trim() === '' || tooLong) return;
    setBusy(true);
    const happenedAt = when === '' ? null : localToIso(when, timeZone);
    void callResolver('log/add', { issueKey, submissionId: submission.current, text, link: link.trim() === '' ? null : link.trim(), happenedAt }).then((result) => {
      setBusy(false);
      if (!onResult(result)) return;
      submission.current = newIdempotencyKey();
      setText('');
      setLink('');
      setWhen('');
      textRef.current?.focus();
    });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <div className="fb-log__add">
      <label className="fb-label" htmlFor={`${id}-text`}>
        What was checked or done
      </label>
      <textarea
        id={`${id}-text`}
        ref={textRef}
        className="fb-textarea fb-textarea--compact"
        rows={2}
        value={text}
        aria-invalid={tooLong}
        aria-describedby={`${id}-help`}
        placeholder="Rolled back build 412 on web-3"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <p id={`${id}-help`} className={tooLong ? 'fb-field-error' : 'fb-helper'}>
        {tooLong ? `Too long: at most ${INCIDENT_LOG_LIMITS.text.toLocaleString()} characters fit. Split it into two entries.` : 'Enter adds it, Shift+Enter starts a new line.'}
      </p>
      {more ? (
        <div className="fb-log__more">
          <label className="fb-label" htmlFor={`${id}-link`}>
            Link (optional)
          </label>
          <input id={`${id}-link`} className="fb-input" type="url" value={link} placeholder="https://" onChange={(event) => setLink(event.target.value)} />
          <label className="fb-label" htmlFor={`${id}-when`}>
            Happened at (optional, {timeZone})
          </label>
          <input id={`${id}-when`} className="fb-input" type="datetime-local" value={when} max={isoToLocal(new Date().toISOString(), timeZone)} onChange={(event) => setWhen(event.target.value)} />
        </div>
      ) : null}
      <div className="fb-actions">
        <button type="button" className="fb-button fb-button--primary" disabled={busy || text.trim() === '' || tooLong} aria-busy={busy} onClick={submit}>
          {busy ? 'Adding…' : 'Add to log'}
        </button>
        {more ? null : (
          <button type="button" className="fb-button fb-button--subtle" onClick={() => setMore(true)}>
            Add a link or an earlier time
          </button>
        )}
      </div>
    </div>
  );
}

function Entry({
  entry,
  issueKey,
  callResolver,
  locale,
  timeZone,
  onResult,
}: {
  readonly entry: LogEntryView;
  readonly issueKey: string;
  readonly callResolver: CallResolver;
  readonly locale: string | undefined;
  readonly timeZone: string;
  readonly onResult: (result: ResolverResult<IncidentLogView>) => boolean;
}) {
  const id = useId();
  const [mode, setMode] = useState<'read' | 'edit' | 'confirm-delete'>('read');
  const [text, setText] = useState(entry.text);
  const [link, setLink] = useState(entry.link ?? '');
  const [busy, setBusy] = useState(false);

  const save = () => {
    setBusy(true);
    void callResolver('log/edit', { issueKey, entryId: entry.id, baseVersion: entry.version, text, link: link.trim() === '' ? null : link.trim(), happenedAt: entry.happenedAt }).then((result) => {
      setBusy(false);
      if (onResult(result)) setMode('read');
    });
  };
  const remove = () => {
    setBusy(true);
    void callResolver('log/delete', { issueKey, entryId: entry.id, baseVersion: entry.version }).then((result) => {
      setBusy(false);
      onResult(result);
    });
  };

  return (
    <li className={`fb-log__entry${entry.fromPlaybook ? ' fb-log__entry--playbook' : ''}`}>
      <p className="fb-meta">
        <time dateTime={entry.happenedAt}>{formatAbsolute(entry.happenedAt, locale, timeZone)}</time> · {entry.author.displayName}
        {entry.editedAt === null ? null : ' · corrected'}
      </p>
      {mode === 'edit' ? (
        <div className="fb-log__more">
          <label className="fb-label" htmlFor={`${id}-text`}>
            Correct the entry
          </label>
          <textarea id={`${id}-text`} className="fb-textarea" rows={2} value={text} onChange={(event) => setText(event.target.value)} />
          <label className="fb-label" htmlFor={`${id}-link`}>
            Link (optional)
          </label>
          <input id={`${id}-link`} className="fb-input" type="url" value={link} onChange={(event) => setLink(event.target.value)} />
          <div className="fb-actions">
            <button type="button" className="fb-button fb-button--primary" disabled={busy || text.trim() === ''} aria-busy={busy} onClick={save}>
              {busy ? 'Saving…' : 'Save correction'}
            </button>
            <button type="button" className="fb-button fb-button--subtle" disabled={busy} onClick={() => setMode('read')}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <p className="fb-text">
          {entry.text}
          {entry.link === null ? null : (
            <>
              {' '}
              <a href={entry.link} target="_blank" rel="noopener noreferrer">
                Link
              </a>
            </>
          )}
        </p>
      )}
      {entry.mine && mode === 'read' ? (
        <div className="fb-inline">
          <button type="button" className="fb-button fb-button--subtle" onClick={() => setMode('edit')}>
            Correct
          </button>
          <button type="button" className="fb-button fb-button--subtle" onClick={() => setMode('confirm-delete')}>
            Delete
          </button>
        </div>
      ) : null}
      {mode === 'confirm-delete' ? (
        <div className="fb-inline" role="group" aria-label="Delete this entry?">
          <span className="fb-note">Delete this entry from the log?</span>
          <button type="button" className="fb-button" disabled={busy} aria-busy={busy} onClick={remove}>
            {busy ? 'Deleting…' : 'Delete entry'}
          </button>
          <button type="button" className="fb-button fb-button--subtle" disabled={busy} onClick={() => setMode('read')}>
            Keep it
          </button>
        </div>
      ) : null}
    </li>
  );
}
