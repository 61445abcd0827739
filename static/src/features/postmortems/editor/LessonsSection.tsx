import { useId } from 'react';

import { LESSONS } from '@contract/postmortem.values';
import { Field } from '../../../ui/Field';
import { Section } from '../../../ui/Section';
import { canEditPostmortem } from '../postmortem-editor.state';
import { BlameHint } from './BlameHint';
import type { SectionProps } from './section-props';

/** format part (issue 15): what went well and where we got lucky, each with its prompt and its live blame hint. */
export function LessonsSection({ state, edit, disabled }: SectionProps) {
  const id = useId();
  const canEdit = canEditPostmortem(state);
  return (
    <Section title="Lessons learned" className="fb-pm__section">
      {LESSONS.map((lesson) => (
        <Field key={lesson.id} id={`${id}-${lesson.id}`} label={lesson.label} hint={lesson.prompt} hintAbove error={state.fieldErrors[lesson.id]} advice={(adviceId) => <BlameHint id={adviceId} text={state.draft.lessons[lesson.id]} />}>
          {(control) => (
            <textarea
              {...control}
              className="fb-textarea"
              rows={3}
              value={state.draft.lessons[lesson.id]}
              readOnly={!canEdit}
              disabled={disabled}
              onChange={(event) => edit((d) => ({ ...d, lessons: { ...d.lessons, [lesson.id]: event.target.value } }))}
            />
          )}
        </Field>
      ))}
    </Section>
  );
}
