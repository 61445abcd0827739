import { randomUUID } from 'node:crypto';

import { ForgeKvsAPIError } from '@forge/kvs';

import type { ActionOutcome, ReportView } from '../../contract/report.contract';
import { severityName } from '../../contract/severity-names';
import { applySeverityDecision, decidedSeverityOf, describeRejection } from '../../domain/report/report';
import { isJiraError } from '../../jira/jira-error';
import type { JiraClients } from '../../jira/jira-transport';
import { newPlanWrite, readPlan, settlePlan, type ActionPlan, type StoredPlan } from '../../storage/action-plan.store';
import { Refusal } from '../refusal';
import { requireTriager } from './triager-check';
import { buildReportView, issueRefOf, loadIssueReportContext, rejectionRefusal, storeReport, type IssueReportContext } from '../resolvers/report-context';
import type { HandlerContext } from '../resolvers/resolver-definition';
import { applySeverityPolicy } from './apply-severity-policy';
import { carryOutLeased, isPassing, reasonOf, settledOutcome } from './plans/plan-steps';

export interface DecisionRequest {
  readonly issueKey: string;
  readonly level: string;
  readonly reason: string;
  readonly baseRevision: number;
  readonly actionId: string | undefined;
}

/**
 * Applies the policy of a recorded decision and settles its plan. As the triager for the fields
 * they are deciding (priority, label; Jira's history names them), as the app for the policy's
 * comment and state. The trigger applies the same use case, so whichever comes second finds nothing
 * left to do. A failure that passes with time leaves the plan running: the trigger's retries or the
 * scheduled run finish it.
 */
export const carryOutDecisionPolicy = (jira: PolicyJira, stored: StoredPlan, now: Date): Promise<ActionOutcome> => carryOutLeased(stored, now, (fresh) => applyDecisionPolicy(jira, fresh, now));

type PolicyJira = Pick<JiraClients, 'asApp'> & { readonly fields: JiraClients['asUser'] };

const applyDecisionPolicy = async (jira: PolicyJira, stored: StoredPlan, now: Date): Promise<ActionOutcome> => {
  const { plan } = stored;
  if (plan.params.kind !== 'apply-policy') throw new Error(`${plan.id} is not a decision's policy`);
  const at = now.toISOString();
  try {
    await applySeverityPolicy({ fields: jira.fields, app: jira.asApp }, plan.issue.key, now);
    const message = `The decision is recorded and its policy applied to ${plan.issue.key}: priority, label, due times and the policy comment.`;
    await settlePlan(stored, 'done', message, at);
    return { tone: 'success', message };
  } catch (error) {
    const passing = isPassing(error) || (error instanceof ForgeKvsAPIError && (error.responseDetails.status === 429 || error.responseDetails.status >= 500));
    if (!passing && !isJiraError(error)) throw error;
    const message = passing
      ? `The decision is recorded. Applying its policy to ${plan.issue.key} (priority, label, due times, the policy comment) is not finished (${reasonOf(error)}); Firebreak finishes it within a few minutes.`
      : `The decision is recorded, but Jira refused part of its policy on ${plan.issue.key} (${reasonOf(error)}). Ask a Jira admin to check Firebreak's access to this project.`;
    await settlePlan(stored, passing ? 'running' : 'stuck', message, at);
    return { tone: 'warning', message };
  }
};

/**
 * A triager's severity decision: recorded in the app's record together with the plan that applies
 * its policy (one transaction, compare-and-swap), then applied at once instead of waiting for an
 * event (whether Forge delivers events for the app's `asUser()` edits is not documented). A repeated
 * request with the same action id answers how that decision went instead of deciding twice.
 */
export const decideIssueSeverity = async (handler: HandlerContext, request: DecisionRequest): Promise<ReportView> => {
  const context = await loadIssueReportContext(handler, request.issueKey);
  await requireTriager(handler, context.issue.projectKey, context.config, 'decide severity');
  const planId = `apply-policy:${context.issue.id}:${request.actionId ?? randomUUID()}`;
  const earlier = await readPlan(planId);
  if (earlier !== null) return viewWith(handler, request.issueKey, await outcomeOf(handler, earlier));

  const unchanged = unchangedDecision(context, request);
  if (unchanged !== null) return { ...(await buildReportView(context, handler)), outcome: unchanged };

  const meta = { accountId: handler.access.accountId, now: handler.now().toISOString() };
  const decided = applySeverityDecision(context.report, { level: request.level, reason: request.reason }, request.baseRevision, meta, context.readiness);
  if (!decided.ok) throw rejectionRefusal(decided);
  const plan: ActionPlan = {
    schemaVersion: 1,
    id: planId,
    issue: issueRefOf(context.issue),
    requestedBy: meta.accountId,
    createdAt: meta.now,
    params: { kind: 'apply-policy', level: request.level, decisionAt: meta.now },
  };
  if ((await storeReport(handler.jira.asUser, context.issue, decided.report, context.report?.revision ?? 0, [newPlanWrite(plan)])) === 'conflict') {
    const raced = await readPlan(planId);
    if (raced !== null) return viewWith(handler, request.issueKey, await outcomeOf(handler, raced));
    throw new Refusal('CONFLICT', describeRejection({ kind: 'conflict', current: null }));
  }
  const outcome = await carryOutDecisionPolicy({ fields: handler.jira.asUser, asApp: handler.jira.asApp }, { plan, status: 'running', version: 1, outcome: '', updatedAt: meta.now }, handler.now());
  return viewWith(handler, request.issueKey, outcome);
};

/**
 * Deciding the level already decided, with no new reason, changes nothing: no history line, no
 * policy run, no Jira write. The triager is told so instead of seeing a second identical entry.
 */
const unchangedDecision = (context: IssueReportContext, request: DecisionRequest): ActionOutcome | null => {
  const current = decidedSeverityOf(context.report);
  const reason = request.reason.trim();
  if (current?.level !== request.level || (reason !== '' && reason !== (current.reason ?? ''))) return null;
  return { tone: 'info', message: `Already decided ${severityName(context.readiness.scale, current.level, current.levelName)}; nothing changed.` };
};

const outcomeOf = async (handler: HandlerContext, earlier: StoredPlan): Promise<ActionOutcome> =>
  earlier.status === 'running' ? carryOutDecisionPolicy({ fields: handler.jira.asUser, asApp: handler.jira.asApp }, earlier, handler.now()) : settledOutcome(earlier);

const viewWith = async (handler: HandlerContext, issueKey: string, outcome: ActionOutcome): Promise<ReportView> => ({
  ...(await buildReportView(await loadIssueReportContext(handler, issueKey), handler)),
  outcome,
});
