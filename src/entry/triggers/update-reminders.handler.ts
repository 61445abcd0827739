import type { AppliedPolicyState } from '../../contract/policy.contract';
import { planReminder } from '../../domain/policy/apply-policy';
import { forgeJiraClients } from '../../jira/forge-transport';
import { addComment, bulkFetchIssues } from '../../jira/issues';
import { listOverduePolicyStates, savePolicyState, type IssueRef } from '../../storage/issue-state.store';
import { claimOnce, releaseClaim } from '../../storage/once.store';
import { moveLegacyPolicies, readEffectivePolicy } from '../../storage/policy.store';
import { readAppliedState } from '../use-cases/apply-severity-policy';
import { legacyImportOpen, migrateLegacyState } from '../use-cases/legacy-import';
import { finishStalledPlans } from '../use-cases/plans/finish-stalled';
import { remindOverdueActions } from '../use-cases/postmortems/remind-overdue-actions';
import { escalateMissedUpdates, recordMissedUpdate } from '../use-cases/update-escalation';

/** Of a scheduled run's 25 s in the sandbox (55 s on Forge), what moving old records may take. */
const MIGRATION_BUDGET_MS = 15_000;

interface SearchedFields {
  readonly status?: { readonly statusCategory?: { readonly key?: string } };
  readonly assignee?: { readonly accountId: string; readonly displayName?: string } | null;
}

/**
 * The `scheduledTrigger` function: sends the reminders and answers the response the platform reads.
 * 204 is success (a run that fails throws, which Forge records and does not retry; the next run
 * comes on schedule). The module page says a returned value is ignored, the function reference that
 * anything but a response is recorded as 424 Failed Dependency: this answer suits both.
 * @see https://developer.atlassian.com/platform/forge/function-reference/scheduled-trigger/
 * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/scheduled-trigger/
 */
export const runUpdateReminders = async (): Promise<{ statusCode: number }> => {
  // An old install's records and policies move into app storage first (a few pages per run until done).
  if (await legacyImportOpen()) await migrateLegacyState(forgeJiraClients().asApp, Date.now() + MIGRATION_BUDGET_MS);
  await moveLegacyPolicies();
  // Actions a failure or a stopped function left half-done are finished (or undone) before anything else.
  await finishStalledPlans(forgeJiraClients().asApp, new Date());
  const reminded = await sendUpdateReminders(new Date());
  if (reminded.length > 0) console.log(`cadence reminders sent on ${reminded.join(', ')}`);
  // part: updates (issue 16): a cadence after the reminder with no update, the level's escalation contact hears.
  const escalated = await escalateMissedUpdates(forgeJiraClients().asApp, new Date());
  if (escalated.length > 0) console.log(`missed updates escalated on ${escalated.join(', ')}`);
  // actions part (issue 15): overdue postmortem actions, one email per action and due date.
  const actions = await remindOverdueActions(forgeJiraClients().asApp, new Date());
  if (actions.length > 0) console.log(`overdue action reminders sent on ${actions.join(', ')}`);
  return { statusCode: 204 };
};

/**
 * Update-cadence reminders, on a schedule: every open issue whose applied policy has an overdue next
 * update gets one reminder per due time, mentioning its assignee. Candidates come from the app's own
 * index of due times (app storage, not JQL, whose index lags, nor an issue property anyone could
 * edit); their status and assignee are read by key, 100 per request. Each reminder costs one comment
 * and one compare-and-swap save of the state, and opens the due time's escalation record (the
 * level's escalation contact hears a cadence later if nobody posts). Answers the keys of the issues reminded.
 */
const sendUpdateReminders = async (clock: Date): Promise<string[]> => {
  const jira = forgeJiraClients().asApp;
  const now = clock.toISOString();
  const overdue = await listOverduePolicyStates(now);
  if (overdue.length === 0) return [];
  const issues = new Map((await bulkFetchIssues(jira, overdue.map((candidate) => candidate.issueId), ['status', 'assignee'])).map((issue) => [issue.id, issue]));
  const reminded: string[] = [];
  const cadences = new Map<string, Promise<ReadonlyMap<string, number | null>>>();
  const cadenceOf = async (projectKey: string, level: string): Promise<number | null> => {
    const known = cadences.get(projectKey) ?? readEffectivePolicy(projectKey).then(({ policy }) => new Map(policy.levels.map((candidate) => [candidate.id, candidate.updateCadenceMinutes])));
    cadences.set(projectKey, known);
    return (await known).get(level) ?? null;
  };
  for (const candidate of overdue) {
    const issue = issues.get(candidate.issueId);
    const fields = (issue?.fields ?? {}) as SearchedFields;
    const resolved = fields.status?.statusCategory?.key === 'done';
    if (issue === undefined || resolved) {
      // Deleted or resolved: no update is due any more, so it leaves the index of due times.
      await stopReminding({ id: candidate.issueId, key: issue?.key ?? candidate.issueKey, projectKey: projectKeyOf(issue?.key ?? candidate.issueKey) });
      continue;
    }
    const assignee = fields.assignee == null ? null : { accountId: fields.assignee.accountId, displayName: fields.assignee.displayName ?? '' };
    const plan = planReminder(candidate.stored.state, assignee, resolved, now);
    if (plan === null) continue;
    const ref = { id: candidate.issueId, key: issue.key, projectKey: projectKeyOf(issue.key) };
    const cadence = await cadenceOf(ref.projectKey, candidate.stored.state.level);
    if (cadence !== null) await recordMissedUpdate(ref, plan.dueAt, now, cadence);
    const claim = `reminder:${candidate.issueId}:${plan.dueAt}`;
    if (!(await claimOnce(claim, clock))) continue;
    try {
      await addComment(jira, issue.key, plan.comment);
    } catch (error) {
      await releaseClaim(claim);
      throw error;
    }
    await recordReminder(ref, plan.dueAt);
    reminded.push(issue.key);
  }
  return reminded;
};

const projectKeyOf = (issueKey: string): string => issueKey.slice(0, issueKey.lastIndexOf('-'));

/**
 * Changes the stored state compare-and-swap: if a comment moved the due time or the trigger saved
 * meanwhile, the change is made to what they stored. `change` answers null when nothing is left to do.
 */
const updateState = async (issue: IssueRef, change: (state: AppliedPolicyState) => AppliedPolicyState | null): Promise<void> => {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const stored = await readAppliedState(issue.id);
    const next = stored === null ? null : change(stored.state);
    if (stored === null || next === null) return;
    if ((await savePolicyState(issue, next, stored.version)) === 'saved') return;
  }
};

const recordReminder = (issue: IssueRef, dueAt: string): Promise<void> =>
  updateState(issue, (state) => (state.remindedFor.includes(dueAt) ? null : { ...state, remindedFor: [...state.remindedFor, dueAt].slice(-200) }));

const stopReminding = (issue: IssueRef): Promise<void> => updateState(issue, (state) => (state.nextUpdateDueAt === null ? null : { ...state, nextUpdateDueAt: null }));
