import { planPolicyApplication, recordUpdate } from '../../domain/policy/apply-policy';
import { getIssueSnapshot, updatePriorityAndLabels } from '../../jira/issue-snapshot';
import { addComment } from '../../jira/issues';
import type { JiraTransport } from '../../jira/jira-transport';
import { readPolicyState, savePolicyState, type StoredPolicyState } from '../../storage/issue-state.store';
import { claimOnce, readClaim, releaseClaim } from '../../storage/once.store';
import { StoredDataError } from '../../storage/stored-data-error';
import { loadIssueState } from './issue-state';

/**
 * Who writes what. The policy comment and the applied state are the policy's own voice and record,
 * written by the app whichever path applies it, so the result is the same either way. Priority and
 * labels are written by `fields`: the app in the trigger (no user is there), the triager in their
 * decision, so Jira's history names the person who decided and Jira checks their Edit issues too.
 */
export interface PolicyWriters {
  readonly fields: JiraTransport;
  readonly app: JiraTransport;
}

/** A comment made on the issue, as its event tells it. */
export interface StakeholderUpdate {
  /** When the comment was first made (an edit keeps it): an edit is no new update. */
  readonly commentedAt: string;
}

/**
 * `applied`: the issue is as the policy wants it (or there is no decision to apply). `comment-pending`:
 * another invocation holds the claim on this decision's comment and has not finished, so this one
 * left the applied state to it; the trigger asks Forge to run it again later.
 */
export type PolicyOutcome = 'applied' | 'comment-pending';

/**
 * Claims older than this belong to an invocation that has finished or was stopped (Forge stops
 * resolvers and triggers at 25 s), so the comment they guarded counts as posted. An invocation
 * stopped between claiming and posting therefore loses the comment: the rarer case, and a missing
 * comment was preferred to a second one.
 */
const FINISHED_CLAIM_AGE_MS = 60_000;

/**
 * Applies the severity policy to one issue, from what Jira and storage hold now: the decided level's
 * priority and label, the due times (and Jira's Due date, where the edit screen has it) and the one
 * policy comment; then counts `update`, when given, as a
 * stakeholder update. The one use case behind the trigger and the triager's decision: it converges
 * whichever runs, in whatever order, as often as events are duplicated, because the plan is computed
 * from the current state, field edits set values, and a KVS claim guards the comment.
 */
export const applySeverityPolicy = async (writers: PolicyWriters, issueKey: string, now: Date, update: StakeholderUpdate | null = null): Promise<PolicyOutcome> => {
  const snapshot = await getIssueSnapshot(writers.app, issueKey);
  const issue = { id: snapshot.id, key: snapshot.key, projectKey: snapshot.projectKey };
  const { policy, stored } = await loadIssueState({ ...issue, issueType: snapshot.issueType }, { legacyReader: writers.app, onDamaged: 'as-empty' });
  const report = stored?.report ?? null;
  // The state is saved compare-and-swap; when another invocation saved in between (the trigger and
  // the decision, or two events), plan again from what it stored: the edits and the comment are
  // idempotent, so a second pass only adds what is missing.
  let facts = { priorityName: snapshot.priorityName, labels: snapshot.labels, resolved: snapshot.resolved, dueDate: snapshot.dueDate };
  for (let attempt = 0; attempt < MAX_STATE_ATTEMPTS; attempt += 1) {
    const applied = await readAppliedState(issue.id);
    let state = applied?.state ?? null;
    const plan = planPolicyApplication(policy, report, state, facts);
    if (plan !== null) {
      if (plan.setPriority !== null || plan.setDueDate !== null || plan.addLabels.length > 0 || plan.removeLabels.length > 0) {
        // A Due date off the edit screen is refused and left: the project does not use it. The plan's
        // state settles it all the same, so later events do not try again.
        await updatePriorityAndLabels(writers.fields, issueKey, { priority: plan.setPriority, addLabels: plan.addLabels, removeLabels: plan.removeLabels, dueDate: plan.setDueDate });
        facts = {
          ...facts,
          priorityName: plan.setPriority ?? facts.priorityName,
          labels: [...facts.labels.filter((label) => !plan.removeLabels.includes(label)), ...plan.addLabels],
          dueDate: plan.setDueDate ?? facts.dueDate,
        };
      }
      const comment = plan.comment;
      if (comment !== null && !(await postOnce(`policy-comment:${issue.id}:${plan.state.decisionAt}`, now, () => addComment(writers.app, issueKey, comment)))) {
        return 'comment-pending';
      }
      state = { ...plan.state, commented: true };
    }
    const next = state !== null && update !== null ? recordUpdate(policy, state, update.commentedAt, snapshot.resolved) : state;
    if (next === null || next === applied?.state) return 'applied';
    if ((await savePolicyState(issue, next, applied?.version ?? 0)) === 'saved') return 'applied';
  }
  throw new Error(`${issueKey}: the policy state kept changing under Firebreak; the next event applies it.`);
};

const MAX_STATE_ATTEMPTS = 4;

/** The applied policy state, or null when there is none or it does not parse (then it is planned afresh). */
export const readAppliedState = async (issueId: string): Promise<StoredPolicyState | null> => {
  try {
    return await readPolicyState(issueId);
  } catch (error) {
    if (error instanceof StoredDataError) return null;
    throw error;
  }
};

/**
 * Posts under a claim. True when the comment is there: posted now, or by an invocation whose claim
 * is old enough to be finished. False when another invocation is posting it right now. A failed post
 * gives the claim back, so the next attempt can make it.
 */
const postOnce = async (claim: string, now: Date, post: () => Promise<unknown>): Promise<boolean> => {
  if (await claimOnce(claim, now)) {
    try {
      await post();
      return true;
    } catch (error) {
      await releaseClaim(claim);
      throw error;
    }
  }
  const held = await readClaim(claim);
  if (held === undefined) return false;
  return held.claimedAt === null || now.getTime() - Date.parse(held.claimedAt) > FINISHED_CLAIM_AGE_MS;
};
