import { ok } from '../../contract/result';
import { applyClassification } from '../../domain/report/report';
import { decideIssueSeverity } from '../use-cases/decide-severity';
import { requireTriager } from '../use-cases/triager-check';
import { changeReport } from './report-context';
import { watchRecurrence } from '../use-cases/postmortems/watch-recurrence';
import { defineResolver } from './resolver-definition';

export const decideSeverity = defineResolver({
  key: 'triage/decideSeverity',
  access: { kind: 'issue', permission: 'EDIT_ISSUES', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey, level: 'critical', reason: 'Forged decision reason', baseRevision: 0 }),
  async handle({ issueKey, level, reason, baseRevision, actionId }, handler) {
    return ok(await decideIssueSeverity(handler, { issueKey, level, reason, baseRevision, actionId }));
  },
});

export const classify = defineResolver({
  key: 'triage/classify',
  access: { kind: 'issue', permission: 'EDIT_ISSUES', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey, level: 'code-or-data', kind: 'defect', classOfService: 'bug-asap', baseRevision: 0 }),
  async handle({ issueKey, level, kind, classOfService, baseRevision }, handler) {
    const view = await changeReport(
      issueKey,
      handler,
      (context, meta) => applyClassification(context.report, { level, kind, classOfService }, baseRevision, meta, context.readiness),
      (context) => requireTriager(handler, context.issue.projectKey, context.config, 'classify issues'),
    );
    // guards (issue 15): classified as an incident, it may recur one with a postmortem. Saving the
    // classification writes no issue field, so no issue event would run the watch; it runs here, as
    // the app (the flag is the app's note), and never fails the classification (the next issue event
    // runs it again).
    if (kind === 'incident') await watchRecurrence(handler.jira.asApp, issueKey, handler.now()).catch(() => undefined);
    return ok(view);
  },
});
