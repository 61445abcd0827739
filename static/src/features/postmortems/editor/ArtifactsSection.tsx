import { useId, useState } from 'react';

import { Field } from '../../../ui/Field';
import { ItemRows } from '../../../ui/ItemRows';
import { Section } from '../../../ui/Section';
import { IssueLink } from '../IssueLink';
import { type ArtifactDraft, type PostmortemDraft, linkIncident, unlinkIncident } from '../postmortem-draft';
import { canEditPostmortem } from '../postmortem-editor.state';
import { type SectionProps, rowList } from './section-props';

/** A new, empty artifact; its key is only React's, so it need only differ from the others' on the page. */
const newArtifact = (draft: PostmortemDraft, now: number): ArtifactDraft => ({ key: `new-${String(now)}-${String(draft.artifacts.length)}`, label: '', url: '' });

/** The incidents the postmortem covers, and links to what was looked at (dashboards, logs, chat threads). */
export function ArtifactsSection({ state, edit, disabled }: SectionProps) {
  const id = useId();
  const { draft } = state;
  const canEdit = canEditPostmortem(state);
  const { change, rows } = rowList({ state, edit, disabled }, 'artifacts', newArtifact);
  return (
    <Section title="Incident artifacts" className="fb-pm__section">
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
      {canEdit ? <LinkIncident state={state} edit={edit} disabled={disabled} /> : null}
      <ItemRows
        {...rows}
        noun="artifact"
        empty="No artifacts yet: dashboards, logs, chat threads."
        hideLegend
        row={(artifact, index) => ({
          fields: (
            <>
              <Field id={`${id}-${artifact.key}-label`} label="Label" error={state.fieldErrors[`artifacts.${String(index)}.label`]}>
                {(control) => <input {...control} className="fb-input" value={artifact.label} readOnly={!canEdit} disabled={disabled} onChange={(event) => change(index, { label: event.target.value })} />}
              </Field>
              <Field id={`${id}-${artifact.key}-url`} label="URL" error={state.fieldErrors[`artifacts.${String(index)}.url`]}>
                {(control) => (
                  <span className="fb-inline">
                    <input {...control} className="fb-input" type="url" value={artifact.url} readOnly={!canEdit} disabled={disabled} onChange={(event) => change(index, { url: event.target.value })} />
                    {/^https?:\/\//i.test(artifact.url) ? (
                      <a href={artifact.url} target="_blank" rel="noreferrer noopener">
                        Open
                      </a>
                    ) : null}
                  </span>
                )}
              </Field>
            </>
          ),
        })}
      />
    </Section>
  );
}

/** "Link another incident": the key is checked when linked, so a mistyped one is said there rather than at save. */
function LinkIncident({ state, edit, disabled }: SectionProps) {
  const id = useId();
  const [incidentInput, setIncidentInput] = useState('');
  const [incidentError, setIncidentError] = useState<string | undefined>(undefined);
  const link = () => {
    const result = linkIncident(state.draft, incidentInput);
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
    <div className="fb-row">
      <Field id={`${id}-incident`} label="Link another incident" hint="An issue key such as SHOP-12." hintAbove error={incidentError ?? state.fieldErrors['incidents']}>
        {(control) => (
          <input
            {...control}
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
  );
}
