/**
 * The reporting template and Definition of Ready through the sandbox: the real handlers, real
 * @forge packages, and the Jira emulator. Assertions check what Jira stored and shows.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { Sandbox } from '../../sandbox/sandbox';
import { createIssue, issueSnapshot, jiraCall, searchKeys } from '../support/jira-helpers';
import { appReport, damageAppReport } from '../support/app-storage';
import { invokeAs, storedReportProperty, worldFingerprint } from '../support/sandbox-harness';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const REPORTER = people.rita;
const TRIAGER = people.devon;
const OUTSIDER = people.otto;
const PROJECT_ADMIN = people.sam;

let sandbox: Sandbox;
let issueKey: string;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
  issueKey = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Bug', summary: 'Checkout spinner never stops' });
  await jiraCall(sandbox, TRIAGER, 'PUT', `/rest/api/3/issue/${issueKey}/assignee`, { accountId: TRIAGER });
});

describe('report/get', () => {
  it('shows an empty template for the issue type, not ready, with what is missing', async () => {
    const panel = dataOf(await invokeResolver(sandbox, TRIAGER, 'report/get', { issueKey }));

    expect(panel).toMatchObject({ report: null, canEdit: true, issue: { issueType: 'Bug', isProductionType: true, reporter: { accountId: REPORTER } } });
    expect(panel.fields.map((field) => field.id)).toContain('stepsToReproduce');
    expect(panel.readiness.ready).toBe(false);
    expect(panel.readiness.items.filter((item) => !item.met).map((item) => item.id)).toEqual(expect.arrayContaining(['field:stepsToReproduce', 'severity-picked', 'classified']));
  });

  it('refuses the user without access to the project', async () => {
    expectRefusal(await invokeResolver(sandbox, OUTSIDER, 'report/get', { issueKey }), 'FORBIDDEN');
  });
});

describe('reporter → triager journey', () => {
  it('sends an incomplete report back, returns it to triage when completed, and ends Ready', async () => {
    // The reporter files a thin report and picks a severity.
    const filed = dataOf(
      await invokeResolver(sandbox, REPORTER, 'report/save', {
        issueKey,
        fields: generateReportFields({ stepsToReproduce: 'n/a', environment: '' }),
        reporterSeverity: 'critical',
        baseRevision: 0,
      }),
    );
    expect(filed.problems.map((problem) => problem.field)).toEqual(['stepsToReproduce']);

    // The triager sees Not ready and sends it back.
    const sent = dataOf(await invokeResolver(sandbox, TRIAGER, 'dor/sendBack', { issueKey, baseRevision: filed.report?.revision ?? 0 }));
    const afterSend = await issueSnapshot(sandbox, issueKey);
    expect(afterSend).toMatchObject({ assignee: REPORTER, status: 'Waiting for reporter', comments: [expect.stringContaining('@Rita Reyes')] });
    expect(afterSend.comments[0]).toContain('Steps to reproduce says only “n/a”');
    expect(afterSend.comments[0]).toContain('Environment is empty.');
    expect(afterSend.comments[0]).not.toContain('classified');
    expect(sent.report?.search.waitingForReporter).toBe('yes');
    expect(await searchKeys(sandbox, 'waitingForReporter = "yes" AND project = SHOP')).toContain(issueKey);

    // The reporter completes it; it returns to the triager, in its old status, and they are told.
    const completed = dataOf(
      await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: sent.report?.revision ?? 0 }),
    );
    const afterReturn = await issueSnapshot(sandbox, issueKey);
    expect(afterReturn).toMatchObject({ assignee: TRIAGER, status: 'New', comments: [expect.any(String), expect.stringContaining('@Devon Park')] });
    expect(afterReturn.comments[1]).toContain('back with you in New');
    expect(completed.outcome).toMatchObject({ tone: 'success' });
    expect(completed.report?.sendBacks[0]?.returnedAt).toBeDefined();
    expect(completed.report?.search.waitingForReporter).toBe('no');

    // The triager classifies, decides another severity with a reason, ticks the manual item: Ready.
    const classified = dataOf(
      await invokeResolver(sandbox, TRIAGER, 'triage/classify', { issueKey, level: 'code-or-data', kind: 'defect', classOfService: 'bug-asap', baseRevision: completed.report?.revision ?? 0 }),
    );
    const decided = dataOf(
      await invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', { issueKey, level: 'major', reason: 'Checkout works with a saved card', baseRevision: classified.report?.revision ?? 0 }),
    );
    const ready = dataOf(
      await invokeResolver(sandbox, TRIAGER, 'dor/checkItem', { issueKey, itemId: 'reproduced-internally', checked: true, note: 'https://wiki.example/repro', baseRevision: decided.report?.revision ?? 0 }),
    );

    expect(ready.readiness.ready).toBe(true);
    expect(ready.report?.severityHistory.map((event) => [event.kind, event.level, event.by])).toEqual([
      ['reporter-pick', 'critical', REPORTER],
      ['decision', 'major', TRIAGER],
    ]);
    expect(await storedReportProperty(sandbox, issueKey)).toMatchObject({ search: { ready: 'yes', decidedSeverity: 'major', reporterSeverity: 'critical', customer: 'Acme Retail' } });
    expect(await searchKeys(sandbox, 'decidedSeverity = "major" AND project = SHOP')).toEqual([issueKey]);
    expect(await searchKeys(sandbox, 'reportCustomer ~ "acme" AND reportReady = "yes"')).toEqual([issueKey]);
  });

  it('refuses a different severity without a reason, and stores nothing', async () => {
    const filed = dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: 0 }));
    const before = worldFingerprint(sandbox);

    const result = await invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', { issueKey, level: 'minor', reason: '', baseRevision: filed.report?.revision ?? 0 });

    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'reason' } });
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it('says what is done and what is not when Jira fails mid-way, and finishes the same send-back on the next click', async () => {
    const filed = dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields({ environment: '' }), baseRevision: 0 }));
    sandbox.jira.faults.add({ method: 'POST', pathPattern: '/comment$', kind: '500' });
    const click = { issueKey, baseRevision: filed.report?.revision ?? 0, actionId: 'click-0001' };

    const first = dataOf(await invokeResolver(sandbox, TRIAGER, 'dor/sendBack', click));
    expect(first.outcome?.tone).toBe('warning');
    expect(first.outcome?.message).toMatch(/is not finished\. Done: assigned it to Rita Reyes and moved it to Waiting for reporter\. Not yet: post the comment that lists what is missing \(Jira answered HTTP 500/);
    expect((await issueSnapshot(sandbox, issueKey)).comments).toEqual([]);

    sandbox.jira.faults.clear();
    const again = dataOf(await invokeResolver(sandbox, TRIAGER, 'dor/sendBack', click));

    expect(again.outcome).toMatchObject({ tone: 'success' });
    const after = await issueSnapshot(sandbox, issueKey);
    expect(after).toMatchObject({ assignee: REPORTER, status: 'Waiting for reporter' });
    expect(after.comments).toHaveLength(1);
    expect(await appReport(sandbox, issueKey)).toMatchObject({ sendBacks: [{ sentBy: TRIAGER }] });
  });

  it('tells the second of two editors that the report changed, and keeps the first save', async () => {
    await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields({ product: 'Checkout' }), baseRevision: 0 });

    const second = await invokeResolver(sandbox, TRIAGER, 'report/save', { issueKey, fields: generateReportFields({ product: 'Payments' }), baseRevision: 0 });

    expectRefusal(second, 'CONFLICT');
    expect(await appReport(sandbox, issueKey)).toMatchObject({ revision: 1, fields: { product: 'Checkout' } });
  });

  it('rejects an oversized report naming the field, and a wrongly typed one, storing nothing', async () => {
    const before = worldFingerprint(sandbox);

    const oversized = await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields({ actualResult: 'z'.repeat(32_700) }), baseRevision: 0 });
    const wrongType = await invokeAs(sandbox, REPORTER, 'report/save', { issueKey, fields: { ...generateReportFields(), affectedUsers: 'lots' }, baseRevision: 0 });

    expect(oversized).toMatchObject({ ok: false, error: { code: 'TOO_LARGE', field: 'fields.actualResult' } });
    if (!oversized.ok) expect(oversized.error.message).toMatch(/^What actually happens is too long/);
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'fields.affectedUsers' } });
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it('says clearly when the report Firebreak keeps is damaged, and writes nothing over it', async () => {
    await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), baseRevision: 0 });
    await damageAppReport(sandbox, issueKey);
    const before = worldFingerprint(sandbox);

    const read = await invokeResolver(sandbox, TRIAGER, 'report/get', { issueKey });
    const write = await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), baseRevision: 1 });

    expectRefusal(read, 'INTERNAL');
    if (!read.ok) expect(read.error.message).toContain(`The production report Firebreak keeps for ${issueKey} is not in a shape it understands`);
    expectRefusal(write, 'INTERNAL');
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it('never takes the issue property for the report: a value someone PUT there is ignored, and the next save rewrites it', async () => {
    await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields({ product: 'Checkout' }), baseRevision: 0 });
    await jiraCall(sandbox, TRIAGER, 'PUT', `/rest/api/3/issue/${issueKey}/properties/firebreak-report`, { schemaVersion: 2, garbage: true });

    const read = dataOf(await invokeResolver(sandbox, TRIAGER, 'report/get', { issueKey }));
    dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields({ product: 'Payments' }), baseRevision: 1 }));

    expect(read.report).toMatchObject({ revision: 1, fields: { product: 'Checkout' } });
    expect(await storedReportProperty(sandbox, issueKey)).toMatchObject({ schemaVersion: 3, revision: 2, search: { product: 'Payments' } });
  });

  it('retries a 429 from Jira after Retry-After and saves once', async () => {
    sandbox.jira.faults.add({ method: 'PUT', pathPattern: '/properties/', kind: '429', retryAfterSeconds: 1, times: 1 });

    const result = await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), baseRevision: 0 });

    expect(result).toMatchObject({ ok: true, data: { report: { revision: 1 } } });
    expect(await storedReportProperty(sandbox, issueKey)).toMatchObject({ revision: 1 });
    expect(sandbox.jira.metering.snapshot().byOperation['PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}']?.calls).toBe(2);
  });
});

describe('people the report names', () => {
  /** The reporter files and picks; the triager, who does not hold the issue, decides another level. */
  const fileAndDecideUnassigned = async (): Promise<void> => {
    await jiraCall(sandbox, TRIAGER, 'PUT', `/rest/api/3/issue/${issueKey}/assignee`, { accountId: null });
    const filed = dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: 0 }));
    dataOf(await invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', { issueKey, level: 'major', reason: 'Checkout works with a saved card', baseRevision: filed.report?.revision ?? 0 }));
  };
  const userLookups = (): number => sandbox.jira.metering.snapshot().byOperation['GET /rest/api/3/user/bulk']?.calls ?? 0;

  it('names a triager who is neither reporter nor assignee by their Jira display name, in one lookup', async () => {
    await fileAndDecideUnassigned();
    sandbox.jira.metering.reset();

    const panel = dataOf(await invokeResolver(sandbox, PROJECT_ADMIN, 'report/get', { issueKey }));

    expect(panel.issue.assignee).toBeNull();
    expect(panel.report?.severityHistory.at(-1)).toMatchObject({ kind: 'decision', by: TRIAGER });
    expect(panel.names).toEqual({ [TRIAGER]: 'Devon Park' });
    expect(userLookups()).toBe(1);
  });

  it('looks nobody up when the report mentions only the reporter and the viewer', async () => {
    await fileAndDecideUnassigned();
    sandbox.jira.metering.reset();

    const panel = dataOf(await invokeResolver(sandbox, TRIAGER, 'report/get', { issueKey }));

    expect(panel.names).toEqual({});
    expect(userLookups()).toBe(0);
    expect(sandbox.jira.metering.snapshot().total.calls).toBeGreaterThan(0);
  });

  it('still shows the report when Jira cannot look the names up', async () => {
    await fileAndDecideUnassigned();
    sandbox.jira.faults.add({ method: 'GET', pathPattern: '^/rest/api/3/user/bulk$', kind: '500' });
    sandbox.jira.metering.reset();

    const result = await invokeResolver(sandbox, PROJECT_ADMIN, 'report/get', { issueKey });

    expect(result).toMatchObject({ ok: true, data: { names: {}, report: { severityHistory: [{ by: REPORTER }, { by: TRIAGER }] } } });
    // Names are labels: one attempt, never 7–11 s of backoff before the panel answers.
    expect(userLookups()).toBe(1);
  });
});

describe('project settings', () => {
  it('lets a project admin require fields per issue type and add checklist items', async () => {
    const current = await invokeResolver(sandbox, PROJECT_ADMIN, 'config/getProject', { projectKey: 'SHOP' });
    if (!current.ok) throw new Error(current.error.message);
    const data = current.data;
    expect(data).toMatchObject({ version: 0, canEdit: true });
    expect(data.issueTypes).toContain('Bug');

    const saved = await invokeResolver(sandbox, PROJECT_ADMIN, 'config/saveProject', {
      projectKey: 'SHOP',
      baseVersion: 0,
      config: {
        ...data.config,
        fieldRulesByIssueType: { Bug: { environment: 'hidden' } },
        manualItems: [{ id: 'logs-attached', label: 'Logs attached', needsNote: false }],
      },
    });
    expect(saved).toMatchObject({ ok: true, data: { version: 1 } });

    const panel = dataOf(await invokeResolver(sandbox, TRIAGER, 'report/get', { issueKey }));
    expect(panel.fields.map((field) => field.id)).not.toContain('environment');
    expect(panel.manualItems).toEqual([{ id: 'logs-attached', label: 'Logs attached', needsNote: false }]);
  });

  it('refuses a user who is not a project admin, and a stale save', async () => {
    const { config } = dataOf(await invokeResolver(sandbox, PROJECT_ADMIN, 'config/getProject', { projectKey: 'SHOP' }));

    expectRefusal(await invokeResolver(sandbox, REPORTER, 'config/saveProject', { projectKey: 'SHOP', baseVersion: 0, config }), 'FORBIDDEN');
    await invokeResolver(sandbox, PROJECT_ADMIN, 'config/saveProject', { projectKey: 'SHOP', baseVersion: 0, config });
    expectRefusal(await invokeResolver(sandbox, PROJECT_ADMIN, 'config/saveProject', { projectKey: 'SHOP', baseVersion: 0, config }), 'CONFLICT');
  });
});
