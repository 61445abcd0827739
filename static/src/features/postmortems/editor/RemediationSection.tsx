import { useEffect, useId, useState } from 'react';

import type { JiraPriorities } from '@contract/postmortem.contract';
import { REMEDIATION_PRIORITIES } from '@contract/postmortem.values';
import { Field } from '../../../ui/Field';
import { ItemRows } from '../../../ui/ItemRows';
import { Lozenge } from '../../../ui/Lozenge';
import { Section } from '../../../ui/Section';
import { Select } from '../../../ui/Select';
import { IssueLink } from '../IssueLink';
import { type RemediationDraft, newRemediation } from '../postmortem-draft';
import { EDITOR_COPY, type EditorState, canEditPostmortem } from '../postmortem-editor.state';
import type { PostmortemsActions } from '../use-postmortems';
import { type FindOwners, TitleAndOwner } from './TitleAndOwner';
import { type SectionProps, rowList } from './section-props';

const PRIORITY_LABELS = { high: 'High', medium: 'Medium', low: 'Low' } as const;
const PRIORITY_OPTIONS = REMEDIATION_PRIORITIES.map((priority) => ({ value: priority, label: PRIORITY_LABELS[priority] }));

interface RemediationProps extends SectionProps {
  readonly findOwners: FindOwners;
  // format part (issue 15): filing an item as its own Jira issue
  readonly actions?: PostmortemsActions;
  readonly dirty?: boolean;
}

/** What is owed to affected customers (refunds, apologies, data fixes), tracked apart from the action items, and filed as Jira issues of their own. */
export function RemediationSection({ state, edit, disabled, findOwners, actions, dirty = false }: RemediationProps) {
  const id = useId();
  const { view } = state;
  const canEdit = canEditPostmortem(state);
  const { change, rows } = rowList({ state, edit, disabled }, 'remediation', newRemediation);
  const priorities = useJiraPriorities(actions, canEdit && state.draft.remediation.some((item) => item.issueKey == null && !item.done));
  return (
    <Section title="Remediation for affected customers" className="fb-pm__section">
      <ItemRows
        {...rows}
        noun="remediation"
        empty="Nothing to remediate yet: refunds, apologies, data fixes."
        row={(item, index) => ({
          tools: (
            <>
              <label className="fb-choice">
                <input type="checkbox" checked={item.done} disabled={disabled || !canEdit} onChange={(event) => change(index, { done: event.target.checked })} /> Done
              </label>
              {actions === undefined ? null : <RemediationIssue state={state} actions={actions} item={item} priorities={priorities} disabled={disabled} dirty={dirty} onUnlink={() => change(index, { issueKey: null })} />}
            </>
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

type Priorities = { readonly state: 'loading' } | { readonly state: 'failed'; readonly message: string } | { readonly state: 'ready'; readonly list: JiraPriorities['priorities'] };

/** Jira's priorities, asked once when there is something to file. */
function useJiraPriorities(actions: PostmortemsActions | undefined, wanted: boolean): Priorities {
  const [priorities, setPriorities] = useState<Priorities>({ state: 'loading' });
  const load = actions?.loadPriorities;
  useEffect(() => {
    if (!wanted || load === undefined || priorities.state !== 'loading') return;
    let live = true;
    void load().then((result) => {
      if (live) setPriorities(result.ok ? { state: 'ready', list: result.data.priorities } : { state: 'failed', message: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [wanted, load, priorities.state]);
  return priorities;
}

/**
 * The item's Jira issue: before it has one, the Jira priority to file it with and "Create Jira
 * issue"; after, its key and live status, and the priority it was filed with.
 */
function RemediationIssue({
  state,
  actions,
  item,
  priorities,
  disabled,
  dirty,
  onUnlink,
}: {
  readonly state: EditorState;
  readonly actions: PostmortemsActions;
  readonly item: RemediationDraft;
  readonly priorities: Priorities;
  readonly disabled: boolean;
  readonly dirty: boolean;
  readonly onUnlink: () => void;
}) {
  const id = useId();
  const [chosen, setChosen] = useState('');
  const { view } = state;
  const canEdit = canEditPostmortem(state);
  const filing = typeof state.busy === 'object' && state.busy !== null && 'fileRemediationFor' in state.busy && state.busy.fileRemediationFor === item.id;
  if (item.issueKey != null) {
    const live = view.actionIssues[item.issueKey];
    if (live?.missing === true) {
      return (
        <>
          <span className="fb-meta">{EDITOR_COPY.actionIssueMissing(item.issueKey)}</span>
          {canEdit ? (
            <button type="button" className="fb-button fb-button--subtle fb-no-print" disabled={disabled} onClick={onUnlink}>
              Unlink {item.issueKey}
            </button>
          ) : null}
        </>
      );
    }
    return (
      <span>
        <IssueLink issueKey={item.issueKey} /> {live === undefined ? null : <Lozenge tone={live.done ? 'success' : 'inprogress'}>{live.status}</Lozenge>}
        {item.filedPriority === undefined ? null : <span className="fb-meta"> Filed at {item.filedPriority} priority</span>}
      </span>
    );
  }
  if (!canEdit || item.done) return null;
  const saved = view.postmortem.remediation.some((candidate) => candidate.id === item.id);
  const options = [{ value: '', label: 'Jira’s default' }, ...(priorities.state === 'ready' ? priorities.list.map((priority) => ({ value: priority.id, label: priority.name })) : [])];
  return (
    <>
      <Field id={`${id}-jira-priority`} label="Jira priority" error={undefined} hint={priorities.state === "failed" ? priorities.message : undefined}>
        {(control) => <Select control={control} value={chosen} options={options} disabled={disabled || priorities.state !== 'ready'} onChange={setChosen} />}
      </Field>
      <button type="button" className="fb-button fb-no-print" disabled={disabled || dirty || !saved} onClick={() => actions.createRemediationIssue?.(item.id, chosen === '' ? null : chosen)}>
        {filing ? 'Creating…' : 'Create Jira issue'}
      </button>
      {dirty || !saved ? <span className="fb-meta">{EDITOR_COPY.saveFirst}</span> : null}
    </>
  );
}
