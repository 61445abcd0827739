import type { Classification, ReportView, SeverityEvent } from '@contract/report.contract';
import { type SyntheticEvent, useId, useState } from 'react';

import { type ViewerClock, formatDistance, formatWhen } from '../../shared/time';

import { TRIAGE_LABELS } from '@contract/report.values';
import { decisionOf, describePerson, eventLevelName, formerLevelName, reporterPickOf } from '../../shared/report-view';
import { NoticeBanner } from '../../ui/Banner';
import { FieldError, describedBy } from '../../ui/FieldMessages';
import { ChevronIcon } from '../../ui/icons';
import { COPY } from './report-copy';
import type { ReadyState } from './report-panel.state';
import type { ReportPanelActions } from './use-report-panel';

type ClassificationChoice = Pick<Classification, 'level' | 'kind' | 'classOfService'>;
type TriageKey = keyof typeof TRIAGE_LABELS;

const TRIAGE_SELECTS: ReadonlyArray<{ readonly key: TriageKey; readonly label: string }> = [
  { key: 'level', label: 'Level' },
  { key: 'kind', label: 'Kind' },
  { key: 'classOfService', label: 'Class of service' },
];

/**
 * The triager's tools, apart from the reporter's form and folded away until needed: decide the
 * severity (with a reason when it differs from the pick), classify, and the severity history.
 */
export function TriageSection({
  state,
  actions,
  locale,
  timezone,
  open,
  onToggle,
  now,
}: {
  readonly state: ReadyState;
  readonly actions: ReportPanelActions;
  readonly locale: string | undefined;
  readonly timezone: string | undefined;
  /** Kept by the panel, so it survives Jira rendering the frame again after a refresh. */
  readonly open: boolean;
  readonly onToggle: () => void;
  readonly now: Date;
}) {
  const regionId = useId();
  const { view } = state;
  return (
    <section className="fb-triage">
      <h2 className="fb-heading">
        <button type="button" className="fb-disclosure" aria-expanded={open} aria-controls={regionId} onClick={onToggle}>
          <ChevronIcon />
          Triage
        </button>
      </h2>
      <div id={regionId} className="fb-triage__body" hidden={!open}>
        <NoticeBanner notice={state.triageNotice} />
        {view.viewer.isTriager ? (
          <>
            {/* Keyed by the stored decision and classification: a new one resets the inputs to it. */}
            <DecideSeverity key={`decision-${decisionOf(view.report)?.at ?? 'none'}`} state={state} actions={actions} />
            <Classify key={`classification-${view.report?.classification?.classifiedAt ?? 'none'}`} state={state} actions={actions} />
          </>
        ) : (
          <p className="fb-note">{view.viewer.notTriagerReason}</p>
        )}
        <SeverityHistory view={view} viewer={{ locale, timeZone: timezone }} now={now} />
      </div>
    </section>
  );
}

function DecideSeverity({ state, actions }: { readonly state: ReadyState; readonly actions: ReportPanelActions }) {
  const id = useId();
  const { view } = state;
  const pickEvent = reporterPickOf(view.report);
  const pick = pickEvent?.level;
  // A level a scale change removed is no choice any more: the triager picks from the scale in force.
  const [level, setLevel] = useState([decisionOf(view.report)?.level, pick].find((candidate) => view.scale.some((option) => option.id === candidate)) ?? '');
  const [reason, setReason] = useState('');
  const busy = state.busy !== null;
  const levelError = state.fieldErrors['level'];
  const reasonError = state.fieldErrors['reason'];

  const onSubmit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (level === '') {
      actions.dispatch({ type: 'invalid', errors: { level: 'Choose the severity level you decide on.' } });
      return;
    }
    if (pick !== undefined && level !== pick && reason.trim() === '') {
      actions.dispatch({ type: 'invalid', errors: { reason: 'Say why the severity differs from the reporter’s pick.' } });
      return;
    }
    actions.decideSeverity({ level, reason });
  };

  return (
    <form className="fb-form fb-subform" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 className="fb-subheading" id={`${id}-heading`}>
        Decide severity
      </h3>
      <div className="fb-field">
        <label className="fb-label" htmlFor={`${id}-level`}>
          Decided severity
        </label>
        <select
          id={`${id}-level`}
          className="fb-select"
          value={level}
          disabled={busy}
          aria-invalid={levelError !== undefined}
          aria-describedby={describedBy(`${id}-pick`, levelError !== undefined && `${id}-level-error`)}
          onChange={(event) => {
            setLevel(event.target.value);
            actions.dispatch({ type: 'clearFieldError', field: 'level' });
          }}
        >
          {level === '' ? <option value="">Choose a level…</option> : null}
          {view.scale.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name}
            </option>
          ))}
        </select>
        <p className="fb-helper" id={`${id}-pick`}>
          {pick === undefined ? 'The reporter has not picked a severity yet.' : `The reporter picked ${eventLevelName(view.scale, pickEvent) ?? ''}.`}
        </p>
        <FieldError id={`${id}-level-error`} message={levelError} />
      </div>
      <div className="fb-field">
        <label className="fb-label" htmlFor={`${id}-reason`}>
          {COPY.reasonLabel}
        </label>
        <textarea
          id={`${id}-reason`}
          className="fb-textarea fb-textarea--short"
          rows={2}
          value={reason}
          readOnly={busy}
          aria-invalid={reasonError !== undefined}
          aria-describedby={describedBy(reasonError !== undefined && `${id}-reason-error`)}
          onChange={(event) => {
            setReason(event.target.value);
            actions.dispatch({ type: 'clearFieldError', field: 'reason' });
          }}
        />
        <FieldError id={`${id}-reason-error`} message={reasonError} />
      </div>
      <div className="fb-actions">
        <button type="submit" className="fb-button fb-button--primary" disabled={busy}>
          {state.busy === 'decide' ? 'Deciding…' : 'Decide severity'}
        </button>
      </div>
    </form>
  );
}

function Classify({ state, actions }: { readonly state: ReadyState; readonly actions: ReportPanelActions }) {
  const id = useId();
  const current = state.view.report?.classification ?? null;
  const [choice, setChoice] = useState<Record<TriageKey, string>>({
    level: current?.level ?? '',
    kind: current?.kind ?? '',
    classOfService: current?.classOfService ?? '',
  });
  const busy = state.busy !== null;

  const onSubmit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing = TRIAGE_SELECTS.filter(({ key }) => choice[key] === '');
    if (missing.length > 0) {
      actions.dispatch({ type: 'invalid', errors: Object.fromEntries(missing.map(({ key, label }) => [key, `Choose the ${label.toLowerCase()}.`])) });
      return;
    }
    actions.classify(choice as ClassificationChoice);
  };

  return (
    <form className="fb-form fb-subform" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 className="fb-subheading" id={`${id}-heading`}>
        Classify
      </h3>
      <div className="fb-grid">
        {TRIAGE_SELECTS.map(({ key, label }) => {
          const error = state.fieldErrors[key];
          return (
            <div className="fb-field" key={key}>
              <label className="fb-label" htmlFor={`${id}-${key}`}>
                {label}
              </label>
              <select
                id={`${id}-${key}`}
                className="fb-select"
                value={choice[key]}
                disabled={busy}
                aria-invalid={error !== undefined}
                aria-describedby={describedBy(error !== undefined && `${id}-${key}-error`)}
                onChange={(event) => {
                  setChoice((was) => ({ ...was, [key]: event.target.value }));
                  actions.dispatch({ type: 'clearFieldError', field: key });
                }}
              >
                <option value="">Choose…</option>
                {(Object.entries(TRIAGE_LABELS[key]) as Array<[string, string]>).map(([value, text]) => (
                  <option key={value} value={value}>
                    {text}
                  </option>
                ))}
              </select>
              <FieldError id={`${id}-${key}-error`} message={error} />
            </div>
          );
        })}
      </div>
      <div className="fb-actions">
        <button type="submit" className="fb-button fb-button--primary" disabled={busy}>
          {state.busy === 'classify' ? 'Saving…' : 'Save classification'}
        </button>
      </div>
    </form>
  );
}

/** Every pick and decision, newest first: who, when, what, why. */
function SeverityHistory({ view, viewer, now }: { readonly view: ReportView; readonly viewer: ViewerClock; readonly now: Date }) {
  const id = useId();
  const events = [...(view.report?.severityHistory ?? [])].reverse();
  return (
    <div className="fb-subform">
      <h3 className="fb-subheading" id={id}>
        Severity history
      </h3>
      {events.length === 0 ? (
        <p className="fb-note">No severity picked or decided yet.</p>
      ) : (
        <ol className="fb-history" aria-labelledby={id}>
          {events.map((event, index) => (
            <li key={`${event.at}-${String(index)}`} className="fb-history__item">
              <span>
                <strong>{describePerson(event.by, view)}</strong> {historyVerb(event)}{' '}
                <strong>{eventLevelName(view.scale, event)}</strong>
                <FormerName name={formerLevelName(view.scale, event)} />
                {event.onBehalfOf === undefined ? null : <> for {describePerson(event.onBehalfOf, view)}</>}
                {event.rule === undefined ? null : <> by rule “{event.rule}”</>}
              </span>
              <span className="fb-meta">
                <time dateTime={event.at}>{formatWhen(event.at, now, viewer)}</time> ({formatDistance(event.at, now, viewer.locale)})
              </span>
              {event.reason === undefined ? null : <p className="fb-history__reason">“{event.reason}”</p>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** What an entry's person did, before the level's name. disputes (issue 16 part 4): disputes and rulings. */
function historyVerb(event: SeverityEvent): string {
  if (event.ruling === 'kept') return 'ruled on the dispute: kept';
  if (event.ruling === 'changed') return 'ruled on the dispute: changed the severity to';
  switch (event.kind) {
    case 'decision':
      return 'decided';
    case 'scale-change':
      return 'changed the severity scale: now';
    case 'dispute':
      return 'disputed the decided severity, asking for';
    default:
      return 'picked';
  }
}

/** After a rename, what the level was called when this entry was made. */
function FormerName({ name }: { readonly name: string | undefined }) {
  return name === undefined ? null : <span className="fb-meta"> (called “{name}” then)</span>;
}
