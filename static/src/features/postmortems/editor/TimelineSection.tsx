import { useId, useState } from 'react';

import { formatAbsolute } from '../../../shared/time';
import { Field } from '../../../ui/Field';
import { Section } from '../../../ui/Section';
import { addManualEntry, updateEntry } from '../postmortem-draft';
import { EDITOR_COPY, canEditPostmortem } from '../postmortem-editor.state';
import type { PostmortemsActions } from '../use-postmortems';
import { BlameHint } from './BlameHint';
import type { SectionProps } from './section-props';

/**
 * The timeline built from the incidents' Jira history: people annotate and hide entries and add
 * their own; "Rebuild from Jira" reads the history again and keeps the notes.
 */
export function TimelineSection({
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
  return (
    <Section
      title="Timeline"
      className="fb-pm__section"
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
                  aria-describedby={`${id}-${entry.id} ${id}-${entry.id}-note-advice`}
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
              <BlameHint id={`${id}-${entry.id}-note-advice`} text={entry.note} />
            </li>
          ))}
        </ol>
      )}
      {canEdit ? <AddEntry state={state} edit={edit} disabled={disabled} accountId={accountId} /> : null}
    </Section>
  );
}

/** "Add an entry": a manual line with its time (in the postmortem's zone) and what happened, written as the person. */
function AddEntry({ state, edit, disabled, accountId }: SectionProps & { readonly accountId: string | undefined }) {
  const id = useId();
  const [when, setWhen] = useState('');
  const [what, setWhat] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const add = () => {
    const next = addManualEntry(state.draft, when, what, accountId ?? '', Date.now());
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
    <fieldset className="fb-fieldset fb-row fb-no-print">
      <legend className="fb-subheading">Add an entry</legend>
      <Field id={`${id}-new-at`} label="Time" error={problem}>
        {(control) => <input {...control} className="fb-input" type="datetime-local" value={when} disabled={disabled} onChange={(event) => setWhen(event.target.value)} />}
      </Field>
      <Field id={`${id}-new-text`} label="What happened" error={undefined} advice={(adviceId) => <BlameHint id={adviceId} text={what} />}>
        {(control) => <input {...control} className="fb-input" value={what} disabled={disabled} onChange={(event) => setWhat(event.target.value)} />}
      </Field>
      <button type="button" className="fb-button" disabled={disabled} onClick={add}>
        Add entry
      </button>
    </fieldset>
  );
}
