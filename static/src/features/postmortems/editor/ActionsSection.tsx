import { useId, useState } from 'react';

import { ACTION_TRIAGE_DECISIONS, type ActionTriageDecision, FIVE_QUESTIONS } from '@contract/postmortem.values';
import { formatAbsolute } from '../../../shared/time';
import { Field } from '../../../ui/Field';
import { ItemRows } from '../../../ui/ItemRows';
import { Lozenge } from '../../../ui/Lozenge';
import { Section } from '../../../ui/Section';
import { Select } from '../../../ui/Select';
import { decisionNote, verificationNote } from '../action-notes';
import { IssueLink } from '../IssueLink';
import { type ActionDraft, newAction } from '../postmortem-draft';
import { type EditorState, EDITOR_COPY, canEditPostmortem } from '../postmortem-editor.state';
import type { PostmortemsActions } from '../use-postmortems';
import { TitleAndOwner } from './TitleAndOwner';
import { type SectionProps, rowList } from './section-props';

const QUESTION_OPTIONS = FIVE_QUESTIONS.map(({ id, label }) => ({ value: id, label }));

const DECISION_LABELS: Readonly<Record<ActionTriageDecision | 'proposed', string>> = { proposed: 'Proposed (not decided)', accepted: 'Accepted', deferred: 'Deferred', rejected: 'Rejected' };
const DECISION_OPTIONS = ACTION_TRIAGE_DECISIONS.map((decision) => ({ value: decision, label: DECISION_LABELS[decision] }));

interface ActionsProps extends SectionProps {
  readonly actions: PostmortemsActions;
  readonly dirty: boolean;
  // actions part (issue 15)
  readonly accountId?: string | undefined;
  readonly locale?: string | undefined;
  readonly timezone?: string | undefined;
}

/** Proposed until the team decides; an action filed before triage existed reads as accepted. */
const decisionOf = (action: ActionDraft): ActionTriageDecision | 'proposed' => action.triage?.decision ?? (action.issueKey === null ? 'proposed' : 'accepted');

/**
 * The action items: each with an owner, a due date and the question it answers; the team accepts,
 * defers or rejects each with a reason, only accepted ones are filed as Jira issues, and a finished
 * one records how it was verified.
 */
export function ActionsSection({ state, actions, edit, disabled, dirty, accountId, locale, timezone }: ActionsProps) {
  const id = useId();
  const { view } = state;
  const canEdit = canEditPostmortem(state);
  const overdue = new Set(view.overdueActionIds);
  const { change, rows } = rowList({ state, edit, disabled }, 'actions', newAction);
  const saved = new Map(view.postmortem.actions.map((action) => [action.id, action]));
  return (
    <Section title="Action items" className="fb-pm__section">
      <p className="fb-helper">Decide each proposed action: only accepted ones are filed as Jira issues, so the backlog holds commitments. Save, then file.</p>
      <ItemRows
        {...rows}
        noun="action"
        empty="No actions yet. Each answer above usually leads to one."
        row={(action, index) => {
          const decision = decisionOf(action);
          const stored = saved.get(action.id)?.triage;
          const decide = (next: ActionTriageDecision, reason: string) =>
            change(index, { triage: { decision: next, reason, by: stored?.by ?? accountId ?? 'me', at: stored?.at ?? new Date().toISOString() } });
          return {
            badge: overdue.has(action.id) ? <Lozenge tone="removed">Overdue</Lozenge> : undefined,
            alert: overdue.has(action.id),
            // The decision and the proof sit with the issue, not in the row's name (the legend).
            tools: (
              <>
                <Lozenge tone={decision === 'accepted' ? 'success' : decision === 'rejected' ? 'removed' : decision === 'deferred' ? 'moved' : 'default'}>{decision === 'proposed' ? 'Proposed' : DECISION_LABELS[decision]}</Lozenge>
                {action.verification === undefined ? null : <Lozenge tone="success">Verified</Lozenge>}
                <ActionIssue state={state} actions={actions} action={action} decision={decision} disabled={disabled} dirty={dirty} onUnlink={() => change(index, { issueKey: null })} />
              </>
            ),
            fields: (
              <>
                <TitleAndOwner
                  id={`${id}-${action.id}`}
                  item={action}
                  error={state.fieldErrors[`actions.${String(index)}.title`]}
                  view={view}
                  canEdit={canEdit}
                  disabled={disabled}
                  findOwners={actions.findOwners}
                  ownerError={state.fieldErrors[`actions.${String(index)}.owner`]}
                  target="action"
                  onChange={(patch) => change(index, patch)}
                />
                <Field id={`${id}-${action.id}-due`} label="Due date" error={undefined}>
                  {(control) => <input {...control} className="fb-input" type="date" value={action.dueDate} readOnly={!canEdit} disabled={disabled} onChange={(event) => change(index, { dueDate: event.target.value })} />}
                </Field>
                <Field id={`${id}-${action.id}-question`} label="Question" error={undefined}>
                  {(control) => <Select control={control} value={action.question} options={QUESTION_OPTIONS} disabled={disabled || !canEdit} onChange={(question) => change(index, { question })} />}
                </Field>
                <Field id={`${id}-${action.id}-decision`} label="Decision" error={state.fieldErrors[`actions.${String(index)}.triage`]}>
                  {(control) =>
                    decision === 'proposed' ? (
                      <Select control={control} value="proposed" options={[{ value: 'proposed', label: DECISION_LABELS.proposed }, ...DECISION_OPTIONS]} disabled={disabled || !canEdit} onChange={(next) => (next === 'proposed' ? undefined : decide(next, action.triage?.reason ?? ''))} />
                    ) : (
                      <Select control={control} value={decision} options={DECISION_OPTIONS} disabled={disabled || !canEdit} onChange={(next) => decide(next, action.triage?.reason ?? '')} />
                    )
                  }
                </Field>
                {decision === 'proposed' ? null : (
                  <Field id={`${id}-${action.id}-reason`} label={decision === 'accepted' ? 'Reason (optional)' : 'Reason'} error={undefined}>
                    {(control) => <input {...control} className="fb-input" value={action.triage?.reason ?? ''} maxLength={500} readOnly={!canEdit} disabled={disabled} onChange={(event) => decide(decision, event.target.value)} />}
                  </Field>
                )}
                {stored === undefined ? null : (
                  <p className="fb-meta">{decisionNote(stored, view.names, (iso) => formatAbsolute(iso, locale, timezone))}</p>
                )}
                <Verification state={state} actions={actions} action={action} disabled={disabled} dirty={dirty} locale={locale} timezone={timezone} />
              </>
            ),
          };
        }}
      />
    </Section>
  );
}

/**
 * Proof that the action worked: once its issue is done, the page asks how it was verified (a
 * sentence, a link, or both); once recorded, it shows what was said, by whom and when.
 */
function Verification({
  state,
  actions,
  action,
  disabled,
  dirty,
  locale,
  timezone,
}: {
  readonly state: EditorState;
  readonly actions: PostmortemsActions;
  readonly action: ActionDraft;
  readonly disabled: boolean;
  readonly dirty: boolean;
  readonly locale: string | undefined;
  readonly timezone: string | undefined;
}) {
  const id = useId();
  const [how, setHow] = useState('');
  const [link, setLink] = useState('');
  const { view } = state;
  const { verification } = action;
  if (verification !== undefined) {
    return (
      <p className="fb-meta" data-testid="action-verification">
        {verificationNote(verification, view.names, (iso) => formatAbsolute(iso, locale, timezone))}
        {verification.link === null ? null : (
          <>
            {' '}
            <a href={verification.link} target="_blank" rel="noreferrer noopener">
              {verification.link}
            </a>
          </>
        )}
      </p>
    );
  }
  const live = action.issueKey === null ? undefined : view.actionIssues[action.issueKey];
  if (live?.done !== true || !canEditPostmortem(state)) return null;
  const recording = typeof state.busy === 'object' && state.busy !== null && 'verifyFor' in state.busy && state.busy.verifyFor === action.id;
  const trimmedLink = link.trim();
  return (
    <fieldset className="fb-fieldset">
      <legend className="fb-label">{action.issueKey} is done. How did you check that it worked?</legend>
      <Field id={`${id}-how`} label="How it was verified" error={undefined}>
        {(control) => <textarea {...control} className="fb-textarea" rows={2} maxLength={2_000} value={how} disabled={disabled} onChange={(event) => setHow(event.target.value)} />}
      </Field>
      <Field id={`${id}-link`} label="Link to the proof (optional)" error={undefined}>
        {(control) => <input {...control} className="fb-input" type="url" placeholder="https://" value={link} disabled={disabled} onChange={(event) => setLink(event.target.value)} />}
      </Field>
      <button type="button" className="fb-button" disabled={disabled || dirty || (how.trim() === '' && trimmedLink === '')} onClick={() => actions.verifyAction(action.id, how, trimmedLink === '' ? null : trimmedLink)}>
        {recording ? 'Recording…' : 'Record verification'}
      </button>
      {dirty ? <span className="fb-meta">{EDITOR_COPY.saveFirst}</span> : null}
    </fieldset>
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
  decision,
  disabled,
  dirty,
  onUnlink,
}: {
  readonly state: EditorState;
  readonly actions: PostmortemsActions;
  readonly action: ActionDraft;
  readonly decision: ActionTriageDecision | 'proposed';
  readonly disabled: boolean;
  readonly dirty: boolean;
  readonly onUnlink: () => void;
}) {
  const { view } = state;
  const canEdit = canEditPostmortem(state);
  const creating = typeof state.busy === 'object' && state.busy !== null && 'createIssueFor' in state.busy && state.busy.createIssueFor === action.id;
  if (action.issueKey === null) {
    if (!canEdit) return <span className="fb-meta">No Jira issue yet.</span>;
    if (decision !== 'accepted') return <span className="fb-meta">{decision === 'proposed' ? 'Accept it to file it as a Jira issue.' : `Not filed: ${decision}.`}</span>;
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
