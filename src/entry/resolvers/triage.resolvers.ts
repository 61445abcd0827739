import { ok } from '../../contract/result';
import { isSeverityLabel, severityLabel } from '../../domain/policy/apply-policy';
import { applyClassification, applySeverityDecision } from '../../domain/report/report';
import { getIssueSnapshot, updatePriorityAndLabels } from '../../jira/issue-snapshot';
import { changeReport, resultOf } from './report-context';
import { defineResolver } from './resolver-definition';

export const decideSeverity = defineResolver({
  key: 'triage/decideSeverity',
  access: { kind: 'issue', permission: 'EDIT_ISSUES', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey, level: 'critical', reason: 'Forged decision reason', baseRevision: 0 }),
  /**
   * Records the decision, then labels the issue with its level as the triager. The label is the
   * decision's visible, searchable mark in Jira, and its edit is the Jira event that sets the
   * severity-policy trigger going (property writes raise no issue events).
   */
  async handle({ issueKey, level, reason, baseRevision }, handler) {
    const change = await changeReport(issueKey, handler, (context, meta) => applySeverityDecision(context.report, { level, reason }, baseRevision, meta, context.readiness));
    if (!change.ok) return change.result;
    const labels = (await getIssueSnapshot(handler.jira.asUser, issueKey)).labels;
    const removeLabels = labels.filter((label) => isSeverityLabel(label) && label !== severityLabel(level));
    const addLabels = labels.includes(severityLabel(level)) ? [] : [severityLabel(level)];
    if (addLabels.length + removeLabels.length > 0) await updatePriorityAndLabels(handler.jira.asUser, issueKey, { priority: null, addLabels, removeLabels });
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
