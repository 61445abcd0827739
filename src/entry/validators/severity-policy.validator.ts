import { validatorConfigSchema, type ValidatorConfig } from '../../contract/policy.contract';
import { DEFAULT_PROJECT_CONFIG, fieldRulesFor, isProductionIssueType } from '../../domain/config/project-config';
import {
  UNCONFIGURED_VALIDATOR_CONFIG,
  evaluateTransition,
  explainUnconfigured,
  undecidedVerdict,
  type TransitionVerdict,
  type UnconfiguredReason,
} from '../../domain/policy/transition-rules';
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

type RuleSetup = { readonly config: ValidatorConfig; readonly unconfigured?: UnconfiguredReason };

const isBlank = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);

/**
 * The rule's settings: the string its editor returned, which Forge hands over as `configuration`.
 * The docs do not say whether it arrives parsed or as the stored string, so both are read. None at
 * all (a rule added in the old workflow editor) or unreadable ones run on the unconfigured default.
 */
const readSettings = (configuration: unknown): RuleSetup => {
  let value = configuration;
  if (typeof configuration === 'string' && configuration.trim() !== '') {
    try {
      value = JSON.parse(configuration);
    } catch {
      return { config: UNCONFIGURED_VALIDATOR_CONFIG, unconfigured: 'damaged' };
    }
  }
  if (isBlank(value)) return { config: UNCONFIGURED_VALIDATOR_CONFIG, unconfigured: 'missing' };
  const parsed = validatorConfigSchema.safeParse(value);
  return parsed.success ? { config: parsed.data } : { config: UNCONFIGURED_VALIDATOR_CONFIG, unconfigured: 'damaged' };
};

/**
 * The severity-policy workflow validator. It never throws: anything it cannot decide becomes a
 * sentence, and the admin's fail mode (closed by default) says whether the transition goes ahead.
 * A rule without usable settings runs on `UNCONFIGURED_VALIDATOR_CONFIG` and says so when it blocks.
 * At most one REST call per evaluation (issue, both Firebreak properties and changelog together).
 *
 * Function validators may call Jira only `asApp()` (no user consent in a transition); it only reads,
 * and Jira has already checked that this user may make the transition.
 */
export const validateSeverityPolicy = async (event: ValidatorEvent): Promise<TransitionVerdict> => {
  const { config, unconfigured } = readSettings(event.configuration);
  const issueKey = event.issue?.key;
  if (issueKey === undefined) return undecidedVerdict(config, 'Jira did not say which issue is moving');
  try {
    const snapshot = await getIssueSnapshot(forgeJiraClients().asApp, issueKey);
    const [{ policy }, projectConfig] = await Promise.all([readEffectivePolicy(snapshot.projectKey), readProjectConfig(snapshot.projectKey)]);
    const settings = projectConfig?.config ?? DEFAULT_PROJECT_CONFIG;
    if (unconfigured !== undefined && !isProductionIssueType(settings, snapshot.issueType)) return { result: true };
    const context = { rules: fieldRulesFor(settings, snapshot.issueType), manualItems: settings.manualItems };
    const report = snapshot.reportValue === undefined ? null : migrateStoredReport(snapshot.reportValue, context);
    if (report === undefined) return undecidedVerdict(config, 'the production report on this issue is damaged');
    // The postmortem lives in app storage: a KVS read, not a REST call.
    const postmortemId = config.rules.postmortemPublished === true ? await postmortemIdForIncident(issueKey) : null;
    const postmortem = postmortemId === null ? null : await readPostmortem(postmortemId);
    const verdict = evaluateTransition(config, policy, {
      report,
      readiness: readinessOf(report, context),
      assigneeAccountId: snapshot.assignee?.accountId ?? null,
      verifiedByReporter: snapshot.reporterAccountId !== null && snapshot.lastMovedInto.get(VERIFIED_STATUS) === snapshot.reporterAccountId,
      postmortemStatus: postmortem?.status ?? null,
    });
    return unconfigured === undefined ? verdict : explainUnconfigured(verdict, unconfigured);
  } catch (error) {
    const reason = isJiraError(error) ? `Jira answered HTTP ${String(error.status)}` : 'an unexpected error';
    return undecidedVerdict(config, reason);
  }
};
