import { useId } from 'react';

import { FIVE_QUESTIONS } from '@contract/postmortem.values';
import { Field } from '../../../ui/Field';
import { Section } from '../../../ui/Section';
import { canEditPostmortem } from '../postmortem-editor.state';
import { BlameHint } from './BlameHint';
import type { SectionProps } from './section-props';

/** Detect, React, Quick fix, Prevent, Other areas of risk: each with its prompt above the answer. */
export function QuestionsSection({ state, edit, disabled }: SectionProps) {
  const id = useId();
  const canEdit = canEditPostmortem(state);
  return (
    <Section title="The five questions" className="fb-pm__section">
      {FIVE_QUESTIONS.map((question) => (
        <Field key={question.id} id={`${id}-${question.id}`} label={question.label} hint={question.prompt} hintAbove error={state.fieldErrors[`answers.${question.id}`]} advice={(adviceId) => <BlameHint id={adviceId} text={state.draft.answers[question.id]} />}>
          {(control) => (
            <textarea
              {...control}
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
