import type { ReportFields, ReportView, StoredReport } from '../../contract/report.contract';
import { describeTriagers } from '../../domain/config/triagers';
import { applyReportEdit, closeSendBack, reporterSeverityOf, completesSendBack, describeRejection, openSendBackOf } from '../../domain/report/report';
import { newPlanWrite } from '../../storage/action-plan.store';
import { Refusal } from '../refusal';
import { buildReportView, issueRefOf, loadIssueReportContext, rejectionRefusal, storeReport, type IssueReportContext } from '../resolvers/report-context';
import { triageVerdictFor } from './triager-check';
import type { HandlerContext } from '../resolvers/resolver-definition';
import { carryOutReturn, returnPlanFor } from './plans/return-to-triage';

export interface ReportEditRequest {
  readonly issueKey: string;
  readonly fields: ReportFields;
  readonly reporterSeverity: string | undefined;
  readonly baseRevision: number;
}

/**
 * Who may change the reporter's severity pick: the reporter, or a triager for them (recorded as
 * made on the reporter's behalf; `undefined` when the reporter picks, or the issue has none). Anyone
 * else is refused, saying who may. A save that leaves the pick as it is needs no role.
 */
const whosePickThisIs = async (handler: HandlerContext, context: IssueReportContext, pick: string | undefined): Promise<string | undefined> => {
  if (pick === undefined || pick === reporterSeverityOf(context.report)) return undefined;
  const reporter = context.issue.reporter;
  if (reporter?.accountId === handler.access.accountId) return undefined;
  const verdict = await triageVerdictFor(handler, context.issue.projectKey, context.config);
  if (verdict.triager) return reporter?.accountId;
  const whose = reporter === null ? 'This issue has no reporter, so only a triager can pick its severity' : `Only ${reporter.displayName}, who reported ${context.issue.key}, or a triager for them, can pick the reporter’s severity`;
  throw new Refusal('FORBIDDEN', `${whose}; nothing was saved. Leave the severity as it was and save again, or ask a triager (${describeTriagers(context.config.triagers)}) to pick it.`, 'reporterSeverity');
};

/**
 * Saves an edit of the report. When the edit completes a report that was sent back, the same save
 * closes the send-back (the waiting clock stops) and records the plan that hands the issue back to
 * triage, in one transaction; the hand-back then runs as the app (see return-to-triage.ts) and the
 * reporter is told where the issue went. The save itself never waits on Jira for the hand-back.
 */
export const saveProductionReport = async (handler: HandlerContext, request: ReportEditRequest): Promise<ReportView> => {
  const context = await loadIssueReportContext(handler, request.issueKey);
  const meta = { accountId: handler.access.accountId, now: handler.now().toISOString() };
  const onBehalfOf = await whosePickThisIs(handler, context, request.reporterSeverity);
  const edited = applyReportEdit(context.report, { fields: request.fields, reporterSeverity: request.reporterSeverity, onBehalfOf }, request.baseRevision, meta, context.readiness);
  if (!edited.ok) throw rejectionRefusal(edited);

  let report: StoredReport = edited.report;
  const open = openSendBackOf(report);
  const handBack = open !== undefined && completesSendBack(report, context.readiness) ? closeSendBack(report, meta, context.readiness) : undefined;
  const plan = open !== undefined && handBack?.ok === true ? await returnPlanFor(handler.jira.asApp, issueRefOf(context.issue), open, meta.accountId, meta.now) : null;
  if (handBack?.ok === true) report = handBack.report;

  if ((await storeReport(handler.jira.asUser, context.issue, report, context.report?.revision ?? 0, plan === null ? [] : [newPlanWrite(plan)])) === 'conflict') {
    throw new Refusal('CONFLICT', describeRejection({ kind: 'conflict', current: null }));
  }
  if (plan === null) return buildReportView({ ...context, report }, handler);
  const outcome = await carryOutReturn(handler.jira.asApp, { plan, status: 'running', version: 1, outcome: '', updatedAt: meta.now }, handler.now());
  return { ...(await buildReportView(await loadIssueReportContext(handler, request.issueKey), handler)), outcome };
};
