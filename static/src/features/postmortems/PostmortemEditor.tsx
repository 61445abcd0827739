import type { PostmortemView, QuestionId } from '@contract/postmortem.contract';
import { type ReactNode, useEffect, useId, useState } from 'react';

import { FIVE_QUESTIONS, REMEDIATION_PRIORITIES } from '@contract/postmortem.values';
import { formatAbsolute } from '../../shared/time';
import { timeZoneChoices } from '../../shared/zoned-time';
import { Banner } from '../../ui/Banner';
import { FieldError } from '../../ui/FieldMessages';
import { Lozenge } from '../../ui/Lozenge';
import { IssueLink } from './IssueLink';
import {
  type ActionDraft,
  type PostmortemDraft,
  type RemediationDraft,
  IMPACT_TIMES,
  addManualEntry,
  linkIncident,
  newAction,
  newRemediation,
  removeAt,
  replaceAt,
  unlinkIncident,
  updateEntry,
} from './postmortem-draft';
import { type EditorState, EDITOR_COPY, STATUS_MOVES, blameHintSentence, canEditPostmortem, isEditorDirty } from './postmortem-editor.state';
import { STATUS_LABELS, STATUS_TONES } from './postmortem-list';
import type { MergeConflict } from './postmortem-merge';
import { PrintView } from './PrintView';
import type { PostmortemsActions } from './use-postmortems';

interface EditorProps {
  readonly state: EditorState;
  readonly actions: PostmortemsActions;
  readonly accountId: string | undefined;
  readonly locale: string | undefined;
  readonly timezone: string | undefined;
}

type EditFn = (change: (draft: PostmortemDraft) => PostmortemDraft) => void;

const PRIORITY_LABELS = { high: 'High', medium: 'Medium', low: 'Low' } as const;

/** One opened postmortem: the blameless editor, its status controls, the export and the print layout. */
export function PostmortemEditor({ state, actions, accountId, locale, timezone }: EditorProps) {
  const id = useId();
  const [printing, setPrinting] = useState(false);
  const [showMarkdown, setShowMarkdown] = useState(false);
  const [confirmingLeave, setConfirmingLeave] = useState(false);
  const { view, draft } = state;
  const pm = view.postmortem;
  const canEdit = canEditPostmortem(state);
  const disabled = !canEdit || state.busy !== null;
  const dirty = isEditorDirty(state);
  const edit: EditFn = (change) => actions.dispatch({ type: 'edit', change });

  useEffect(() => {
    if (printing && typeof window.print === 'function') window.print();
  }, [printing]);

  if (printing) {
    return (
      <div className="fb-panel fb-pm fb-pm--print">
        <div className="fb-actions fb-no-print">
          <button type="button" className="fb-button" onClick={() => setPrinting(false)}>
            Close printable view
          </button>
        </div>
        <PrintView view={view} draft={draft} locale={locale} />
      </div>
    );
  }

  return (
    <form
      className="fb-panel fb-pm"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        actions.save();
      }}
    >
      <div className="fb-actions">
        <button type="button" className="fb-button fb-button--subtle" onClick={() => (dirty ? setConfirmingLeave(true) : actions.back())}>
          Back to all postmortems
        </button>
      </div>
      {confirmingLeave && dirty ? (
        <div className="fb-confirm" role="group" aria-labelledby={`${id}-leave`}>
          <p id={`${id}-leave`}>{EDITOR_COPY.confirmLeave}</p>
          <div className="fb-actions">
            <button type="button" className="fb-button fb-button--primary" onClick={() => setConfirmingLeave(false)}>
              Keep editing
            </button>
            <button type="button" className="fb-button" onClick={actions.back}>
              Discard changes and go back
            </button>
          </div>
        </div>
      ) : null}
      <header className="fb-settings__header">
        <h1 className="fb-title" id={`${id}-title`}>
          {pm.title}
        </h1>
        <p className="fb-meta">
          Owner: {view.names[pm.owner] ?? pm.owner} · Updated {formatAbsolute(pm.updatedAt, locale, timezone)}
          {pm.publishedAt === null ? null : ` · Published ${formatAbsolute(pm.publishedAt, locale, timezone)}`}
        </p>
      </header>
      <p className="fb-note fb-note--boxed">{EDITOR_COPY.blameless}</p>
      {state.notice === null ? null : <Banner tone={state.notice.tone}>{state.notice.message}</Banner>}
      {state.stranded.length === 0 ? null : <Stranded conflicts={state.stranded} onDismiss={() => actions.dispatch({ type: 'dismissStranded' })} />}
      {canEdit ? null : <Banner tone="info">{EDITOR_COPY.readOnly}</Banner>}
      {view.blameHints.length === 0 ? null : (
        <aside className="fb-pm__hints" aria-labelledby={`${id}-hints`}>
          <h2 className="fb-subheading" id={`${id}-hints`}>
            Blame phrasing hints
          </h2>
          <ul className="fb-list">
            {view.blameHints.map((hint, at) => (
              <li key={at} title={hint.why}>
                {blameHintSentence(hint)}
              </li>
            ))}
          </ul>
          <p className="fb-helper">Suggestions only: you can save either way.</p>
        </aside>
      )}

      <StatusControls state={state} actions={actions} disabled={disabled} dirty={dirty} />

      <div className="fb-actions">
        {canEdit ? (
          <button type="submit" className="fb-button fb-button--primary" disabled={state.busy !== null}>
            {state.busy === 'save' ? 'Saving…' : 'Save postmortem'}
          </button>
        ) : null}
        <button type="button" className="fb-button" aria-expanded={showMarkdown} aria-controls={`${id}-md`} onClick={() => setShowMarkdown((shown) => !shown)}>
          Export Markdown
        </button>
        <button type="button" className="fb-button" onClick={() => setPrinting(true)}>
          Printable view
        </button>
        {dirty && state.busy === null ? <span className="fb-meta">You have unsaved changes.</span> : null}
      </div>
      {showMarkdown ? <MarkdownExport id={`${id}-md`} markdown={view.markdown} dirty={dirty} /> : null}

      <Field id={`${id}-name`} label="Title" error={state.fieldErrors['title']}>
        {(props) => <input {...props} className="fb-input" value={draft.title} readOnly={!canEdit} disabled={state.busy !== null} onChange={(event) => edit((d) => ({ ...d, title: event.target.value }))} />}
      </Field>

      <ArtifactsSection state={state} edit={edit} disabled={disabled} />
      <ImpactSection state={state} edit={edit} disabled={disabled} timezone={timezone} />
      <TimelineSection state={state} actions={actions} edit={edit} disabled={disabled} dirty={dirty} accountId={accountId} locale={locale} />
      <QuestionsSection state={state} edit={edit} disabled={disabled} />
      <ActionsSection state={state} actions={actions} edit={edit} disabled={disabled} dirty={dirty} />
      <RemediationSection state={state} edit={edit} disabled={disabled} />
    </form>
  );
}

// ── Small pieces ────────────────────────────────────────────────────────────────────────────────

interface ControlProps {
  readonly id: string;
  readonly 'aria-invalid': boolean;
  readonly 'aria-describedby'?: string;
}

function Field({ id, label, helper, error, children }: { readonly id: string; readonly label: string; readonly helper?: string; readonly error?: string | undefined; readonly children: (props: ControlProps) => ReactNode }) {
  const described = [helper === undefined ? null : `${id}-help`, error === undefined ? null : `${id}-error`].filter((x): x is string => x !== null).join(' ');
  return (
    <div className="fb-field">
      <label className="fb-label" htmlFor={id}>
        {label}
      </label>
      {helper === undefined ? null : (
        <p className="fb-helper" id={`${id}-help`}>
          {helper}
        </p>
      )}
      {children({ id, 'aria-invalid': error !== undefined, ...(described === '' ? {} : { 'aria-describedby': described }) })}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

function Section({ title, children, actions }: { readonly title: string; readonly children: ReactNode; readonly actions?: ReactNode }) {
  const id = useId();
  return (
    <section className="fb-card fb-pm__section" aria-labelledby={id}>
      <div className="fb-section__header">
        <h2 className="fb-card__title" id={id}>
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

function Stranded({ conflicts, onDismiss }: { readonly conflicts: readonly MergeConflict[]; readonly onDismiss: () => void }) {
  const id = useId();
  return (
    <section className="fb-stranded" aria-labelledby={`${id}-hint`}>
      <p className="fb-note" id={`${id}-hint`}>
        {EDITOR_COPY.strandedHint}
      </p>
      {conflicts.map((conflict, index) => (
        <div key={`${conflict.label}-${String(index)}`} className="fb-field">
          <label className="fb-label" htmlFor={`${id}-${String(index)}`}>
            {EDITOR_COPY.strandedLabel(conflict.label)}
          </label>
          <textarea id={`${id}-${String(index)}`} className="fb-textarea fb-textarea--readonly" value={conflict.mine} readOnly rows={Math.min(6, Math.max(2, conflict.mine.split('\n').length))} />
        </div>
      ))}
      <div className="fb-actions">
        <button type="button" className="fb-button fb-button--subtle" onClick={onDismiss}>
          Dismiss your unsaved text
        </button>
      </div>
    </section>
  );
}

function MarkdownExport({ id, markdown, dirty }: { readonly id: string; readonly markdown: string; readonly dirty: boolean }) {
  const [copied, setCopied] = useState<string | null>(null);
  // Older hosts and insecure contexts have no clipboard API.
  const canCopy = typeof navigator !== 'undefined' && typeof (navigator as { clipboard?: unknown }).clipboard === 'object';
  return (
    <div className="fb-field" id={id}>
      <label className="fb-label" htmlFor={`${id}-text`}>
        Markdown
      </label>
      {dirty ? <p className="fb-helper">The export shows the saved version; save to include your changes.</p> : null}
      <textarea id={`${id}-text`} className="fb-textarea fb-textarea--readonly fb-pm__markdown" value={markdown} readOnly rows={12} />
      <div className="fb-actions">
        {canCopy ? (
          <button
            type="button"
            className="fb-button"
            onClick={() => {
              navigator.clipboard.writeText(markdown).then(
                () => setCopied('Markdown copied.'),
                () => setCopied('Could not copy: select the text and copy it yourself.'),
              );
            }}
          >
            Copy Markdown
          </button>
        ) : (
          <span className="fb-helper">Select the text and copy it.</span>
        )}
        <span className="fb-meta" role="status">
          {copied}
        </span>
      </div>
    </div>
  );
}

function StatusControls({ state, actions, disabled, dirty }: { readonly state: EditorState; readonly actions: PostmortemsActions; readonly disabled: boolean; readonly dirty: boolean }) {
  const id = useId();
  const { view } = state;
  const status = view.postmortem.status;
  const blocked = view.publishBlockers.length > 0;
  const canEdit = canEditPostmortem(state);
  return (
    <div className="fb-pm__status" role="group" aria-labelledby={`${id}-label`}>
      <span className="fb-label" id={`${id}-label`}>
        Status
      </span>
      <Lozenge tone={STATUS_TONES[status]} bold>
        {STATUS_LABELS[status]}
      </Lozenge>
      {canEdit
        ? STATUS_MOVES[status].map((move) => (
            <button
              key={move.to}
              type="button"
              className={`fb-button${move.to === 'published' ? ' fb-button--primary' : ''}`}
              disabled={disabled || dirty || (move.to === 'published' && blocked)}
              {...(move.to === 'published' && blocked ? { 'aria-describedby': `${id}-blockers` } : {})}
              onClick={() => actions.setStatus(move.to)}
            >
              {state.busy === 'status' ? `${move.label}…` : move.label}
            </button>
          ))
        : null}
      {canEdit && dirty ? <span className="fb-meta">{EDITOR_COPY.saveFirst}</span> : null}
      {blocked && status !== 'published' ? (
        <div className="fb-pm__blockers" id={`${id}-blockers`}>
          <p className="fb-subheading">Before it can be published:</p>
          <ul className="fb-list">
            {view.publishBlockers.map((blocker) => (
              <li key={blocker}>{blocker}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

interface SectionProps {
  readonly state: EditorState;
  readonly edit: EditFn;
  readonly disabled: boolean;
}

function ArtifactsSection({ state, edit, disabled }: SectionProps) {
  const id = useId();
  const { draft } = state;
  const canEdit = canEditPostmortem(state);
  const [incidentInput, setIncidentInput] = useState('');
  const [incidentError, setIncidentError] = useState<string | undefined>(undefined);
  const link = () => {
    const result = linkIncident(draft, incidentInput);
    if (!result.ok) {
      setIncidentError(result.error);
      return;
    }
    setIncidentError(undefined);
    setIncidentInput('');
    edit((d) => {
      const again = linkIncident(d, incidentInput);
      return again.ok ? again.draft : d;
    });
  };
  return (
    <Section title="Incident artifacts">
      <p>
        Incidents:{' '}
        {draft.incidents.map((key, at) => (
          <span key={key}>
            {at > 0 ? ', ' : null}
            <IssueLink issueKey={key} />
            {canEdit && at > 0 ? (
              <>
                {' '}
                <button type="button" className="fb-button fb-button--subtle fb-no-print" disabled={disabled} onClick={() => edit((d) => unlinkIncident(d, key))}>
                  Unlink {key}
                </button>
              </>
            ) : null}
          </span>
        ))}
      </p>
      {canEdit ? (
        <div className="fb-pm__row">
          <Field id={`${id}-incident`} label="Link another incident" helper="An issue key such as SHOP-12." error={incidentError ?? state.fieldErrors['incidents']}>
            {(props) => (
              <input
                {...props}
                className="fb-input"
                value={incidentInput}
                disabled={disabled}
                onChange={(event) => {
                  setIncidentInput(event.target.value.toUpperCase());
                  setIncidentError(undefined);
                }}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    link();
                  }
                }}
              />
            )}
          </Field>
          <div className="fb-actions">
            <button type="button" className="fb-button" disabled={disabled} onClick={link}>
              Link incident
            </button>
          </div>
        </div>
      ) : null}
      {draft.artifacts.length === 0 ? <p className="fb-note">No artifacts yet: dashboards, logs, chat threads.</p> : null}
      {draft.artifacts.map((artifact, index) => {
        const n = String(index + 1);
        return (
          <fieldset key={artifact.key} className="fb-fieldset fb-pm__row">
            <legend className="fb-visually-hidden">Artifact {n}</legend>
            <Field id={`${id}-${artifact.key}-label`} label="Label" error={state.fieldErrors[`artifacts.${String(index)}.label`]}>
              {(props) => (
                <input {...props} className="fb-input" value={artifact.label} readOnly={!canEdit} disabled={disabled} onChange={(event) => edit((d) => ({ ...d, artifacts: replaceAt(d.artifacts, index, { label: event.target.value }) }))} />
              )}
            </Field>
            <Field id={`${id}-${artifact.key}-url`} label="URL" error={state.fieldErrors[`artifacts.${String(index)}.url`]}>
              {(props) => (
                <span className="fb-inline">
                  <input
                    {...props}
                    className="fb-input"
                    type="url"
                    value={artifact.url}
                    readOnly={!canEdit}
                    disabled={disabled}
                    onChange={(event) => edit((d) => ({ ...d, artifacts: replaceAt(d.artifacts, index, { url: event.target.value }) }))}
                  />
                  {/^https?:\/\//i.test(artifact.url) ? (
                    <a href={artifact.url} target="_blank" rel="noreferrer noopener">
                      Open
                    </a>
                  ) : null}
                </span>
              )}
            </Field>
            {canEdit ? (
              <button type="button" className="fb-button fb-button--subtle fb-no-print" disabled={disabled} onClick={() => edit((d) => ({ ...d, artifacts: removeAt(d.artifacts, index) }))}>
                Remove artifact {n}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      {canEdit ? (
        <div className="fb-actions">
          <button
            type="button"
            className="fb-button"
            disabled={disabled || draft.artifacts.length >= 30}
            onClick={() => edit((d) => ({ ...d, artifacts: [...d.artifacts, { key: `new-${String(Date.now())}-${String(d.artifacts.length)}`, label: '', url: '' }] }))}
          >
            Add artifact
          </button>
        </div>
      ) : null}
    </Section>
  );
}

function ImpactSection({ state, edit, disabled, timezone }: SectionProps & { readonly timezone: string | undefined }) {
  const id = useId();
  const { draft } = state;
  const canEdit = canEditPostmortem(state);
  const zones = timeZoneChoices(draft.timeZone, timezone);
  return (
    <Section title="Summary and customer impact">
      <Field id={`${id}-summary`} label="Summary" error={state.fieldErrors['summary']}>
        {(props) => <textarea {...props} className="fb-textarea" rows={5} value={draft.summary} readOnly={!canEdit} disabled={disabled} onChange={(event) => edit((d) => ({ ...d, summary: event.target.value }))} />}
      </Field>
      <Field id={`${id}-impact`} label="Customer impact" error={state.fieldErrors['customerImpact']}>
        {(props) => (
          <textarea {...props} className="fb-textarea" rows={4} value={draft.customerImpact} readOnly={!canEdit} disabled={disabled} onChange={(event) => edit((d) => ({ ...d, customerImpact: event.target.value }))} />
        )}
      </Field>
      <div className="fb-pm__grid">
        <Field id={`${id}-zone`} label="Time zone" helper="The times below are read in this zone.">
          {(props) => (
            <select {...props} className="fb-select" value={draft.timeZone} disabled={disabled} onChange={(event) => edit((d) => ({ ...d, timeZone: event.target.value }))}>
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          )}
        </Field>
        {IMPACT_TIMES.map((time) => (
          <Field key={time.id} id={`${id}-${time.id}`} label={time.label} error={state.fieldErrors[`impact.${time.id}`]}>
            {(props) => (
              <input
                {...props}
                className="fb-input"
                type="datetime-local"
                value={draft.times[time.id]}
                readOnly={!canEdit}
                disabled={disabled}
                onChange={(event) => edit((d) => ({ ...d, times: { ...d.times, [time.id]: event.target.value } }))}
              />
            )}
          </Field>
        ))}
        <Field id={`${id}-users`} label="Users affected" error={state.fieldErrors['impact.usersAffected']}>
          {(props) => (
            <input
              {...props}
              className="fb-input fb-input--number"
              inputMode="numeric"
              value={draft.usersAffected}
              readOnly={!canEdit}
              disabled={disabled}
              onChange={(event) => edit((d) => ({ ...d, usersAffected: event.target.value }))}
            />
          )}
        </Field>
      </div>
    </Section>
  );
}

function TimelineSection({
  state,
  actions,
  edit,
  disabled,
  dirty,
  accountId,
  locale,
}: SectionProps & { readonly actions: PostmortemsActions; readonly dirty: boolean; readonly accountId: string | undefined; readonly locale: string | undefined }) {
  const id = useId();
  const { draft, view } = state;
  const canEdit = canEditPostmortem(state);
  const [when, setWhen] = useState('');
  const [what, setWhat] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const add = () => {
    const next = addManualEntry(draft, when, what, accountId ?? '', Date.now());
    if (next === null) {
      setProblem('Enter the time and what happened.');
      return;
    }
    edit(() => next);
    setWhen('');
    setWhat('');
    setProblem(undefined);
  };
  return (
    <Section
      title="Timeline"
      actions={
        canEdit ? (
          <span className="fb-inline fb-no-print">
            <button type="button" className="fb-button" disabled={disabled || dirty} onClick={actions.refreshTimeline}>
              {state.busy === 'refresh' ? 'Rebuilding…' : 'Rebuild from Jira'}
            </button>
            {dirty ? <span className="fb-meta">{EDITOR_COPY.saveFirst}</span> : null}
          </span>
        ) : undefined
      }
    >
      <p className="fb-helper">Times in {draft.timeZone}. Hidden entries stay in the history but leave the published view and the export.</p>
      {draft.timeline.length === 0 ? (
        <p className="fb-note">No entries yet.</p>
      ) : (
        <ol className="fb-pm__timeline">
          {draft.timeline.map((entry) => (
            <li key={entry.id} className={`fb-pm__entry${entry.hidden ? ' fb-pm__entry--hidden' : ''}`}>
              <p id={`${id}-${entry.id}`}>
                <time dateTime={entry.at} className="fb-pm__when">
                  {formatAbsolute(entry.at, locale, draft.timeZone)}
                </time>{' '}
                <strong>{view.names[entry.who] ?? entry.who}</strong> {entry.text}
                {entry.hidden ? <span className="fb-meta"> (hidden)</span> : null}
              </p>
              <div className="fb-inline">
                <label className="fb-label" htmlFor={`${id}-${entry.id}-note`}>
                  Note
                </label>
                <input
                  id={`${id}-${entry.id}-note`}
                  className="fb-input"
                  aria-describedby={`${id}-${entry.id}`}
                  value={entry.note}
                  readOnly={!canEdit}
                  disabled={disabled}
                  onChange={(event) => edit((d) => updateEntry(d, entry.id, { note: event.target.value }))}
                />
                {canEdit ? (
                  <button type="button" className="fb-button fb-button--subtle" aria-describedby={`${id}-${entry.id}`} disabled={disabled} onClick={() => edit((d) => updateEntry(d, entry.id, { hidden: !entry.hidden }))}>
                    {entry.hidden ? 'Show' : 'Hide'}
                  </button>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      )}
      {canEdit ? (
        <fieldset className="fb-fieldset fb-pm__row fb-no-print">
          <legend className="fb-subheading">Add an entry</legend>
          <Field id={`${id}-new-at`} label="Time" error={problem}>
            {(props) => <input {...props} className="fb-input" type="datetime-local" value={when} disabled={disabled} onChange={(event) => setWhen(event.target.value)} />}
          </Field>
          <Field id={`${id}-new-text`} label="What happened">
            {(props) => <input {...props} className="fb-input" value={what} disabled={disabled} onChange={(event) => setWhat(event.target.value)} />}
          </Field>
          <button type="button" className="fb-button" disabled={disabled} onClick={add}>
            Add entry
          </button>
        </fieldset>
      ) : null}
    </Section>
  );
}

function QuestionsSection({ state, edit, disabled }: SectionProps) {
  const id = useId();
  const canEdit = canEditPostmortem(state);
  return (
    <Section title="The five questions">
      {FIVE_QUESTIONS.map((question) => (
        <Field key={question.id} id={`${id}-${question.id}`} label={question.label} helper={question.prompt} error={state.fieldErrors[`answers.${question.id}`]}>
          {(props) => (
            <textarea
              {...props}
              className="fb-textarea"
              rows={3}
              value={state.draft.answers[question.id]}
              readOnly={!canEdit}
              disabled={disabled}
              onChange={(event) => edit((d) => ({ ...d, answers: { ...d.answers, [question.id]: event.target.value } }))}
            />
          )}
        </Field>
      ))}
    </Section>
  );
}

/** The people an owner may be picked from: names on the page, without apps (Firebreak's own comments have an author too). */
const ownerNames = (view: PostmortemView): PostmortemView['names'] => Object.fromEntries(Object.entries(view.names).filter(([accountId]) => view.ownerCandidates.includes(accountId)));

function OwnerControl({ props, value, names, disabled, readOnly, onChange }: { readonly props: ControlProps; readonly value: string; readonly names: PostmortemView['names']; readonly disabled: boolean; readonly readOnly: boolean; readonly onChange: (owner: string) => void }) {
  const known = Object.entries(names).sort(([, a], [, b]) => a.localeCompare(b));
  if (known.length === 0) return <input {...props} className="fb-input" value={value} readOnly={readOnly} disabled={disabled} placeholder="Account id" onChange={(event) => onChange(event.target.value)} />;
  return (
    <select {...props} className="fb-select" value={value} disabled={disabled || readOnly} onChange={(event) => onChange(event.target.value)}>
      <option value="">No owner</option>
      {value !== '' && !Object.hasOwn(names, value) ? <option value={value}>{value}</option> : null}
      {known.map(([account, name]) => (
        <option key={account} value={account}>
          {name}
        </option>
      ))}
    </select>
  );
}

function ActionsSection({ state, actions, edit, disabled, dirty }: SectionProps & { readonly actions: PostmortemsActions; readonly dirty: boolean }) {
  const id = useId();
  const { draft, view } = state;
  const canEdit = canEditPostmortem(state);
  const overdue = new Set(view.overdueActionIds);
  const change = (index: number, patch: Partial<ActionDraft>) => edit((d) => ({ ...d, actions: replaceAt(d.actions, index, patch) }));
  return (
    <Section title="Action items">
      {draft.actions.length === 0 ? <p className="fb-note">No actions yet. Each answer above usually leads to one.</p> : null}
      {draft.actions.map((action, index) => {
        const n = String(index + 1);
        const live = action.issueKey === null ? undefined : (view.actionIssues[action.issueKey] ?? view.actionIssues[action.id]);
        const creating = typeof state.busy === 'object' && state.busy?.createIssueFor === action.id;
        return (
          <fieldset key={action.id} className={`fb-fieldset fb-pm__row${overdue.has(action.id) ? ' fb-pm__row--overdue' : ''}`}>
            <legend className="fb-subheading">
              Action {n} {overdue.has(action.id) ? <Lozenge tone="removed">Overdue</Lozenge> : null}
            </legend>
            <Field id={`${id}-${action.id}-title`} label="Title" error={state.fieldErrors[`actions.${String(index)}.title`]}>
              {(props) => <input {...props} className="fb-input" value={action.title} readOnly={!canEdit} disabled={disabled} onChange={(event) => change(index, { title: event.target.value })} />}
            </Field>
            <Field id={`${id}-${action.id}-owner`} label="Owner">
              {(props) => <OwnerControl props={props} value={action.owner} names={ownerNames(view)} disabled={disabled} readOnly={!canEdit} onChange={(owner) => change(index, { owner })} />}
            </Field>
            <Field id={`${id}-${action.id}-due`} label="Due date">
              {(props) => <input {...props} className="fb-input" type="date" value={action.dueDate} readOnly={!canEdit} disabled={disabled} onChange={(event) => change(index, { dueDate: event.target.value })} />}
            </Field>
            <Field id={`${id}-${action.id}-question`} label="Question">
              {(props) => (
                <select {...props} className="fb-select" value={action.question} disabled={disabled || !canEdit} onChange={(event) => change(index, { question: event.target.value as QuestionId })}>
                  {FIVE_QUESTIONS.map((question) => (
                    <option key={question.id} value={question.id}>
                      {question.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <div className="fb-inline">
              {action.issueKey === null ? (
                canEdit ? (
                  <>
                    <button type="button" className="fb-button fb-no-print" disabled={disabled || dirty} onClick={() => actions.createIssue(action.id)}>
                      {creating ? 'Creating…' : 'Create Jira issue'}
                    </button>
                    {dirty ? <span className="fb-meta">{EDITOR_COPY.saveFirst}</span> : null}
                  </>
                ) : (
                  <span className="fb-meta">No Jira issue yet.</span>
                )
              ) : live?.missing === true ? (
                <>
                  <span className="fb-meta">{EDITOR_COPY.actionIssueMissing(action.issueKey)}</span>
                  {canEdit ? (
                    <>
                      <button type="button" className="fb-button fb-no-print" disabled={disabled || dirty} onClick={() => actions.createIssue(action.id)}>
                        {creating ? 'Filing…' : 'File again'}
                      </button>
                      <button type="button" className="fb-button fb-button--subtle fb-no-print" disabled={disabled} onClick={() => change(index, { issueKey: null })}>
                        Unlink {action.issueKey}
                      </button>
                    </>
                  ) : null}
                </>
              ) : (
                <span>
                  <IssueLink issueKey={action.issueKey} /> {live === undefined ? null : <Lozenge tone={live.done ? 'success' : 'inprogress'}>{live.status}</Lozenge>}
                </span>
              )}
              {canEdit ? (
                <button type="button" className="fb-button fb-button--subtle fb-no-print" disabled={disabled} onClick={() => edit((d) => ({ ...d, actions: removeAt(d.actions, index) }))}>
                  Remove action {n}
                </button>
              ) : null}
            </div>
          </fieldset>
        );
      })}
      {canEdit ? (
        <div className="fb-actions">
          <button type="button" className="fb-button" disabled={disabled || draft.actions.length >= 100} onClick={() => edit((d) => ({ ...d, actions: [...d.actions, newAction(d, Date.now())] }))}>
            Add action
          </button>
        </div>
      ) : null}
    </Section>
  );
}

function RemediationSection({ state, edit, disabled }: SectionProps) {
  const id = useId();
  const { draft, view } = state;
  const canEdit = canEditPostmortem(state);
  const change = (index: number, patch: Partial<RemediationDraft>) => edit((d) => ({ ...d, remediation: replaceAt(d.remediation, index, patch) }));
  return (
    <Section title="Remediation for affected customers">
      {draft.remediation.length === 0 ? <p className="fb-note">Nothing to remediate yet: refunds, apologies, data fixes.</p> : null}
      {draft.remediation.map((item, index) => {
        const n = String(index + 1);
        return (
          <fieldset key={item.id} className="fb-fieldset fb-pm__row">
            <legend className="fb-subheading">Remediation {n}</legend>
            <Field id={`${id}-${item.id}-title`} label="Title" error={state.fieldErrors[`remediation.${String(index)}.title`]}>
              {(props) => <input {...props} className="fb-input" value={item.title} readOnly={!canEdit} disabled={disabled} onChange={(event) => change(index, { title: event.target.value })} />}
            </Field>
            <Field id={`${id}-${item.id}-owner`} label="Owner">
              {(props) => <OwnerControl props={props} value={item.owner} names={ownerNames(view)} disabled={disabled} readOnly={!canEdit} onChange={(owner) => change(index, { owner })} />}
            </Field>
            <Field id={`${id}-${item.id}-priority`} label="Priority">
              {(props) => (
                <select {...props} className="fb-select" value={item.priority} disabled={disabled || !canEdit} onChange={(event) => change(index, { priority: event.target.value as RemediationDraft['priority'] })}>
                  {REMEDIATION_PRIORITIES.map((priority) => (
                    <option key={priority} value={priority}>
                      {PRIORITY_LABELS[priority]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <label className="fb-choice">
              <input type="checkbox" checked={item.done} disabled={disabled || !canEdit} onChange={(event) => change(index, { done: event.target.checked })} /> Done
            </label>
            {canEdit ? (
              <button type="button" className="fb-button fb-button--subtle fb-no-print" disabled={disabled} onClick={() => edit((d) => ({ ...d, remediation: removeAt(d.remediation, index) }))}>
                Remove remediation {n}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      {canEdit ? (
        <div className="fb-actions">
          <button type="button" className="fb-button" disabled={disabled || draft.remediation.length >= 100} onClick={() => edit((d) => ({ ...d, remediation: [...d.remediation, newRemediation(d, Date.now())] }))}>
            Add remediation
          </button>
        </div>
      ) : null}
    </Section>
  );
}
