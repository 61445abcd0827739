import { appliedPolicyStateSchema, POLICY_STATE_PROPERTY_KEY, type AppliedPolicyState } from '../../contract/policy.contract';
import { DEFAULT_PROJECT_CONFIG, fieldRulesFor } from '../../domain/config/project-config';
import { planPolicyApplication, recordUpdate } from '../../domain/policy/apply-policy';
import { migrateStoredReport } from '../../domain/report/report';
import { forgeJiraClients } from '../../jira/forge-transport';
import { setIssueProperty } from '../../jira/issue-properties';
import { getIssueSnapshot, updatePriorityAndLabels } from '../../jira/issue-snapshot';
import { addComment } from '../../jira/issues';
import { claimOnce, releaseClaim } from '../../storage/once.store';
import { readEffectivePolicy } from '../../storage/policy.store';
import { readProjectConfig } from '../../storage/project-config.store';

/**
 * Forge's product-event payload, the parts we read. Custom fields and properties are not in it, so
 * the handler reads the issue itself.
 * @see https://developer.atlassian.com/platform/forge/events-reference/jira/
 */
interface IssueEvent {
  readonly eventType: string;
  readonly issue: { readonly key: string };
  readonly comment?: { readonly created?: string };
}

export const readAppliedState = (value: unknown): AppliedPolicyState | null => {
  const parsed = appliedPolicyStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

/**
 * Applies the severity policy when an issue is created or updated, and counts a human comment as
 * a stakeholder update. Idempotent by construction: the plan is computed from the issue's current
 * state (so duplicated, late or reordered events converge), field edits are set-to-value, and the
 * one comment per decision is claimed in KVS before it is posted. `ignoreSelf` in the manifest keeps
 * the app's own edits from re-triggering it.
 *
 * Triggers run without a user, so Jira is called as the app: there is no user whose permission
 * could be checked, and the edits are the policy's, configured by an admin.
 */
export const onIssueEvent = async (event: IssueEvent): Promise<void> => {
  const jira = forgeJiraClients().asApp;
  const issueKey = event.issue.key;
  const snapshot = await getIssueSnapshot(jira, issueKey);
  const [{ policy }, projectConfig] = await Promise.all([readEffectivePolicy(snapshot.projectKey), readProjectConfig(snapshot.projectKey)]);
  const settings = projectConfig?.config ?? DEFAULT_PROJECT_CONFIG;
  const context = { rules: fieldRulesFor(settings, snapshot.issueType), manualItems: settings.manualItems };
  const report = snapshot.reportValue === undefined ? null : (migrateStoredReport(snapshot.reportValue, context) ?? null);
  const applied = readAppliedState(snapshot.policyStateValue);
  const now = new Date().toISOString();

  if (event.eventType === 'avi:jira:commented:issue') {
    if (applied === null) return;
    const next = recordUpdate(policy, applied, event.comment?.created ?? now, snapshot.resolved);
    if (next.nextUpdateDueAt !== applied.nextUpdateDueAt) await setIssueProperty(jira, issueKey, POLICY_STATE_PROPERTY_KEY, next);
    return;
  }

  const plan = planPolicyApplication(policy, report, applied, { priorityName: snapshot.priorityName, labels: snapshot.labels, resolved: snapshot.resolved }, now);
  if (plan === null) return;
  if (plan.setPriority !== null || plan.addLabels.length > 0 || plan.removeLabels.length > 0) {
    await updatePriorityAndLabels(jira, issueKey, { priority: plan.setPriority, addLabels: plan.addLabels, removeLabels: plan.removeLabels });
  }
  if (plan.comment !== null) {
    const claim = `policy-comment:${issueKey}:${plan.state.decisionAt}`;
    if (await claimOnce(claim)) {
      try {
        await addComment(jira, issueKey, plan.comment);
      } catch (error) {
        await releaseClaim(claim);
        throw error;
      }
    }
  }
  await setIssueProperty(jira, issueKey, POLICY_STATE_PROPERTY_KEY, { ...plan.state, commented: true });
};
