import { useId } from 'react';

import { CONTRIBUTING_FACTOR_CATEGORIES, CONTRIBUTING_FACTOR_LABELS, type ContributingFactorCategory, POSTMORTEM_LIMITS } from '@contract/postmortem.values';
import { Field } from '../../../ui/Field';
import { ItemRows } from '../../../ui/ItemRows';
import { Section } from '../../../ui/Section';
import { Select } from '../../../ui/Select';
import { newFactor } from '../postmortem-draft';
import { canEditPostmortem } from '../postmortem-editor.state';
import { BlameHint } from './BlameHint';
import { type SectionProps, rowList } from './section-props';

const CATEGORY_OPTIONS: ReadonlyArray<{ value: ContributingFactorCategory | ''; label: string }> = [
  { value: '', label: 'Not named' },
  ...CONTRIBUTING_FACTOR_CATEGORIES.map((category) => ({ value: category, label: CONTRIBUTING_FACTOR_LABELS[category] })),
];

/**
 * format part (issue 15): the conditions that together let the incident happen, one per row, each
 * optionally of a kind (a change, monitoring, a process…). Conditions, not people: the blame hint
 * reads each one as it is typed.
 */
export function ContributingFactorsSection({ state, edit, disabled }: SectionProps) {
  const id = useId();
  const canEdit = canEditPostmortem(state);
  const { change, rows } = rowList({ state, edit, disabled }, 'contributingFactors', newFactor);
  return (
    <Section title="Contributing factors" className="fb-pm__section">
      <p className="fb-helper">The conditions that together made this possible: a change, a gap in monitoring, a process, a tool. Usually more than one.</p>
      <ItemRows
        {...rows}
        noun="contributing factor"
        empty="No contributing factors yet."
        row={(factor, index) => ({
          fields: (
            <>
              <Field id={`${id}-${factor.id}-text`} label="Factor" error={state.fieldErrors[`contributingFactors.${String(index)}.text`]} advice={(adviceId) => <BlameHint id={adviceId} text={factor.text} />}>
                {(control) => <input {...control} className="fb-input" value={factor.text} maxLength={POSTMORTEM_LIMITS.factorText} readOnly={!canEdit} disabled={disabled} onChange={(event) => change(index, { text: event.target.value })} />}
              </Field>
              <Field id={`${id}-${factor.id}-kind`} label="Kind" error={undefined}>
                {(control) => <Select control={control} value={factor.category} options={CATEGORY_OPTIONS} disabled={disabled || !canEdit} onChange={(category) => change(index, { category })} />}
              </Field>
            </>
          ),
        })}
      />
    </Section>
  );
}
