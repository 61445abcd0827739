import { DEFAULT_VALIDATOR_CONFIG, validatorConfigSchema, type ValidatorConfig } from '../../contract/policy.contract';
import { DEFAULT_PROJECT_CONFIG, fieldRulesFor } from '../../domain/config/project-config';
import { evaluateTransition, undecidedVerdict, type TransitionVerdict } from '../../domain/policy/transition-rules';
import { migrateStoredReport, readinessOf } from '../../domain/report/report';
import { isJiraError } from '../../jira/jira-error';
import { forgeJiraClients } from '../../jira/forge-transport';
import { getIssueSnapshot } from '../../jira/issue-snapshot';
import { readEffectivePolicy } from '../../storage/policy.store';
import { postmortemIdForIncident, readPostmortem } from '../../storage/postmortem.store';
import { readProjectConfig } from '../../storage/project-config.store';

/** What Forge passes a function-based validator. @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/ */
interface ValidatorEvent {
  readonly issue?: { readonly key?: string };
  readonly configuration?: unknown;
}

const VERIFIED_STATUS = 'Verified';

const readConfig = (configuration: unknown): ValidatorConfig | undefined => {
  const parsed = validatorConfigSchema.safeParse(configuration);
  return parsed.success ? parsed.data : undefined;
};

/**
 * The severity-policy workflow validator. It never throws: anything it cannot decide becomes a
 * sentence, and the admin's fail mode (closed by default) says whether the transition goes ahead.
 * At most one REST call per evaluation (issue, both Firebreak properties and changelog together).
 *
 * Function validators may call Jira only `asApp()` (no user consent in a transition); it only reads,
 * and Jira has already checked that this user may make the transition.
 */
export const validateSeverityPolicy = async (event: ValidatorEvent): Promise<TransitionVerdict> => {
  const config = readConfig(event.configuration);
  if (config === undefined) return undecidedVerdict(DEFAULT_VALIDATOR_CONFIG, 'its configuration is missing or damaged; open the rule in the workflow editor and save it again');
  const issueKey = event.issue?.key;
  if (issueKey === undefined) return undecidedVerdict(config, 'Jira did not say which issue is moving');
  try {
    const snapshot = await getIssueSnapshot(forgeJiraClients().asApp, issueKey);
    const [{ policy }, projectConfig] = await Promise.all([readEffectivePolicy(snapshot.projectKey), readProjectConfig(snapshot.projectKey)]);
    const settings = projectConfig?.config ?? DEFAULT_PROJECT_CONFIG;
    const context = { rules: fieldRulesFor(settings, snapshot.issueType), manualItems: settings.manualItems };
    const report = snapshot.reportValue === undefined ? null : migrateStoredReport(snapshot.reportValue, context);
    if (report === undefined) return undecidedVerdict(config, 'the production report on this issue is damaged');
    // The postmortem lives in app storage: a KVS read, not a REST call.
    const postmortemId = config.rules.postmortemPublished === true ? await postmortemIdForIncident(issueKey) : null;
    const postmortem = postmortemId === null ? null : await readPostmortem(postmortemId);
    return evaluateTransition(config, policy, {
      report,
      readiness: readinessOf(report, context),
      assigneeAccountId: snapshot.assignee?.accountId ?? null,
      verifiedByReporter: snapshot.reporterAccountId !== null && snapshot.lastMovedInto.get(VERIFIED_STATUS) === snapshot.reporterAccountId,
      postmortemStatus: postmortem?.status ?? null,
    });
  } catch (error) {
    const reason = isJiraError(error) ? `Jira answered HTTP ${String(error.status)}` : 'an unexpected error';
    return undecidedVerdict(config, reason);
  }
};
