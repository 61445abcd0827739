import { ok, fail } from '../../contract/result';
import { applyReportSave, describeRejection } from '../../domain/report/report';
import { readReport, writeReport } from '../../jira/report-property';
import { defineResolver } from './resolver-definition';

export const getReport = defineResolver({
  key: 'report/get',
  access: { kind: 'issue', permission: 'BROWSE_PROJECTS', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey }),
  async handle({ issueKey }, { jira, access }) {
    const report = await readReport(jira.asUser, issueKey);
    return ok({ issueKey, report, canEdit: access.granted.has('EDIT_ISSUES') });
  },
});

export const saveReport = defineResolver({
  key: 'report/save',
  access: { kind: 'issue', permission: 'EDIT_ISSUES', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey, fields: { stepsToReproduce: 'Forged steps' }, baseRevision: 0 }),
  async handle({ issueKey, fields, baseRevision }, { jira, access, now }) {
    const current = await readReport(jira.asUser, issueKey);
    const outcome = applyReportSave(current, { fields, baseRevision }, { accountId: access.accountId, now: now().toISOString() });
    if (!outcome.ok) {
      const { rejection } = outcome;
      return rejection.kind === 'conflict'
        ? fail('CONFLICT', describeRejection(rejection))
        : fail('TOO_LARGE', describeRejection(rejection), `fields.${rejection.field}`);
    }
    await writeReport(jira.asUser, issueKey, outcome.report);
    return ok({ issueKey, report: outcome.report, canEdit: true });
  },
});
