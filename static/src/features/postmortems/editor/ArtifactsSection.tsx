import type { IncidentLinkImpact } from '@contract/incident-link.contract';
import type { ResolverResult } from '@contract/result';
import { useId, useState } from 'react';

import { Banner } from '../../../ui/Banner';

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
export function ArtifactsSection({ state, edit, disabled, checkLink }: SectionProps & { readonly checkLink?: CheckLink | undefined }) {
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
      {canEdit ? <LinkIncident state={state} edit={edit} disabled={disabled} checkLink={checkLink} /> : null}
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

type CheckLink = (issueKey: string) => Promise<ResolverResult<IncidentLinkImpact>>;

/** The linked draft, with the key confirmed when the person confirmed linking it from another project. */
const withLink = (draft: PostmortemDraft, key: string, confirmed: boolean): PostmortemDraft => {
  const linked = linkIncident(draft, key);
  if (!linked.ok) return draft;
  return confirmed ? { ...linked.draft, confirmedLinks: [...(draft.confirmedLinks ?? []).filter((other) => other !== key), key] } : linked.draft;
};

/**
 * "Link another incident": the key is checked when linked, so a mistyped one is said there rather
 * than at save. An incident from another project hides the postmortem from everyone who cannot
 * browse that project, so the page first says who would lose access and links only once confirmed
 * (the save refuses an unconfirmed one too).
 */
function LinkIncident({ state, edit, disabled, checkLink }: SectionProps & { readonly checkLink: CheckLink | undefined }) {
  const id = useId();
  const [incidentInput, setIncidentInput] = useState('');
  const [incidentError, setIncidentError] = useState<string | undefined>(undefined);
  const [checking, setChecking] = useState(false);
  const [impact, setImpact] = useState<IncidentLinkImpact | null>(null);
  const add = (key: string, confirmed: boolean) => {
    setIncidentError(undefined);
    setIncidentInput('');
    setImpact(null);
    edit((d) => withLink(d, key, confirmed));
  };
  const link = () => {
    const result = linkIncident(state.draft, incidentInput);
    if (!result.ok) {
      setIncidentError(result.error);
      return;
    }
    const key = result.draft.incidents[result.draft.incidents.length - 1] ?? '';
    // A key of a project already linked is linked at once (nothing is hidden from anyone); the save
    // still judges by the project Jira names, so a moved issue is caught there.
    const projectOf = (issueKey: string): string => issueKey.slice(0, issueKey.lastIndexOf('-'));
    const linkedProjects = new Set([state.view.postmortem.projectKey, ...state.draft.incidents.map(projectOf)]);
    if (checkLink === undefined || linkedProjects.has(projectOf(key))) {
      add(key, false);
      return;
    }
    setChecking(true);
    void checkLink(key).then((answer) => {
      setChecking(false);
      if (!answer.ok) setIncidentError(answer.error.message);
      else if (answer.data.otherProject) setImpact(answer.data);
      else add(key, false);
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
            disabled={disabled || checking || impact !== null}
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
      {impact === null ? (
        <div className="fb-actions">
          <button type="button" className="fb-button" disabled={disabled || checking} onClick={link}>
            {checking ? 'Checking who can see it…' : 'Link incident'}
          </button>
        </div>
      ) : (
        <LinkWarning impact={impact} disabled={disabled} onConfirm={() => add(impact.issueKey, true)} onCancel={() => setImpact(null)} />
      )}
    </div>
  );
}

/** Who would lose access, by name, what could not be checked, and the explicit choice. */
function LinkWarning({ impact, disabled, onConfirm, onCancel }: { readonly impact: IncidentLinkImpact; readonly disabled: boolean; readonly onConfirm: () => void; readonly onCancel: () => void }) {
  const names = impact.losing.map((person) => person.displayName);
  return (
    <Banner
      tone="warning"
      title={`${impact.issueKey} is in another project (${impact.projectKey})`}
      actions={
        <>
          <button type="button" className="fb-button fb-button--primary" disabled={disabled} onClick={onConfirm}>
            Link {impact.issueKey} anyway
          </button>
          <button type="button" className="fb-button" onClick={onCancel}>
            Don’t link
          </button>
        </>
      }
    >
      <p>A postmortem is visible only to people who can see all its incidents, so linking it hides this postmortem from everyone who cannot browse {impact.projectKey}.</p>
      <p>{names.length === 0 ? 'Of the people Firebreak could check, nobody would lose access.' : `Would lose access: ${names.join(', ')}.`}</p>
      {impact.notChecked.length === 0 ? null : <p className="fb-helper">Not checked: {impact.notChecked.join('; ')}.</p>}
    </Banner>
  );
}
