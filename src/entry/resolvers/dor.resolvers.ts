import { fail, ok } from '../../contract/result';
import { applyManualCheck, applySendBack } from '../../domain/report/report';
import { composeSendBackComment } from '../../domain/readiness/send-back-comment';
import { addComment, assignIssue, deleteComment, getTransitions, transitionIssue } from '../../jira/issues';
import { buildReportView, changeReport, loadIssueReportContext, rejectionResult, resultOf, storeReport } from './report-context';
import { defineResolver } from './resolver-definition';

export const checkItem = defineResolver({
  key: 'dor/checkItem',
  access: { kind: 'issue', permission: 'EDIT_ISSUES', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey, itemId: 'reproduced-internally', checked: true, note: 'https://forged.example/repro', baseRevision: 0 }),
  async handle({ issueKey, itemId, checked, note, baseRevision }, handler) {
    return resultOf(await changeReport(issueKey, handler, (context, meta) => applyManualCheck(context.report, { itemId, checked, note }, baseRevision, meta, context.readiness)));
  },
});

/**
 * Send back to reporter: assign the issue to its reporter, move it to the configured waiting status
 * when the workflow has a transition there, post one comment listing exactly what is missing, and
 * record the send-back (the waiting clock starts). All as the triager (`asUser`), so Jira's own
 * Assign/Transition/Comment permissions apply. If a step fails, the steps already made are undone
 * in reverse, so the issue is never left half sent back.
 */
export const sendBack = defineResolver({
  key: 'dor/sendBack',
  access: { kind: 'issue', permission: 'EDIT_ISSUES', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey, baseRevision: 0 }),
  async handle({ issueKey, baseRevision }, handler) {
    const jira = handler.jira.asUser;
    const context = await loadIssueReportContext(handler, issueKey);
    const { issue } = context;
    if (issue.reporter === null) return fail('INVALID_INPUT', 'This issue has no reporter to send it back to. Set the Reporter field first.');
    const meta = { accountId: handler.access.accountId, now: handler.now().toISOString() };
    const outcome = applySendBack(context.report, { assignee: issue.assignee, status: issue.status }, baseRevision, meta, context.readiness);
    if (!outcome.ok) return rejectionResult(outcome);
    const missing = outcome.report.sendBacks.at(-1)?.missing ?? [];

    const undo: Array<() => Promise<void>> = [];
    try {
      await assignIssue(jira, issueKey, issue.reporter.accountId);
      undo.push(() => assignIssue(jira, issueKey, issue.assignee?.accountId ?? null));

      const waitingStatus = context.config.sendBackStatus;
      if (waitingStatus !== null && waitingStatus.toLowerCase() !== issue.status.toLowerCase()) {
        const transitions = await getTransitions(jira, issueKey);
        const toWaiting = transitions.find((transition) => transition.toStatus.toLowerCase() === waitingStatus.toLowerCase());
        if (toWaiting !== undefined) {
          await transitionIssue(jira, issueKey, toWaiting.id);
          undo.push(async () => {
            const back = (await getTransitions(jira, issueKey)).find((transition) => transition.toStatus === issue.status);
            if (back !== undefined) await transitionIssue(jira, issueKey, back.id);
          });
        }
      }

      const commentId = await addComment(jira, issueKey, composeSendBackComment(issue.reporter, missing));
      undo.push(() => deleteComment(jira, issueKey, commentId));

      if ((await storeReport(jira, issue, outcome.report, context.report?.revision ?? 0)) === 'conflict') {
        throw new Error('conflict');
      }
    } catch (error) {
      for (const step of undo.reverse()) {
        // Best effort: report the original failure even if an undo step fails too.
        await step().catch(() => undefined);
      }
      throw error;
    }
    return ok(await buildReportView(await loadIssueReportContext(handler, issueKey), handler));
  },
});
