import { EMPTY_REPORT_FIELDS } from '../../contract/report.contract';
import { ok } from '../../contract/result';
import { saveProductionReport } from '../use-cases/save-report';
import { buildReportView, loadIssueReportContext } from './report-context';
import { defineResolver } from './resolver-definition';

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
    return ok(await saveProductionReport(handler, { issueKey, fields, reporterSeverity: reporterSeverity ?? undefined, baseRevision }));
  },
});
