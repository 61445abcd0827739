/**
 * Installs from before app storage kept the report and the applied policy in issue properties. They
 * move into app storage once (first read, and the scheduled run's walk), after which issue
 * properties are only ever a projection the app writes and never reads.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import type { AppliedPolicyState } from '../../src/contract/policy.contract';
import { generateStoredReport } from '../../src/domain/report/testing/report.factory';
import { Sandbox } from '../../sandbox/sandbox';
import { appPolicyState, appReport } from '../support/app-storage';
import { jiraCall } from '../support/jira-helpers';
import { storedReportProperty } from '../support/sandbox-harness';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const REPORTER = people.rita;
const TRIAGER = people.devon;

let sandbox: Sandbox;

/** What the previous version of Firebreak wrote on an issue: the whole report and the policy state. */
const legacyReport = (product: string) =>
  generateStoredReport({
    revision: 3,
    fields: { ...generateStoredReport().fields, product },
    severityHistory: [
      { kind: 'reporter-pick', level: 'major', by: REPORTER, at: '2026-11-19T14:00:00.000Z' },
      { kind: 'decision', level: 'critical', by: TRIAGER, at: '2026-11-19T14:10:00.000Z', reason: 'Every checkout fails' },
    ],
    search: { ready: 'yes', waitingForReporter: 'no', decidedSeverity: 'critical', reporterSeverity: 'major', product },
  });
const legacyPolicy: AppliedPolicyState = {
  schemaVersion: 1,
  decisionAt: '2026-11-19T14:10:00.000Z',
  level: 'critical',
  responseDueAt: '2026-11-19T14:25:00.000Z',
  nextUpdateDueAt: '2026-11-19T14:40:00.000Z',
  commented: true,
  remindedFor: [],
};

const writeLegacy = async (issueKey: string, product: string): Promise<void> => {
  expect((await jiraCall(sandbox, 'app', 'PUT', `/rest/api/3/issue/${issueKey}/properties/firebreak-report`, legacyReport(product))).status).toBeLessThan(300);
  expect((await jiraCall(sandbox, 'app', 'PUT', `/rest/api/3/issue/${issueKey}/properties/firebreak-policy`, legacyPolicy)).status).toBeLessThan(300);
};

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'minimal' });
});

describe('records from before app storage', () => {
  it('moves an issue’s report and policy state into app storage on first read, then leaves only the projection on the issue', async () => {
    await writeLegacy('SHOP-3', 'Checkout');

    const opened = dataOf(await invokeResolver(sandbox, TRIAGER, 'report/get', { issueKey: 'SHOP-3' }));

    expect(opened.report).toMatchObject({ revision: 3, fields: { product: 'Checkout' } });
    expect(await appReport(sandbox, 'SHOP-3')).toMatchObject({ revision: 3, severityHistory: [{ kind: 'reporter-pick' }, { kind: 'decision', by: TRIAGER }] });
    expect(await appPolicyState(sandbox, 'SHOP-3')).toEqual(legacyPolicy);
    expect(await storedReportProperty(sandbox, 'SHOP-3')).toMatchObject({ schemaVersion: 3, revision: 3, search: { decidedSeverity: 'critical' } });
    expect((await jiraCall(sandbox, 'app', 'GET', '/rest/api/3/issue/SHOP-3/properties/firebreak-policy')).status).toBe(404);
  });

  it('moves every old record in the scheduled run, and from then on never reads an issue property again', async () => {
    await writeLegacy('SHOP-1', 'Search');
    await writeLegacy('SHOP-3', 'Checkout');

    expect(await sandbox.runtime.runScheduledTrigger('cadence-reminders')).toEqual({ statusCode: 204 });

    expect(await appReport(sandbox, 'SHOP-1')).toMatchObject({ fields: { product: 'Search' } });
    expect(await appReport(sandbox, 'SHOP-3')).toMatchObject({ fields: { product: 'Checkout' } });
    // After the move, a report someone writes straight into a property is not taken for the record.
    await jiraCall(sandbox, REPORTER, 'PUT', '/rest/api/3/issue/SHOP-2/properties/firebreak-report', legacyReport('Forged'));
    const opened = dataOf(await invokeResolver(sandbox, TRIAGER, 'report/get', { issueKey: 'SHOP-2' }));
    expect(opened.report).toBeNull();
    expect(await appReport(sandbox, 'SHOP-2')).toBeUndefined();
  });

  it('moves a record once when two people open the issue at the same moment', async () => {
    await writeLegacy('SHOP-3', 'Checkout');
    sandbox.setJiraLatency({ minMs: 20, maxMs: 80 });

    const both = await Promise.all([invokeResolver(sandbox, TRIAGER, 'report/get', { issueKey: 'SHOP-3' }), invokeResolver(sandbox, REPORTER, 'report/get', { issueKey: 'SHOP-3' })]);

    expect(both.map((result) => dataOf(result).report?.revision)).toEqual([3, 3]);
    expect(await appReport(sandbox, 'SHOP-3')).toMatchObject({ revision: 3 });
  });
});
