import { EMPTY_REPORT_FIELDS } from '../../contract/report.contract';
import { ok } from '../../contract/result';
import { applyReportEdit, closeSendBack, completesSendBack, openSendBackOf } from '../../domain/report/report';
import { composeReturnComment } from '../../domain/readiness/send-back-comment';
import { addComment, assignIssue, getIssueBasics, getTransitions, transitionIssue } from '../../jira/issues';
import { buildReportView, changeReport, loadIssueReportContext, storeReport, type IssueReportContext } from './report-context';
import { defineResolver, type HandlerContext } from './resolver-definition';

export const getReport = defineResolver({
  key: 'report/get',
  access: { kind: 'issue', permission: 'BROWSE_PROJECTS', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey }),
  async handle({ issueKey }, handler) {
    return ok(await buildReportView(await loadIssueReportContext(handler, issueKey), handler));
  },
});

export const saveReport = defineResolver({
  key: 'report/save',
  access: { kind: 'issue', permission: 'EDIT_ISSUES', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({
    issueKey,
    fields: { ...EMPTY_REPORT_FIELDS, stepsToReproduce: 'Forged steps' },
    reporterSeverity: 'minor',
    baseRevision: 0,
  }),
  async handle({ issueKey, fields, reporterSeverity, baseRevision }, handler) {
    const change = await changeReport(issueKey, handler, (context, meta) =>
      applyReportEdit(context.report, { fields, reporterSeverity: reporterSeverity ?? undefined }, baseRevision, meta, context.readiness),
    );
    if (!change.ok) return change.result;
    if (!completesSendBack(change.stored, change.context.readiness)) return ok(change.view);
    return ok(await returnToTriage(change.context, handler));
  },
});

/**
 * The reporter completed a sent-back report: the waiting interval ends, the issue goes back to
 * whoever had it (or, if nobody had it, to the triager who sent it back), to the status it was in,
 * and they are told. This follows the reporter's save, but it is the app's doing (a reporter may
 * not hold Assign issues), so it acts `asApp()`. The user's Edit issues permission on this very
 * issue was checked before the save.
 */
const returnToTriage = async (context: IssueReportContext, handler: HandlerContext) => {
  const meta = { accountId: handler.access.accountId, now: handler.now().toISOString() };
  const report = context.report;
  const sendBack = openSendBackOf(report);
  if (report === null || sendBack === undefined) return buildReportView(context, handler);
  const closed = closeSendBack(report, meta, context.readiness);
  if (!closed.ok) return buildReportView(context, handler);
  const issueKey = context.issue.key;
  const app = handler.jira.asApp;
  if ((await storeReport(app, context.issue, closed.report, report.revision)) === 'conflict') return buildReportView(await loadIssueReportContext(handler, issueKey), handler);
  await assignIssue(app, issueKey, sendBack.previousAssignee ?? sendBack.sentBy);
  if (context.issue.status !== sendBack.previousStatus) {
    const back = (await getTransitions(app, issueKey)).find((transition) => transition.toStatus === sendBack.previousStatus);
    if (back !== undefined) await transitionIssue(app, issueKey, back.id);
  }
  // Read back who holds it now, for the mention.
  await addComment(app, issueKey, composeReturnComment((await getIssueBasics(app, issueKey)).assignee));
  return buildReportView(await loadIssueReportContext(handler, issueKey), handler);
};
