import { useId } from 'react';

import { timeZoneChoices } from '../../../shared/zoned-time';
import { Field } from '../../../ui/Field';
import { Section } from '../../../ui/Section';
import { Select } from '../../../ui/Select';
import { IMPACT_TIMES } from '../postmortem-draft';
import { canEditPostmortem } from '../postmortem-editor.state';
import { BlameHint } from './BlameHint';
import type { SectionProps } from './section-props';

/** What happened and to whom: the summary, the customer impact, its times (in a chosen zone) and how many users. */
export function ImpactSection({ state, edit, disabled, timezone }: SectionProps & { readonly timezone: string | undefined }) {
  const id = useId();
  const { draft } = state;
  const canEdit = canEditPostmortem(state);
  const zones = timeZoneChoices(draft.timeZone, timezone);
  return (
    <Section title="Summary and customer impact" className="fb-pm__section">
      <Field id={`${id}-summary`} label="Summary" error={state.fieldErrors['summary']} advice={(adviceId) => <BlameHint id={adviceId} text={draft.summary} />}>
        {(control) => <textarea {...control} className="fb-textarea" rows={5} value={draft.summary} readOnly={!canEdit} disabled={disabled} onChange={(event) => edit((d) => ({ ...d, summary: event.target.value }))} />}
      </Field>
      <Field id={`${id}-impact`} label="Customer impact" error={state.fieldErrors['customerImpact']} advice={(adviceId) => <BlameHint id={adviceId} text={draft.customerImpact} />}>
        {(control) => (
          <textarea {...control} className="fb-textarea" rows={4} value={draft.customerImpact} readOnly={!canEdit} disabled={disabled} onChange={(event) => edit((d) => ({ ...d, customerImpact: event.target.value }))} />
        )}
      </Field>
      <div className="fb-pm__grid">
        <Field id={`${id}-zone`} label="Time zone" hint="The times below are read in this zone." hintAbove error={undefined}>
          {(control) => <Select control={control} value={draft.timeZone} options={zones.map((zone) => ({ value: zone, label: zone }))} disabled={disabled} onChange={(timeZone) => edit((d) => ({ ...d, timeZone }))} />}
        </Field>
        {IMPACT_TIMES.map((time) => (
          <Field key={time.id} id={`${id}-${time.id}`} label={time.label} error={state.fieldErrors[`impact.${time.id}`]}>
            {(control) => (
              <input
                {...control}
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
          {(control) => (
            <input
              {...control}
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
      {(state.view.impactDurations ?? []).length === 0 ? null : (
        <dl className="fb-pm__print-times" aria-label="Times from the saved impact times">
          {(state.view.impactDurations ?? []).map((duration) => (
            <div key={duration.label}>
              <dt>{duration.label}</dt>
              <dd>{duration.text}</dd>
            </div>
          ))}
        </dl>
      )}
    </Section>
  );
}
