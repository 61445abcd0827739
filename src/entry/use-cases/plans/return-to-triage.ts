import type { ActionOutcome, SendBack } from '../../../contract/report.contract';
import { composeReturnComment } from '../../../domain/readiness/send-back-comment';
import { getIssueBasics } from '../../../jira/issues';
import { isJiraError } from '../../../jira/jira-error';
import type { JiraTransport } from '../../../jira/jira-transport';
import { getDisplayNames } from '../../../jira/users';
import { settlePlan, type ActionPlan, type ReturnParams, type StoredPlan } from '../../../storage/action-plan.store';
import type { IssueRef } from '../../../storage/issue-state.store';
import { carryOutLeased, ensureAssigned, ensureComment, ensureStatus, type IssueNow } from './plan-steps';
import { listInWords, PENDING, runSteps } from './step-runner';

type ReturnPlan = ActionPlan & { readonly params: ReturnParams };

const isReturn = (plan: ActionPlan): plan is ReturnPlan => plan.params.kind === 'return-to-triage';

/** The words that mark the app's hand-back comment, whatever status it names. */
const RETURN_MARK = 'the reporter completed the production report';

/**
 * The plan that hands a completed report back to triage, recorded with the reporter's save that
 * completed it (one transaction). Who gets it back comes from the app's own record of the
 * send-back (whoever had the issue, else the triager who sent it back), never from anything an
 * editor could write.
 */
export const returnPlanFor = async (app: JiraTransport, issue: IssueRef, sendBack: SendBack, requestedBy: string, now: string): Promise<ReturnPlan> => {
  const to = sendBack.previousAssignee ?? sendBack.sentBy;
  let displayName = sendBack.previousAssignee === null ? '' : (sendBack.previousAssigneeName ?? '');
  if (displayName === '') {
    // Only the mention's fallback text: Jira shows the person's current name either way.
    displayName = await getDisplayNames(app, [to])
      .then((names) => names.get(to) ?? '')
      .catch((error: unknown) => {
        if (isJiraError(error)) return '';
        throw error;
      });
  }
  return {
    schemaVersion: 1,
    id: `return-to-triage:${issue.id}:${sendBack.sentAt}`,
    issue,
    requestedBy,
    createdAt: now,
    params: { kind: 'return-to-triage', to: { accountId: to, displayName: displayName === '' ? 'the triager' : displayName }, previousStatus: sendBack.previousStatus },
  };
};

/**
 * Hands the issue back, as the app (a reporter may not hold Assign issues; their Edit issues on
 * this issue was checked before their save): assign it back, move it back to the status it had when
 * it was sent back if the workflow offers that move, and tell the person in one comment that says
 * where the issue really is. Never claims "back in triage" while Jira says otherwise. The
 * reporter's save is not undone when Jira refuses a step: their report is complete and stays so;
 * the plan is marked for a person instead.
 */
export const carryOutReturn = (app: JiraTransport, stored: StoredPlan, now: Date): Promise<ActionOutcome> => carryOutLeased(stored, now, (fresh) => runReturn(app, fresh, now));

const runReturn = async (app: JiraTransport, stored: StoredPlan, now: Date): Promise<ActionOutcome> => {
  const plan = stored.plan;
  if (!isReturn(plan)) throw new Error(`${plan.id} is not a return to triage`);
  const { issue, params } = plan;
  const who = params.to.displayName;
  let known: IssueNow | undefined;
  const current = async (): Promise<IssueNow> => {
    if (known === undefined) {
      const basics = await getIssueBasics(app, issue.key);
      known = { key: basics.key, status: basics.status, assigneeId: basics.assignee?.accountId ?? null };
    }
    return known;
  };
  let where = '';
  const outcome = await runSteps([
    { todo: `assign it back to ${who}`, run: async () => ((await ensureAssigned(app, await current(), params.to.accountId)) === 'assigned' ? `assigned it back to ${who}` : null) },
    {
      todo: `move it back to ${params.previousStatus}`,
      run: async () => {
        const before = await current();
        const moved = await ensureStatus(app, before, params.previousStatus);
        where = moved === 'no-path' ? before.status : params.previousStatus;
        if (moved === 'moved') return `moved it back to ${params.previousStatus}`;
        return moved === 'no-path' ? `left it in ${before.status} (its workflow has no transition back to ${params.previousStatus}: move it by hand)` : null;
      },
    },
    {
      todo: `tell ${who} in a comment`,
      run: async () => {
        const body = composeReturnComment({ accountId: params.to.accountId, displayName: who }, where, params.previousStatus);
        const posted = await ensureComment(app, issue.key, `plan:${plan.id}:comment`, body, (text) => text.includes(RETURN_MARK), now);
        if (posted === 'pending') return PENDING;
        return posted.posted ? `told ${who} in a comment` : null;
      },
    },
  ]);
  const at = now.toISOString();
  switch (outcome.kind) {
    case 'finished': {
      const message = `${issue.key} is back with ${who}${outcome.said.length === 0 ? '' : `: Firebreak ${listInWords(outcome.said)}`}.`;
      await settlePlan(stored, 'done', message, at);
      return { tone: 'success', message };
    }
    case 'unfinished': {
      const done = outcome.said.length === 0 ? 'nothing is done in Jira yet' : `Firebreak ${listInWords(outcome.said)}`;
      const message = `Your report is saved. Handing ${issue.key} back to ${who} is not finished: ${done}; not yet: ${listInWords(outcome.notYet)} (${outcome.reason}). Firebreak finishes it within a few minutes.`;
      await settlePlan(stored, 'running', message, at);
      return { tone: 'warning', message };
    }
    case 'refused': {
      const message = `Your report is saved, but Firebreak could not hand ${issue.key} back to ${who}: Jira refused to ${outcome.refused} (${outcome.reason}). Let ${who} know, or ask a Jira admin to check Firebreak's access to this project.`;
      await settlePlan(stored, 'stuck', message, at);
      return { tone: 'warning', message };
    }
  }
};
