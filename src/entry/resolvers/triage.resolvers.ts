import { ForgeKvsAPIError } from '@forge/kvs';

import { ok } from '../../contract/result';
import { applyClassification, applySeverityDecision } from '../../domain/report/report';
import { isJiraError } from '../../jira/jira-error';
import { applySeverityPolicy } from '../use-cases/apply-severity-policy';
import { changeReport, resultOf } from './report-context';
import { defineResolver } from './resolver-definition';

export const decideSeverity = defineResolver({
  key: 'triage/decideSeverity',
  access: { kind: 'issue', permission: 'EDIT_ISSUES', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey, level: 'critical', reason: 'Forged decision reason', baseRevision: 0 }),
  /**
   * Records the decision, then applies the policy for it here and now: priority and label as the
   * triager (whose Edit issues was checked above), the policy comment and due times as the app, the
   * same use case and comment claim as the trigger. It does not wait for the trigger: whether Forge
   * delivers events caused by the app's `asUser()` edits (`ignoreSelf`) is not documented, and a
   * property write raises no event at all. If the trigger runs as well, it finds nothing left to do.
   *
   * The decision is saved before the policy is applied, so a Jira or storage failure in that second
   * step still answers the saved decision; the policy follows with the issue's next event.
   */
  async handle({ issueKey, level, reason, baseRevision }, handler) {
    const change = await changeReport(issueKey, handler, (context, meta) => applySeverityDecision(context.report, { level, reason }, baseRevision, meta, context.readiness));
    if (!change.ok) return change.result;
    try {
      await applySeverityPolicy({ fields: handler.jira.asUser, app: handler.jira.asApp }, issueKey, handler.now());
    } catch (error) {
      if (!isJiraError(error) && !(error instanceof ForgeKvsAPIError)) throw error;
      console.error(`triage/decideSeverity: ${issueKey}: the decision is saved; applying its policy failed and is left to the next event`, error.message);
    }
    return ok(change.view);
  },
});

export const classify = defineResolver({
  key: 'triage/classify',
  access: { kind: 'issue', permission: 'EDIT_ISSUES', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey, level: 'code-or-data', kind: 'defect', classOfService: 'bug-asap', baseRevision: 0 }),
  async handle({ issueKey, level, kind, classOfService, baseRevision }, handler) {
    return resultOf(await changeReport(issueKey, handler, (context, meta) => applyClassification(context.report, { level, kind, classOfService }, baseRevision, meta, context.readiness)));
  },
});
