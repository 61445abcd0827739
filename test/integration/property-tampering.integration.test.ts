/**
 * Issue properties are writable by anyone with Edit issues. For every value Firebreak acts on or
 * judges by, an editor writes a forged one straight into the issue properties (through Jira's REST
 * API, as they could with curl), then every path that reads the issue runs: the panels' resolvers,
 * the reporter's save that hands the issue back, the trigger, the reminder run and the validator.
 * Nothing Firebreak does follows the forged value: it reads its own record in app storage.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { DEFAULT_VALIDATOR_CONFIG, type AppliedPolicyState } from '../../src/contract/policy.contract';
import type { StoredReport } from '../../src/contract/report.contract';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { Sandbox } from '../../sandbox/sandbox';
import { appPolicyState, appReport } from '../support/app-storage';
import { createIssue, issueSnapshot, jiraCall } from '../support/jira-helpers';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const REPORTER = people.rita;
const TRIAGER = people.devon;
const FORGER = REPORTER;
const WORKFLOW = 'firebreak-support-workflow';
const ACCEPT = '11';

let sandbox: Sandbox;
let issueKey: string;

/** Writes the forged values as an editor would, straight into the issue's properties. */
const forge = async (report: StoredReport | Record<string, unknown>, policy?: AppliedPolicyState): Promise<void> => {
  expect((await jiraCall(sandbox, FORGER, 'PUT', `/rest/api/3/issue/${issueKey}/properties/firebreak-report`, report)).status).toBeLessThan(300);
  if (policy !== undefined) expect((await jiraCall(sandbox, FORGER, 'PUT', `/rest/api/3/issue/${issueKey}/properties/firebreak-policy`, policy)).status).toBeLessThan(300);
};

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo', retryDelayScale: 0.0001 });
  // The site's old records have been moved into app storage: issue properties are never read again.
  await sandbox.runtime.runScheduledTrigger('cadence-reminders');
  issueKey = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Refunds vanish' });
  await jiraCall(sandbox, TRIAGER, 'PUT', `/rest/api/3/issue/${issueKey}/assignee`, { accountId: TRIAGER });
});

describe('values forged into the issue properties', () => {
  it('a forged send-back does not make the app move or reassign the issue when the report is completed', async () => {
    const thin = dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields({ environment: '' }), reporterSeverity: 'major', baseRevision: 0 }));
    const sent = dataOf(await invokeResolver(sandbox, TRIAGER, 'dor/sendBack', { issueKey, baseRevision: thin.report?.revision ?? 0, actionId: 'tamper-send' }));
    const real = sent.report as StoredReport;
    // "When it comes back, close it as Won't Do and give it to me."
    await forge({ ...real, sendBacks: real.sendBacks.map((sendBack) => ({ ...sendBack, previousStatus: 'Closed', previousAssignee: FORGER })) });

    dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), baseRevision: real.revision }));

    expect(await issueSnapshot(sandbox, issueKey)).toMatchObject({ status: 'New', assignee: TRIAGER });
  });

  it('a forged decision "by" a triager neither confirms the severity for the validator nor applies a policy', async () => {
    const picked = dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: 'minor', baseRevision: 0 }));
    const real = picked.report as StoredReport;
    await forge({
      ...real,
      severityHistory: [...real.severityHistory, { kind: 'decision', level: 'critical', by: TRIAGER, at: new Date().toISOString(), reason: 'forged' }],
      search: { ...real.search, decidedSeverity: 'critical' },
    });
    sandbox.jira.upsertTransitionRule(WORKFLOW, ACCEPT, { key: 'severity-policy-validator', configuration: JSON.stringify({ ...DEFAULT_VALIDATOR_CONFIG, rules: { ...DEFAULT_VALIDATOR_CONFIG.rules, severityPicked: false, severityConfirmed: true } }) });

    const transition = await jiraCall<{ errorMessages?: string[] }>(sandbox, TRIAGER, 'POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id: ACCEPT } });
    await jiraCall(sandbox, FORGER, 'PUT', `/rest/api/3/issue/${issueKey}`, { fields: { summary: 'Refunds vanish (edited)' } });
    await sandbox.runtime.drain();

    expect(transition.status).toBe(400);
    const issue = await jiraCall<{ fields: { priority: { name: string }; labels: string[] } }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}?fields=priority,labels`);
    expect(issue.body.fields.labels).not.toContain('severity-critical');
    expect((await issueSnapshot(sandbox, issueKey)).comments).toEqual([]);
    expect(await appPolicyState(sandbox, issueKey)).toBeUndefined();
    expect(dataOf(await invokeResolver(sandbox, TRIAGER, 'report/get', { issueKey })).report?.severityHistory).toEqual(real.severityHistory);
  });

  it('forged classification and Definition of Ready ticks do not make the issue Ready', async () => {
    const picked = dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: 'major', baseRevision: 0 }));
    const real = picked.report as StoredReport;
    await forge({
      ...real,
      classification: { level: 'code-or-data', kind: 'defect', classOfService: 'bug-asap', classifiedBy: TRIAGER, classifiedAt: new Date().toISOString() },
      manualChecks: { 'reproduced-internally': { checked: true, note: 'https://forged.example', by: TRIAGER, at: new Date().toISOString() } },
      search: { ...real.search, ready: 'yes' },
    });

    const read = dataOf(await invokeResolver(sandbox, TRIAGER, 'report/get', { issueKey }));

    expect(read.readiness.ready).toBe(false);
    expect(read.report?.classification).toBeNull();
  });

  it('a forged policy state neither makes the reminder run post nor stops a real reminder', async () => {
    const picked = dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: 0 }));
    dataOf(await invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', { issueKey, level: 'critical', reason: '', baseRevision: picked.report?.revision ?? 0 }));
    await sandbox.runtime.drain();
    const real = await appPolicyState(sandbox, issueKey);
    const report = await appReport(sandbox, issueKey);
    // "The update is long overdue" and "a reminder was already sent for it": both forged.
    await forge(report as StoredReport, { ...(real as AppliedPolicyState), nextUpdateDueAt: '2026-01-01T00:00:00.000Z', remindedFor: ['2026-01-01T00:00:00.000Z'], commented: false });

    expect(await sandbox.runtime.runScheduledTrigger('cadence-reminders')).toEqual({ statusCode: 204 });
    await jiraCall(sandbox, FORGER, 'PUT', `/rest/api/3/issue/${issueKey}`, { fields: { summary: 'Refunds vanish (edited again)' } });
    await sandbox.runtime.drain();

    const comments = (await issueSnapshot(sandbox, issueKey)).comments;
    expect(comments.filter((comment) => comment.includes('Nothing new is an update too'))).toEqual([]);
    expect(comments.filter((comment) => comment.startsWith('Critical: all hands.'))).toHaveLength(1);
    expect(await appPolicyState(sandbox, issueKey)).toEqual(real);
  });

  it('a forged reporter pick is not the reporter’s: the panel shows what the reporter chose', async () => {
    const picked = dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: 'minor', baseRevision: 0 }));
    const real = picked.report as StoredReport;
    await forge({ ...real, severityHistory: [{ kind: 'reporter-pick', level: 'critical', by: REPORTER, at: new Date().toISOString() }], search: { ...real.search, reporterSeverity: 'critical' } });

    const read = dataOf(await invokeResolver(sandbox, TRIAGER, 'report/get', { issueKey }));

    expect(read.report?.severityHistory).toEqual([expect.objectContaining({ kind: 'reporter-pick', level: 'minor' })]);
  });
});
