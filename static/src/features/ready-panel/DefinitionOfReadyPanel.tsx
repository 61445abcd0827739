import type { ReportView } from '@contract/report.contract';
import { SEND_BACK_NOTE_MAX } from '@contract/report.values';
import type { ResolverResult } from '@contract/result';
import { useEffect, useId, useRef, useState } from 'react';

import type { CallResolver } from '../../api/client';
import { type ReadinessItem, canSendBack, groupReadiness, manualItemIdOf, openSendBackOf, reporterMissingOf } from '../../shared/report-view';
import { formatAbsolute, formatDistance } from '../../shared/time';
import { Banner, NoticeBanner } from '../../ui/Banner';
import { FieldError, describedBy } from '../../ui/FieldMessages';
import { CheckIcon, CrossIcon } from '../../ui/icons';
import { LoadFailed } from '../../ui/LoadFailed';
import { Shell } from '../../ui/Shell';
import { type ChecklistState, READY_COPY, canChangeChecklist, describeMissing, describeSendBackSteps, describeWaitedTotal, noteKey } from './ready-panel.state';
import { type ReadyPanelActions, useReadyPanel } from './use-ready-panel';
import { WipLine } from './WipLine';

export interface DefinitionOfReadyPanelProps {
  readonly issueKey: string;
  readonly locale?: string;
  readonly timezone?: string;
  readonly callResolver: CallResolver;
  /** `report/get`, already sent by `routes.tsx` while this chunk was downloading. */
  readonly firstLoad: Promise<ResolverResult<ReportView>>;
}

/** The "Definition of Ready" issue panel (`definition-of-ready-panel` in manifest.yml). */
export default function DefinitionOfReadyPanel(props: DefinitionOfReadyPanelProps) {
  const [state, actions] = useReadyPanel(props.issueKey, props.callResolver, props.firstLoad);
  if (state.status === 'loading') return <Shell label={READY_COPY.loading} />;
  if (state.status === 'failed') return <LoadFailed error={state.error} onRetry={actions.retry} />;
  return (
    <>
      <Checklist state={state} actions={actions} locale={props.locale} timezone={props.timezone} />
      <WipLine issueKey={props.issueKey} revision={state.view.report?.revision ?? 0} callResolver={props.callResolver} />
    </>
  );
}

interface ChecklistProps {
  readonly state: ChecklistState;
  readonly actions: ReadyPanelActions;
  readonly locale: string | undefined;
  readonly timezone: string | undefined;
}

function Checklist({ state, actions, locale, timezone }: ChecklistProps) {
  const { view } = state;
  const groups = groupReadiness(view.readiness.items);
  const canChange = canChangeChecklist(state);
  return (
    <div className="fb-panel">
      <NoticeBanner notice={state.notice} />
      <Verdict ready={view.readiness.ready} missing={groups.missing} />
      <Waiting view={view} locale={locale} timezone={timezone} />
      <ItemGroup title="From the reporter" items={groups.reporter} state={state} actions={actions} canChange={canChange} />
      <ItemGroup title="From the triager" items={groups.triager} state={state} actions={actions} canChange={canChange} />
      {canChange && canSendBack(view) ? <SendBack state={state} actions={actions} /> : null}
      {!view.canEdit && !state.editRevoked ? <p className="fb-note">{READY_COPY.readOnly}</p> : null}
      {view.canEdit && !view.viewer.isTriager ? <p className="fb-note">{view.viewer.notTriagerReason}</p> : null}
    </div>
  );
}

function Verdict({ ready, missing }: { readonly ready: boolean; readonly missing: number }) {
  return (
    <div className={ready ? 'fb-verdict fb-verdict--ready' : 'fb-verdict fb-verdict--not-ready'}>
      {ready ? <CheckIcon /> : <CrossIcon />}
      <h2 className="fb-verdict__title">{ready ? 'Ready' : 'Not ready'}</h2>
      {ready ? null : <p className="fb-verdict__count">{describeMissing(missing)}</p>}
    </div>
  );
}

/** The open send-back (since when, what was asked) and the waiting time so far. */
function Waiting({ view, locale, timezone }: { readonly view: ReportView; readonly locale: string | undefined; readonly timezone: string | undefined }) {
  const open = openSendBackOf(view.report);
  return (
    <>
      {open === undefined ? null : (
        <Banner tone="info" title={`Waiting for the reporter since ${formatAbsolute(open.sentAt, locale, timezone)}`}>
          <p>
            Sent {formatDistance(open.sentAt, new Date(), locale)} to {view.issue.reporter?.displayName ?? 'the reporter'}, asking for:
          </p>
          <ul className="fb-list">
            {open.missing.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </Banner>
      )}
      {view.waitingSeconds > 0 ? <p className="fb-meta">{describeWaitedTotal(view.waitingSeconds, open !== undefined)}</p> : null}
    </>
  );
}

function ItemGroup({
  title,
  items,
  state,
  actions,
  canChange,
}: {
  readonly title: string;
  readonly items: readonly ReadinessItem[];
  readonly state: ChecklistState;
  readonly actions: ReadyPanelActions;
  readonly canChange: boolean;
}) {
  const headingId = useId();
  if (items.length === 0) return null;
  return (
    <section className="fb-section" aria-labelledby={headingId}>
      <h3 className="fb-subheading" id={headingId}>
        {title}
      </h3>
      <ul className="fb-checklist">
        {items.map((item) => {
          const manualId = manualItemIdOf(item);
          const manual = manualId === undefined ? undefined : state.view.manualItems.find((candidate) => candidate.id === manualId);
          return manual !== undefined && canChange ? (
            <ManualItem key={item.id} item={item} manual={manual} state={state} actions={actions} />
          ) : (
            <li key={item.id} className="fb-checklist__item">
              <MetIcon met={item.met} />
              <div className="fb-checklist__body">
                <span>{item.label}</span>
                {item.met || item.detail === undefined ? null : <span className="fb-checklist__detail">{item.detail}</span>}
                {manualId === undefined ? null : <StoredNote note={state.view.report?.manualChecks[manualId]?.note} />}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function MetIcon({ met }: { readonly met: boolean }) {
  return (
    <span className="fb-checklist__mark">
      {met ? <CheckIcon /> : <CrossIcon />}
      <span className="fb-visually-hidden">{met ? 'Done:' : 'Missing:'}</span>
    </span>
  );
}

function StoredNote({ note }: { readonly note: string | undefined }) {
  return note === undefined || note === '' ? null : <span className="fb-checklist__note">Note: {note}</span>;
}

/** A triager's item: a checkbox, and a note when the item asks for one (e.g. a link to the reproduction). */
function ManualItem({
  item,
  manual,
  state,
  actions,
}: {
  readonly item: ReadinessItem;
  readonly manual: ReportView['manualItems'][number];
  readonly state: ChecklistState;
  readonly actions: ReadyPanelActions;
}) {
  const id = useId();
  const stored = state.view.report?.manualChecks[manual.id];
  const pending = state.busy?.kind === 'check' && state.busy.itemId === manual.id ? state.busy : undefined;
  const checked = pending?.checked ?? stored?.checked === true;
  const [note, setNote] = useState(stored?.note ?? '');
  const key = noteKey(manual.id);
  const error = state.fieldErrors[key];
  const busy = state.busy !== null;
  const noteChanged = note.trim() !== (stored?.note ?? '');

  // A newer stored note (the other panel, a reload) replaces the input unless the person is typing.
  const storedNote = stored?.note ?? '';
  const lastStored = useRef(storedNote);
  useEffect(() => {
    if (lastStored.current !== storedNote) setNote(storedNote);
    lastStored.current = storedNote;
  }, [storedNote]);

  const toggle = (next: boolean) => {
    if (next && manual.needsNote && note.trim() === '') {
      actions.dispatch({ type: 'invalid', key, message: `“${manual.label}” needs a note, for example a link. Add it, then tick the item.` });
      return;
    }
    actions.checkItem(manual.id, next, note);
  };

  return (
    <li className="fb-checklist__item fb-checklist__item--manual">
      <input
        id={id}
        type="checkbox"
        className="fb-checkbox"
        checked={checked}
        disabled={busy}
        aria-describedby={describedBy(!item.met && item.detail !== undefined && `${id}-detail`)}
        onChange={(event) => toggle(event.target.checked)}
      />
      <div className="fb-checklist__body">
        <label htmlFor={id}>{manual.label}</label>
        {item.met || item.detail === undefined ? null : (
          <span className="fb-checklist__detail" id={`${id}-detail`}>
            {item.detail}
          </span>
        )}
        {manual.needsNote ? (
          <div className="fb-field fb-note-field">
            <label className="fb-label" htmlFor={`${id}-note`}>
              Note<span className="fb-visually-hidden"> for {manual.label}</span>
            </label>
            <div className="fb-inline">
              <input
                id={`${id}-note`}
                className="fb-input"
                type="text"
                value={note}
                readOnly={busy}
                aria-invalid={error !== undefined}
                aria-describedby={describedBy(error !== undefined && `${id}-error`)}
                onChange={(event) => {
                  setNote(event.target.value);
                  actions.dispatch({ type: 'clearFieldError', key });
                }}
              />
              {stored?.checked === true && noteChanged ? (
                <button type="button" className="fb-button" disabled={busy} onClick={() => toggle(true)} aria-label={`Save note for ${manual.label}`}>
                  Save note
                </button>
              ) : null}
            </div>
            <FieldError id={`${id}-error`} message={error} />
          </div>
        ) : null}
      </div>
    </li>
  );
}

/**
 * Sending back asks first, saying everything it will do: the assignee and status change, exactly what
 * the reporter will be asked for, and the triager's own note, which goes into the comment as written.
 */
function SendBack({ state, actions }: { readonly state: ChecklistState; readonly actions: ReadyPanelActions }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  const noteId = useId();
  const [note, setNote] = useState('');
  const wasConfirming = useRef(state.confirming);
  useEffect(() => {
    if (state.confirming) headingRef.current?.focus();
    else if (wasConfirming.current) openerRef.current?.focus();
    wasConfirming.current = state.confirming;
  }, [state.confirming]);

  const reporter = state.view.issue.reporter?.displayName ?? 'the reporter';
  const missing = reporterMissingOf(state.view);
  const sending = state.busy?.kind === 'sendBack';
  const noteError = state.fieldErrors['note'];
  const over = note.length > SEND_BACK_NOTE_MAX;

  if (!state.confirming) {
    return (
      <div className="fb-actions">
        <button ref={openerRef} type="button" className="fb-button" disabled={state.busy !== null} onClick={() => actions.dispatch({ type: 'confirmSendBack' })}>
          Send back to reporter
        </button>
      </div>
    );
  }
  return (
    <section className="fb-confirm" aria-labelledby={headingId}>
      <h3 className="fb-subheading" id={headingId} ref={headingRef} tabIndex={-1}>
        Send back to {reporter}?
      </h3>
      <p>Firebreak will:</p>
      <ul className="fb-list">
        {describeSendBackSteps(state.view).map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ul>
      <p>The comment asks {reporter} for:</p>
      <ul className="fb-list">
        {missing.map((item) => (
          <li key={item.id}>{item.detail ?? item.label}</li>
        ))}
      </ul>
      <div className="fb-field">
        <label className="fb-label" htmlFor={noteId}>
          Your note to {reporter} (optional)
        </label>
        <textarea
          id={noteId}
          className="fb-textarea fb-textarea--compact"
          rows={3}
          value={note}
          readOnly={sending}
          aria-invalid={over || noteError !== undefined}
          aria-describedby={describedBy(`${noteId}-helper`, (over || noteError !== undefined) && `${noteId}-error`)}
          onChange={(event) => {
            setNote(event.target.value);
            actions.dispatch({ type: 'clearFieldError', key: 'note' });
          }}
        />
        <p className="fb-helper" id={`${noteId}-helper`}>
          Added to the comment as plain text, after the list. {note.length > SEND_BACK_NOTE_MAX * 0.8 ? `${String(note.length)} of ${String(SEND_BACK_NOTE_MAX)} characters.` : ''}
        </p>
        <FieldError id={`${noteId}-error`} message={over ? `Keep the note under ${SEND_BACK_NOTE_MAX.toLocaleString()} characters (${String(note.length - SEND_BACK_NOTE_MAX)} too many).` : noteError} />
      </div>
      <p className="fb-note">When the report is complete, the issue returns to triage and to {state.view.issue.assignee?.displayName ?? 'you'}.</p>
      <div className="fb-actions">
        <button type="button" className="fb-button fb-button--primary" disabled={state.busy !== null || over} onClick={() => actions.sendBack(note)}>
          {sending ? 'Sending back…' : 'Confirm send back'}
        </button>
        <button type="button" className="fb-button fb-button--subtle" disabled={sending} onClick={() => actions.dispatch({ type: 'cancelSendBack' })}>
          Cancel
        </button>
      </div>
    </section>
  );
}
