/**
 * Multi-step actions under faults: Jira answering 429 or 500 at a step (past the transport's own
 * retries), refusing a step (403), a function stopped at its time limit in the middle, and double
 * clicks. The end state is complete or cleanly undone, never doubled, and the person is told what
 * was done and what was not.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { Sandbox } from '../../sandbox/sandbox';
import { ageRunningPlans, appPlans, appPolicyState, appReport } from '../support/app-storage';
import { createIssue, issueSnapshot, jiraCall } from '../support/jira-helpers';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const REPORTER = people.rita;
const TRIAGER = people.devon;

let sandbox: Sandbox;
let issueKey: string;
let revision: number;

/** A thin report (Environment empty) on a fresh Incident, assigned to the triager: ready to be sent back. */
const setUp = async (options: { readonly functionTimeoutMs?: number } = {}): Promise<void> => {
  sandbox = await Sandbox.create({ scenario: 'demo', retryDelayScale: 0.001, ...options });
  issueKey = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Gift cards fail' });
  await jiraCall(sandbox, TRIAGER, 'PUT', `/rest/api/3/issue/${issueKey}/assignee`, { accountId: TRIAGER });
  revision = dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields({ environment: '' }), reporterSeverity: 'critical', baseRevision: 0 })).report?.revision ?? 0;
};

beforeEach(async () => {
  await setUp();
});

const sendBack = (actionId: string) => invokeResolver(sandbox, TRIAGER, 'dor/sendBack', { issueKey, baseRevision: revision, actionId });
const runScheduled = async (): Promise<void> => {
  await ageRunningPlans(sandbox, 5);
  expect(await sandbox.runtime.runScheduledTrigger('cadence-reminders')).toEqual({ statusCode: 204 });
};
const sentBackComments = async (): Promise<string[]> => (await issueSnapshot(sandbox, issueKey)).comments.filter((comment) => comment.includes('we need a little more'));

const STEPS = [
  { name: 'the assignment', method: 'PUT', pathPattern: '/assignee$' },
  { name: 'reading the transitions', method: 'GET', pathPattern: '/transitions$' },
  { name: 'the transition', method: 'POST', pathPattern: '/transitions$' },
  { name: 'the comment', method: 'POST', pathPattern: '/comment$' },
] as const;

describe('send back when Jira fails at a step', () => {
  for (const step of STEPS) {
    for (const kind of ['429', '500'] as const) {
      it(`tells what is done when ${step.name} meets a lasting ${kind}, and the scheduled run finishes it once`, async () => {
        sandbox.jira.faults.add({ method: step.method, pathPattern: step.pathPattern, kind, retryAfterSeconds: 60 });

        const first = dataOf(await sendBack(`click-${step.method}-${kind}`));

        expect(first.outcome?.tone).toBe('warning');
        expect(first.outcome?.message).toMatch(/is not finished\. (Done: .+|Nothing is done in Jira yet)\. Not yet: .+\(Jira answered HTTP (429|500)/);
        expect(first.report?.search.waitingForReporter).toBe('yes');

        sandbox.jira.faults.clear();
        await runScheduled();

        const after = await issueSnapshot(sandbox, issueKey);
        expect(after).toMatchObject({ assignee: REPORTER, status: 'Waiting for reporter' });
        expect(await sentBackComments()).toHaveLength(1);
        expect(Object.values(appPlans(sandbox)).filter((plan) => plan.kind === 'send-back').map((plan) => plan.status)).toEqual(['done']);
      });
    }
  }

  it('undoes everything and says nothing changed when Jira refuses the comment for good (403)', async () => {
    const before = await issueSnapshot(sandbox, issueKey);
    sandbox.jira.faults.add({ method: 'POST', pathPattern: '/comment$', kind: '403' });

    const refused = await sendBack('click-403');

    expectRefusal(refused, 'FORBIDDEN');
    if (!refused.ok) expect(refused.error.message).toMatch(/^Nothing was changed: Jira refused to post the comment that lists what is missing \(Jira answered HTTP 403/);
    expect(await issueSnapshot(sandbox, issueKey)).toEqual(before);
    expect((await appReport(sandbox, issueKey))?.sendBacks).toEqual([]);
    expect(Object.values(appPlans(sandbox)).map((plan) => plan.status)).toEqual(['undone']);
  });

  it('finishes a send-back whose function was stopped at its time limit, with one comment', async () => {
    await setUp({ functionTimeoutMs: 3_000 });
    sandbox.jira.faults.add({ method: 'POST', pathPattern: '/comment$', kind: 'latency', latencyMs: 4_000, times: 1 });

    await expect(sendBack('click-timeout')).rejects.toThrow(/timed out/);
    await sandbox.runtime.drain();
    // The comment already on its way when the function was stopped still lands, as on Forge.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await runScheduled();

    expect(await issueSnapshot(sandbox, issueKey)).toMatchObject({ assignee: REPORTER, status: 'Waiting for reporter' });
    expect(await sentBackComments()).toHaveLength(1);
    expect(Object.values(appPlans(sandbox)).map((plan) => plan.status)).toEqual(['done']);
  });

  it('sends back once when the button is pressed twice at once', async () => {
    sandbox.setJiraLatency({ minMs: 20, maxMs: 60 });

    const [first, second] = await Promise.all([sendBack('click-double'), sendBack('click-double')]);

    expect([first, second]).toMatchObject([{ ok: true }, { ok: true }]);
    expect(await sentBackComments()).toHaveLength(1);
    expect((await appReport(sandbox, issueKey))?.sendBacks).toHaveLength(1);
  });

  it('sends back once when two triagers press it at once', async () => {
    sandbox.setJiraLatency({ minMs: 20, maxMs: 60 });

    const results = await Promise.all([sendBack('click-devon'), invokeResolver(sandbox, people.mia, 'dor/sendBack', { issueKey, baseRevision: revision, actionId: 'click-mia' })]);

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expectRefusal(results.find((result) => !result.ok), 'CONFLICT');
    expect(await sentBackComments()).toHaveLength(1);
  });
});

describe('return to triage when Jira fails at a step', () => {
  it('keeps the reporter’s completed report, says the hand-back is not finished, and the scheduled run finishes it', async () => {
    const sent = dataOf(await sendBack('click-send'));
    sandbox.jira.faults.add({ method: 'PUT', pathPattern: '/assignee$', kind: '500' });

    const saved = dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), baseRevision: sent.report?.revision ?? 0 }));

    expect(saved.report?.fields.environment).not.toBe('');
    expect(saved.report?.sendBacks[0]?.returnedAt).toBeDefined();
    expect(saved.outcome?.tone).toBe('warning');
    expect(saved.outcome?.message).toMatch(/^Your report is saved\. Handing .+ back to Devon Park is not finished/);

    sandbox.jira.faults.clear();
    await runScheduled();

    const after = await issueSnapshot(sandbox, issueKey);
    expect(after).toMatchObject({ assignee: TRIAGER, status: 'New' });
    expect(after.comments.filter((comment) => comment.includes('the reporter completed the production report'))).toHaveLength(1);
  });

  it('tells the truth when the workflow has no way back to the old status', async () => {
    // Accept (New → Accepted), then send back; the workflow has no transition from Waiting for reporter to Accepted.
    await jiraCall(sandbox, TRIAGER, 'POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id: '11' } });
    const sent = dataOf(await sendBack('click-send-2'));

    const saved = dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), baseRevision: sent.report?.revision ?? 0 }));

    const after = await issueSnapshot(sandbox, issueKey);
    expect(after.status).toBe('Waiting for reporter');
    expect(saved.outcome?.message).toMatch(/left it in Waiting for reporter \(its workflow has no transition back to Accepted: move it by hand\)/);
    expect(after.comments.at(-1)).toMatch(/It is still in Waiting for reporter: its workflow has no transition back to Accepted/);
    expect(after.comments.at(-1)).not.toMatch(/back in triage/);
  });
});

describe('a decision when Jira fails while applying its policy', () => {
  it('records the decision, says the policy is not applied yet, and the scheduled run applies it once', async () => {
    sandbox.jira.faults.add({ method: 'PUT', pathPattern: `/issue/${issueKey}$`, kind: '500' });

    const decided = dataOf(await invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', { issueKey, level: 'critical', reason: '', baseRevision: revision, actionId: 'click-decide' }));

    expect(decided.report?.severityHistory.at(-1)).toMatchObject({ kind: 'decision', level: 'critical' });
    expect(decided.outcome?.tone).toBe('warning');
    expect(decided.outcome?.message).toMatch(/^The decision is recorded\. Applying its policy .+ is not finished \(Jira answered HTTP 500/);

    sandbox.jira.faults.clear();
    await sandbox.runtime.drain();
    await runScheduled();

    const issue = await jiraCall<{ fields: { priority: { name: string }; labels: string[] } }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}?fields=priority,labels`);
    expect(issue.body.fields.priority.name).toBe('Highest');
    expect(issue.body.fields.labels).toContain('severity-critical');
    expect((await issueSnapshot(sandbox, issueKey)).comments.filter((comment) => comment.startsWith('Critical: all hands.'))).toHaveLength(1);
    expect(await appPolicyState(sandbox, issueKey)).toMatchObject({ level: 'critical', commented: true });
  });

  it('decides once when the button is pressed twice at once', async () => {
    sandbox.setJiraLatency({ minMs: 20, maxMs: 60 });
    const click = { issueKey, level: 'critical', reason: '', baseRevision: revision, actionId: 'click-twice' };

    const [first, second] = await Promise.all([invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', click), invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', click)]);
    await sandbox.runtime.drain();

    expect(first.ok && second.ok).toBe(true);
    expect((await appReport(sandbox, issueKey))?.severityHistory.filter((event) => event.kind === 'decision')).toHaveLength(1);
    expect((await issueSnapshot(sandbox, issueKey)).comments.filter((comment) => comment.startsWith('Critical: all hands.'))).toHaveLength(1);
  });
});
