import { validatorConfigSchema, type ValidatorConfig } from '../../contract/policy.contract';
import { isProductionIssueType } from '../../domain/config/project-config';
import { IN_PROGRESS_CATEGORY, startsWork, wipStandingOf } from '../../domain/config/wip-limits';
import {
  UNCONFIGURED_VALIDATOR_CONFIG,
  evaluateTransition,
  explainUnconfigured,
  undecidedVerdict,
  type TransitionVerdict,
  type WipFacts,
  type UnconfiguredReason,
} from '../../domain/policy/transition-rules';
import { decidedSeverityOf, readinessOf } from '../../domain/report/report';
import { isJiraError } from '../../jira/jira-error';
import { forgeJiraClients } from '../../jira/forge-transport';
import { getIssueSnapshot, type IssueSnapshot } from '../../jira/issue-snapshot';
import type { JiraTransport } from '../../jira/jira-transport';
import { getStatusCategoryKey } from '../../jira/statuses';
import { postmortemIdForIncident, readPostmortem } from '../../storage/postmortem.store';
import { StoredDataError } from '../../storage/stored-data-error';
import { loadIssueState, type IssueState } from '../use-cases/issue-state';
import { supportWorkInProgress } from '../use-cases/support-wip';

/** What Forge passes a function-based validator. @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/ */
interface ValidatorEvent {
  readonly issue?: { readonly key?: string };
  readonly configuration?: unknown;
  readonly transition?: { readonly from?: { readonly id?: string }; readonly to?: { readonly id?: string } };
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

/** Jira did not name the status the issue moves to, so the WIP rule cannot tell whether work starts. */
class UnknownTargetStatus extends Error {}

/**
 * The facts of the "support WIP limits" rule, or undefined when it does not apply: the rule is off,
 * the issue has no class of service with a limit, its top level is exempt, or the transition starts
 * no work (it stays within In Progress, or goes elsewhere). Only a transition that starts limited
 * work costs REST calls: the status list (is the target In Progress?) and the one JQL search.
 */
const wipFactsFor = async (app: JiraTransport, config: ValidatorConfig, event: ValidatorEvent, snapshot: IssueSnapshot, state: IssueState): Promise<WipFacts | undefined> => {
  if (config.rules.supportWipLimits !== true) return undefined;
  const report = state.stored?.report ?? null;
  const standing = wipStandingOf(state.config.wipLimits, {
    classOfService: report?.classification?.classOfService,
    decidedLevel: decidedSeverityOf(report)?.level,
    topLevel: state.policy.levels[0]?.id,
  });
  // Already in progress: whatever the target, this move starts nothing (and the status list is not needed).
  if (standing.kind !== 'limited' || snapshot.statusCategory === IN_PROGRESS_CATEGORY) return undefined;
  const toStatusId = event.transition?.to?.id;
  if (toStatusId === undefined) throw new UnknownTargetStatus();
  if (!startsWork(snapshot.statusCategory, await getStatusCategoryKey(app, toStatusId))) return undefined;
  const others = await supportWorkInProgress(app, snapshot.projectKey, standing.classOfService, snapshot.id);
  return { classOfService: standing.classOfService, limit: standing.limit, others };
};

/**
 * The severity-policy workflow validator. It never throws: anything it cannot decide becomes a
 * sentence, and the admin's fail mode (closed by default) says whether the transition goes ahead.
 * A rule without usable settings runs on `UNCONFIGURED_VALIDATOR_CONFIG` and says so when it blocks.
 * One REST call per evaluation (the issue with its changelog); the report and policy come from app
 * storage. Only the "support WIP limits" rule, when the transition starts work whose class has a
 * limit, adds two (the status list and one JQL search, see `wipFactsFor`).
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
    const wip = await wipFactsFor(app, config, event, snapshot, state);
    const verdict = evaluateTransition(config, policy, {
      report,
      readiness: readinessOf(report, context),
      assigneeAccountId: snapshot.assignee?.accountId ?? null,
      verifiedByReporter: snapshot.reporterAccountId !== null && snapshot.lastMovedInto.get(VERIFIED_STATUS) === snapshot.reporterAccountId,
      // A postmortem with a new revision open still has its published version (part "review").
      postmortemStatus: postmortem === null ? null : postmortem.publishedVersion !== undefined ? 'published' : postmortem.status,
      ...(wip === undefined ? {} : { wip }),
    });
    return unconfigured === undefined ? verdict : explainUnconfigured(verdict, unconfigured);
  } catch (error) {
    const reason = isJiraError(error)
      ? `Jira answered HTTP ${String(error.status)}`
      : error instanceof StoredDataError
        ? 'the production report Firebreak keeps for this issue is damaged'
        : error instanceof UnknownTargetStatus
          ? 'Jira did not say which status the issue is moving to'
          : 'an unexpected error';
    return undecidedVerdict(config, reason);
  }
};
