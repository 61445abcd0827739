import type { QuestionId } from '@contract/postmortem.contract';
import { useId } from 'react';

import { FIVE_QUESTIONS } from '../../../shared/postmortem';
import { Field } from '../../../ui/Field';
import { ItemRow } from '../../../ui/ItemRow';
import { Lozenge } from '../../../ui/Lozenge';
import { Section } from '../../../ui/Section';
import { IssueLink } from '../IssueLink';
import { type ActionDraft, newAction, removeAt, replaceAt } from '../postmortem-draft';
import { type EditorState, EDITOR_COPY, canEditPostmortem } from '../postmortem-editor.state';
import type { PostmortemsActions } from '../use-postmortems';
import { OwnerControl, ownerNames } from './OwnerControl';
import type { SectionProps } from './section-props';

interface ActionsProps extends SectionProps {
  readonly actions: PostmortemsActions;
  readonly dirty: boolean;
}

/** The action items: each with an owner, a due date and the question it answers, filed as a Jira issue. */
export function ActionsSection({ state, actions, edit, disabled, dirty }: ActionsProps) {
  const id = useId();
  const { draft, view } = state;
  const canEdit = canEditPostmortem(state);
  const overdue = new Set(view.overdueActionIds);
  const change = (index: number, patch: Partial<ActionDraft>) => edit((d) => ({ ...d, actions: replaceAt(d.actions, index, patch) }));
  return (
    <Section title="Action items" className="fb-pm__section">
      {draft.actions.length === 0 ? <p className="fb-note">No actions yet. Each answer above usually leads to one.</p> : null}
      {draft.actions.map((action, index) => {
        const n = String(index + 1);
        return (
          <ItemRow
            key={action.id}
            legend={
              <>
                Action {n} {overdue.has(action.id) ? <Lozenge tone="removed">Overdue</Lozenge> : null}
              </>
            }
            alert={overdue.has(action.id)}
            tools={<ActionIssue state={state} actions={actions} action={action} disabled={disabled} dirty={dirty} onUnlink={() => change(index, { issueKey: null })} />}
            remove={canEdit ? { label: `Remove action ${n}`, disabled, onRemove: () => edit((d) => ({ ...d, actions: removeAt(d.actions, index) })) } : undefined}
          >
            <Field id={`${id}-${action.id}-title`} label="Title" error={state.fieldErrors[`actions.${String(index)}.title`]}>
              {(control) => <input {...control} className="fb-input" value={action.title} readOnly={!canEdit} disabled={disabled} onChange={(event) => change(index, { title: event.target.value })} />}
            </Field>
            <Field id={`${id}-${action.id}-owner`} label="Owner" error={undefined}>
              {(control) => <OwnerControl control={control} value={action.owner} names={ownerNames(view)} disabled={disabled} readOnly={!canEdit} onChange={(owner) => change(index, { owner })} />}
            </Field>
            <Field id={`${id}-${action.id}-due`} label="Due date" error={undefined}>
              {(control) => <input {...control} className="fb-input" type="date" value={action.dueDate} readOnly={!canEdit} disabled={disabled} onChange={(event) => change(index, { dueDate: event.target.value })} />}
            </Field>
            <Field id={`${id}-${action.id}-question`} label="Question" error={undefined}>
              {(control) => (
                <select {...control} className="fb-select" value={action.question} disabled={disabled || !canEdit} onChange={(event) => change(index, { question: event.target.value as QuestionId })}>
                  {FIVE_QUESTIONS.map((question) => (
                    <option key={question.id} value={question.id}>
                      {question.label}
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
          <button type="button" className="fb-button" disabled={disabled || draft.actions.length >= 100} onClick={() => edit((d) => ({ ...d, actions: [...d.actions, newAction(d, Date.now())] }))}>
            Add action
          </button>
        </div>
      ) : null}
    </Section>
  );
}

/**
 * The action's Jira issue: "Create Jira issue" before it has one, its key and live status after,
 * and "File again" or "Unlink" when the issue no longer opens in Jira.
 */
function ActionIssue({
  state,
  actions,
  action,
  disabled,
  dirty,
  onUnlink,
}: {
  readonly state: EditorState;
  readonly actions: PostmortemsActions;
  readonly action: ActionDraft;
  readonly disabled: boolean;
  readonly dirty: boolean;
  readonly onUnlink: () => void;
}) {
  const { view } = state;
  const canEdit = canEditPostmortem(state);
  const creating = typeof state.busy === 'object' && state.busy?.createIssueFor === action.id;
  if (action.issueKey === null) {
    if (!canEdit) return <span className="fb-meta">No Jira issue yet.</span>;
    return (
      <>
        <button type="button" className="fb-button fb-no-print" disabled={disabled || dirty} onClick={() => actions.createIssue(action.id)}>
          {creating ? 'Creating…' : 'Create Jira issue'}
        </button>
        {dirty ? <span className="fb-meta">{EDITOR_COPY.saveFirst}</span> : null}
      </>
    );
  }
  const live = view.actionIssues[action.issueKey] ?? view.actionIssues[action.id];
  if (live?.missing === true) {
    return (
      <>
        <span className="fb-meta">{EDITOR_COPY.actionIssueMissing(action.issueKey)}</span>
        {canEdit ? (
          <>
            <button type="button" className="fb-button fb-no-print" disabled={disabled || dirty} onClick={() => actions.createIssue(action.id)}>
              {creating ? 'Filing…' : 'File again'}
            </button>
            <button type="button" className="fb-button fb-button--subtle fb-no-print" disabled={disabled} onClick={onUnlink}>
              Unlink {action.issueKey}
            </button>
          </>
        ) : null}
      </>
    );
  }
  return (
    <span>
      <IssueLink issueKey={action.issueKey} /> {live === undefined ? null : <Lozenge tone={live.done ? 'success' : 'inprogress'}>{live.status}</Lozenge>}
    </span>
  );
}
