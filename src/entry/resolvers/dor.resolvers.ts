import { ok } from '../../contract/result';
import { applyManualCheck } from '../../domain/report/report';
import { sendBackToReporter } from '../use-cases/plans/send-back';
import { requireTriager } from '../use-cases/triager-check';
import { changeReport } from './report-context';
import { defineResolver } from './resolver-definition';

export const checkItem = defineResolver({
  key: 'dor/checkItem',
  access: { kind: 'issue', permission: 'EDIT_ISSUES', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey, itemId: 'reproduced-internally', checked: true, note: 'https://forged.example/repro', baseRevision: 0 }),
  async handle({ issueKey, itemId, checked, note, baseRevision }, handler) {
    return ok(
      await changeReport(
        issueKey,
        handler,
        (context, meta) => applyManualCheck(context.report, { itemId, checked, note }, baseRevision, meta, context.readiness),
        (context) => requireTriager(handler, context.issue.projectKey, context.config, 'tick the triager’s checklist'),
      ),
    );
  },
});

/**
 * Send back to reporter: assign the issue to its reporter, move it to the configured waiting status
 * when the workflow has a transition there, post one comment listing exactly what is missing, and
 * record the send-back (the waiting clock starts). The triager's optional note (bounded by the
 * payload schema, posted as plain text) goes into the comment. A recorded plan (see the use case): it finishes
 * or is undone, and the triager is told which.
 */
export const sendBack = defineResolver({
  key: 'dor/sendBack',
  access: { kind: 'issue', permission: 'EDIT_ISSUES', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey, baseRevision: 0, note: 'Forged note' }),
  async handle({ issueKey, baseRevision, actionId, note }, handler) {
    return ok(await sendBackToReporter(handler, issueKey, baseRevision, actionId, note));
  },
});
