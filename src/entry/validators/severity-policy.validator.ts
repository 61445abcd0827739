import { validatorConfigSchema, type ValidatorConfig } from '../../contract/policy.contract';
import { isProductionIssueType } from '../../domain/config/project-config';
import {
  UNCONFIGURED_VALIDATOR_CONFIG,
  evaluateTransition,
  explainUnconfigured,
  undecidedVerdict,
  type TransitionVerdict,
  type UnconfiguredReason,
} from '../../domain/policy/transition-rules';
import { readinessOf } from '../../domain/report/report';
import { isJiraError } from '../../jira/jira-error';
import { forgeJiraClients } from '../../jira/forge-transport';
import { getIssueSnapshot } from '../../jira/issue-snapshot';
import { postmortemIdForIncident, readPostmortem } from '../../storage/postmortem.store';
import { StoredDataError } from '../../storage/stored-data-error';
import { loadIssueState } from '../use-cases/issue-state';

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
 * At most one REST call per evaluation (the issue with its changelog); the report and policy come
 * from app storage.
 *
 * Function validators may call Jira only `asApp()` (no user consent in a transition); it only reads,
 * and Jira has already checked that this user may make the transition.
 */
export const validateSeverityPolicy = async (event: ValidatorEvent): Promise<TransitionVerdict> => {
  const { config, unconfigured } = readSettings(event.configuration);
  const issueKey = event.issue?.key;
  if (issueKey === undefined) return undecidedVerdict(config, 'Jira did not say which issue is moving');
  try {
    const app = forgeJiraClients().asApp;
    const snapshot = await getIssueSnapshot(app, issueKey);
    // The app's own record, never the issue property (which anyone who can edit the issue can write).
    const state = await loadIssueState({ id: snapshot.id, key: snapshot.key, projectKey: snapshot.projectKey, issueType: snapshot.issueType }, { legacyReader: app, onDamaged: 'refuse' });
    if (unconfigured !== undefined && !isProductionIssueType(state.config, snapshot.issueType)) return { result: true };
    const policy = state.policy;
    const context = state.readiness;
    const report = state.stored?.report ?? null;
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
    const reason = isJiraError(error) ? `Jira answered HTTP ${String(error.status)}` : error instanceof StoredDataError ? 'the production report Firebreak keeps for this issue is damaged' : 'an unexpected error';
    return undecidedVerdict(config, reason);
  }
};
