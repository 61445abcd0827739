import { adfToText, type AdfDocument } from '../../../contract/adf';
import { addComment, assignIssue, deleteComment, getIssueBasics, getTransitions, listRecentComments, transitionIssue } from '../../../jira/issues';
import { isJiraError, type JiraError } from '../../../jira/jira-error';
import type { JiraTransport } from '../../../jira/jira-transport';
import type { ActionOutcome } from '../../../contract/report.contract';
import { readPlan, type StoredPlan } from '../../../storage/action-plan.store';
import { claimOnce, readClaim, releaseClaim } from '../../../storage/once.store';

/**
 * The Jira steps of a recorded plan, each idempotent: it looks at what Jira holds first and does
 * only what is missing, so a retry after a lost answer, a second click or the scheduled run never
 * doubles anything. Each returns what it did, for the sentence the person reads.
 */

export interface IssueNow {
  readonly key: string;
  readonly status: string;
  readonly assigneeId: string | null;
}

/** Assigns the issue unless it already is. `null` unassigns. */
export const ensureAssigned = async (jira: JiraTransport, issue: IssueNow, accountId: string | null): Promise<'assigned' | 'already'> => {
  if (issue.assigneeId === accountId) return 'already';
  await assignIssue(jira, issue.key, accountId);
  return 'assigned';
};

/**
 * Moves the issue to `status` by the transition Jira offers from where it is now. Only a direct
 * transition is taken: Jira offers no way to see a workflow's other paths without admin rights, and
 * moving an issue through statuses nobody chose (Resolved on the way to In Progress) would be worse
 * than leaving it where it is with a true sentence. `no-path` says the workflow has no such move.
 */
export const ensureStatus = async (jira: JiraTransport, issue: IssueNow, status: string): Promise<'moved' | 'already' | 'no-path'> => {
  if (issue.status.toLowerCase() === status.toLowerCase()) return 'already';
  const transition = (await getTransitions(jira, issue.key)).find((candidate) => candidate.toStatus.toLowerCase() === status.toLowerCase());
  if (transition === undefined) return 'no-path';
  try {
    await transitionIssue(jira, issue.key, transition.id);
  } catch (error) {
    // Jira refuses a transition that is no longer valid from where the issue is: someone (or another
    // attempt) may have moved it there meanwhile, which is what this step wanted.
    if (isJiraError(error) && error.kind === 'bad-request' && (await getIssueBasics(jira, issue.key)).status.toLowerCase() === status.toLowerCase()) return 'already';
    throw error;
  }
  return 'moved';
};

/**
 * Runs `work` holding the plan's lease, so two attempts at one plan (a double click, the scheduled
 * run and a click) never run its steps at the same time and undo each other's work. A lease older
 * than a function may run belongs to a stopped attempt and is taken over. `busy`: another attempt
 * holds it now.
 */
export const withPlanLease = async <T>(planId: string, now: Date, work: () => Promise<T>): Promise<T | 'busy'> => {
  const lease = `plan:${planId}:lease`;
  if (!(await claimOnce(lease, now))) {
    const held = await readClaim(lease);
    if (held !== undefined && held.claimedAt !== null && now.getTime() - Date.parse(held.claimedAt) < CLAIM_HELD_MS) return 'busy';
    await releaseClaim(lease);
    if (!(await claimOnce(lease, now))) return 'busy';
  }
  try {
    return await work();
  } finally {
    await releaseClaim(lease);
  }
};

/** How long a claim on a comment may be held by an attempt still at work before it counts as abandoned. */
const CLAIM_HELD_MS = 60_000;

/**
 * Posts the plan's comment once. A claim in KVS guards it; when an earlier attempt holds the claim,
 * the comment is looked for among the issue's newest comments (read by key, so it is there as soon
 * as Jira stored it): `matches` says which text is this plan's. An attempt that claimed but never
 * posted (its function was stopped) gives way after a minute. Answers the comment's id, or
 * `pending` while another attempt is at it.
 */
export const ensureComment = async (
  jira: JiraTransport,
  issueKey: string,
  claim: string,
  body: AdfDocument,
  matches: (text: string) => boolean,
  now: Date,
): Promise<{ readonly id: string; readonly posted: boolean } | 'pending'> => {
  if (!(await claimOnce(claim, now))) {
    const existing = (await listRecentComments(jira, issueKey)).find((comment) => matches(adfToText(comment.body)));
    if (existing !== undefined) return { id: existing.id, posted: false };
    const held = await readClaim(claim);
    if (held !== undefined && held.claimedAt !== null && now.getTime() - Date.parse(held.claimedAt) < CLAIM_HELD_MS) return 'pending';
    await releaseClaim(claim);
    if (!(await claimOnce(claim, now))) return 'pending';
  }
  try {
    return { id: await addComment(jira, issueKey, body), posted: true };
  } catch (error) {
    await releaseClaim(claim);
    throw error;
  }
};

/** Removes a comment this plan posted (undo); one already gone is fine. */
export const removeComment = async (jira: JiraTransport, issueKey: string, commentId: string): Promise<void> => {
  try {
    await deleteComment(jira, issueKey, commentId);
  } catch (error) {
    if (!(isJiraError(error) && error.kind === 'not-found')) throw error;
  }
};

/** Whether a Jira failure may pass with time (busy, down, lost), so the plan is finished later rather than undone now. */
export const isPassing = (error: unknown): error is JiraError => isJiraError(error) && (error.kind === 'rate-limited' || error.kind === 'unavailable');

/** Same text, whitespace aside: how a plan recognises its own comment. */
export const sameText = (expected: string) => {
  const normal = (text: string): string => text.replace(/\s+/g, ' ').trim();
  const wanted = normal(expected);
  return (text: string): boolean => normal(text) === wanted;
};

/** "HTTP 503" for a Jira failure, else a short reason. */
export const reasonOf = (error: unknown): string => (isJiraError(error) ? `Jira answered HTTP ${String(error.status)}${error.jiraMessages.length > 0 ? `: ${error.jiraMessages.join(' ')}` : ''}` : 'an unexpected error');

/** How a settled plan ended, in the words its last attempt left. */
export const settledOutcome = (stored: StoredPlan): ActionOutcome => ({ tone: stored.status === 'done' ? 'success' : 'warning', message: stored.outcome });

/**
 * Carries a plan out under its lease, from its freshest record: a plan another attempt settled
 * meanwhile answers how it ended instead of running again.
 */
export const carryOutLeased = async (stored: StoredPlan, now: Date, work: (fresh: StoredPlan) => Promise<ActionOutcome>): Promise<ActionOutcome> => {
  const result = await withPlanLease(stored.plan.id, now, async () => {
    const fresh = (await readPlan(stored.plan.id)) ?? stored;
    return fresh.status === 'running' ? work(fresh) : settledOutcome(fresh);
  });
  return result === 'busy' ? { tone: 'warning', message: `This is already being done for ${stored.plan.issue.key} by another request; it finishes in a moment.` } : result;
};
