import { useId } from 'react';

import { FIVE_QUESTIONS } from '../../../shared/postmortem';
import { Field } from '../../../ui/Field';
import { ItemRows } from '../../../ui/ItemRows';
import { Lozenge } from '../../../ui/Lozenge';
import { Section } from '../../../ui/Section';
import { Select } from '../../../ui/Select';
import { IssueLink } from '../IssueLink';
import { type ActionDraft, newAction } from '../postmortem-draft';
import { type EditorState, EDITOR_COPY, canEditPostmortem } from '../postmortem-editor.state';
import type { PostmortemsActions } from '../use-postmortems';
import { TitleAndOwner } from './TitleAndOwner';
import { type SectionProps, rowList } from './section-props';

const QUESTION_OPTIONS = FIVE_QUESTIONS.map(({ id, label }) => ({ value: id, label }));

interface ActionsProps extends SectionProps {
  readonly actions: PostmortemsActions;
  readonly dirty: boolean;
}

/** The action items: each with an owner, a due date and the question it answers, filed as a Jira issue. */
export function ActionsSection({ state, actions, edit, disabled, dirty }: ActionsProps) {
  const id = useId();
  const { view } = state;
  const canEdit = canEditPostmortem(state);
  const overdue = new Set(view.overdueActionIds);
  const { change, rows } = rowList({ state, edit, disabled }, 'actions', newAction);
  return (
    <Section title="Action items" className="fb-pm__section">
      <ItemRows
        {...rows}
        noun="action"
        empty="No actions yet. Each answer above usually leads to one."
        row={(action, index) => ({
          badge: overdue.has(action.id) ? <Lozenge tone="removed">Overdue</Lozenge> : undefined,
          alert: overdue.has(action.id),
          tools: <ActionIssue state={state} actions={actions} action={action} disabled={disabled} dirty={dirty} onUnlink={() => change(index, { issueKey: null })} />,
          fields: (
            <>
              <TitleAndOwner id={`${id}-${action.id}`} item={action} error={state.fieldErrors[`actions.${String(index)}.title`]} view={view} canEdit={canEdit} disabled={disabled} onChange={(patch) => change(index, patch)} />
              <Field id={`${id}-${action.id}-due`} label="Due date" error={undefined}>
                {(control) => <input {...control} className="fb-input" type="date" value={action.dueDate} readOnly={!canEdit} disabled={disabled} onChange={(event) => change(index, { dueDate: event.target.value })} />}
              </Field>
              <Field id={`${id}-${action.id}-question`} label="Question" error={undefined}>
                {(control) => <Select control={control} value={action.question} options={QUESTION_OPTIONS} disabled={disabled || !canEdit} onChange={(question) => change(index, { question })} />}
              </Field>
            </>
          ),
        })}
      />
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
