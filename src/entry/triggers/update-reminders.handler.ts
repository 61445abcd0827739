import { POLICY_STATE_PROPERTY_KEY } from '../../contract/policy.contract';
import { cadencedLevelIds, planReminder } from '../../domain/policy/apply-policy';
import { forgeJiraClients } from '../../jira/forge-transport';
import { setIssueProperty } from '../../jira/issue-properties';
import { addComment, bulkFetchIssues } from '../../jira/issues';
import { searchAll } from '../../jira/search';
import { claimOnce, releaseClaim } from '../../storage/once.store';
import { listProjectPolicies, readStoredPolicy } from '../../storage/policy.store';
import { DEFAULT_POLICY } from '../../domain/policy/presets';
import { readAppliedState } from '../use-cases/apply-severity-policy';

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
  const reminded = await sendUpdateReminders(new Date());
  if (reminded.length > 0) console.log(`cadence reminders sent on ${reminded.join(', ')}`);
  return { statusCode: 204 };
};

/**
 * Update-cadence reminders, on a schedule: every open issue whose policy state has an overdue next
 * update gets one reminder per due time, mentioning its assignee. The search finds candidates by the
 * decided level (levels with a cadence in the site's policy or in any project's override, since an
 * override may name its own levels), then reads the candidates by key with their policy state, so the
 * whole run costs one search page and one bulk fetch per 100 candidates plus one comment and one
 * property write per reminder. Answers the keys of the issues reminded.
 */
const sendUpdateReminders = async (clock: Date): Promise<string[]> => {
  const jira = forgeJiraClients().asApp;
  const [site, overrides] = await Promise.all([readStoredPolicy(null), listProjectPolicies()]);
  const cadenced = cadencedLevelIds([site?.policy ?? DEFAULT_POLICY, ...overrides.map((override) => override.stored.policy)]);
  if (cadenced.length === 0) return [];
  // Level ids are lowercase letters, digits and hyphens (severityLevelIdSchema); quoted, they are JQL strings.
  const levels = cadenced.map((id) => `"${id}"`).join(', ');
  // Search only finds candidates: its index lags behind writes, so each one's status and policy state
  // are read by key (a comment a moment ago moved the due time; an issue resolved a moment ago is done).
  const found = await searchAll(jira, `decidedSeverity IN (${levels}) AND statusCategory != Done ORDER BY updated DESC`, ['key']);
  const candidates = await bulkFetchIssues(jira, found.map((issue) => issue.key), ['status', 'assignee'], [POLICY_STATE_PROPERTY_KEY]);
  const now = clock.toISOString();
  const reminded: string[] = [];
  for (const issue of candidates) {
    const state = readAppliedState(issue.properties?.[POLICY_STATE_PROPERTY_KEY]);
    if (state === null) continue;
    const fields = issue.fields as SearchedFields;
    const assignee = fields.assignee == null ? null : { accountId: fields.assignee.accountId, displayName: fields.assignee.displayName ?? '' };
    const plan = planReminder(state, assignee, fields.status?.statusCategory?.key === 'done', now);
    if (plan === null) continue;
    const claim = `reminder:${issue.key}:${plan.dueAt}`;
    if (!(await claimOnce(claim, clock))) continue;
    try {
      await addComment(jira, issue.key, plan.comment);
    } catch (error) {
      await releaseClaim(claim);
      throw error;
    }
    await setIssueProperty(jira, issue.key, POLICY_STATE_PROPERTY_KEY, plan.state);
    reminded.push(issue.key);
  }
  return reminded;
};
