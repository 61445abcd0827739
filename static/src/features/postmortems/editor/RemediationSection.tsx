import { useId } from 'react';

import { REMEDIATION_PRIORITIES } from '@contract/postmortem.values';
import { Field } from '../../../ui/Field';
import { ItemRows } from '../../../ui/ItemRows';
import { Section } from '../../../ui/Section';
import { Select } from '../../../ui/Select';
import { newRemediation } from '../postmortem-draft';
import { canEditPostmortem } from '../postmortem-editor.state';
import { type FindOwners, TitleAndOwner } from './TitleAndOwner';
import { type SectionProps, rowList } from './section-props';

const PRIORITY_LABELS = { high: 'High', medium: 'Medium', low: 'Low' } as const;
const PRIORITY_OPTIONS = REMEDIATION_PRIORITIES.map((priority) => ({ value: priority, label: PRIORITY_LABELS[priority] }));

/** What is owed to affected customers (refunds, apologies, data fixes), tracked apart from the action items. */
export function RemediationSection({ state, edit, disabled, findOwners }: SectionProps & { readonly findOwners: FindOwners }) {
  const id = useId();
  const { view } = state;
  const canEdit = canEditPostmortem(state);
  const { change, rows } = rowList({ state, edit, disabled }, 'remediation', newRemediation);
  return (
    <Section title="Remediation for affected customers" className="fb-pm__section">
      <ItemRows
        {...rows}
        noun="remediation"
        empty="Nothing to remediate yet: refunds, apologies, data fixes."
        row={(item, index) => ({
          tools: (
            <label className="fb-choice">
              <input type="checkbox" checked={item.done} disabled={disabled || !canEdit} onChange={(event) => change(index, { done: event.target.checked })} /> Done
            </label>
          ),
          fields: (
            <>
              <TitleAndOwner id={`${id}-${item.id}`} item={item} error={state.fieldErrors[`remediation.${String(index)}.title`]} view={view} canEdit={canEdit} disabled={disabled} findOwners={findOwners} ownerError={state.fieldErrors[`remediation.${String(index)}.owner`]} target="postmortem" onChange={(patch) => change(index, patch)} />
              <Field id={`${id}-${item.id}-priority`} label="Priority" error={undefined}>
                {(control) => <Select control={control} value={item.priority} options={PRIORITY_OPTIONS} disabled={disabled || !canEdit} onChange={(priority) => change(index, { priority })} />}
              </Field>
            </>
          ),
        })}
      />
    </Section>
  );
}
