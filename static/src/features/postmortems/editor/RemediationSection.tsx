import { useId } from 'react';

import { REMEDIATION_PRIORITIES } from '../../../shared/postmortem';
import { Field } from '../../../ui/Field';
import { ItemRow } from '../../../ui/ItemRow';
import { Section } from '../../../ui/Section';
import { type RemediationDraft, newRemediation, removeAt, replaceAt } from '../postmortem-draft';
import { canEditPostmortem } from '../postmortem-editor.state';
import { OwnerControl, ownerNames } from './OwnerControl';
import type { SectionProps } from './section-props';

const PRIORITY_LABELS = { high: 'High', medium: 'Medium', low: 'Low' } as const;

/** What is owed to affected customers (refunds, apologies, data fixes), tracked apart from the action items. */
export function RemediationSection({ state, edit, disabled }: SectionProps) {
  const id = useId();
  const { draft, view } = state;
  const canEdit = canEditPostmortem(state);
  const change = (index: number, patch: Partial<RemediationDraft>) => edit((d) => ({ ...d, remediation: replaceAt(d.remediation, index, patch) }));
  return (
    <Section title="Remediation for affected customers" className="fb-pm__section">
      {draft.remediation.length === 0 ? <p className="fb-note">Nothing to remediate yet: refunds, apologies, data fixes.</p> : null}
      {draft.remediation.map((item, index) => {
        const n = String(index + 1);
        return (
          <ItemRow
            key={item.id}
            legend={`Remediation ${n}`}
            tools={
              <label className="fb-choice">
                <input type="checkbox" checked={item.done} disabled={disabled || !canEdit} onChange={(event) => change(index, { done: event.target.checked })} /> Done
              </label>
            }
            remove={canEdit ? { label: `Remove remediation ${n}`, disabled, onRemove: () => edit((d) => ({ ...d, remediation: removeAt(d.remediation, index) })) } : undefined}
          >
            <Field id={`${id}-${item.id}-title`} label="Title" error={state.fieldErrors[`remediation.${String(index)}.title`]}>
              {(control) => <input {...control} className="fb-input" value={item.title} readOnly={!canEdit} disabled={disabled} onChange={(event) => change(index, { title: event.target.value })} />}
            </Field>
            <Field id={`${id}-${item.id}-owner`} label="Owner" error={undefined}>
              {(control) => <OwnerControl control={control} value={item.owner} names={ownerNames(view)} disabled={disabled} readOnly={!canEdit} onChange={(owner) => change(index, { owner })} />}
            </Field>
            <Field id={`${id}-${item.id}-priority`} label="Priority" error={undefined}>
              {(control) => (
                <select {...control} className="fb-select" value={item.priority} disabled={disabled || !canEdit} onChange={(event) => change(index, { priority: event.target.value as RemediationDraft['priority'] })}>
                  {REMEDIATION_PRIORITIES.map((priority) => (
                    <option key={priority} value={priority}>
                      {PRIORITY_LABELS[priority]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </ItemRow>
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
