/**
 * The decided level's due times where people see them: Jira's Due date set from the response
 * target where the issue's edit screen has the field (and left alone, without failing, where it
 * has not), the due times in the Production report's view from the app's own storage, and a
 * decision repeated with nothing new as a no-op. Through the resolvers and the sandbox's Jira.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import type { ReportView } from '../../src/contract/report.contract';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { Sandbox } from '../../sandbox/sandbox';
import { appPolicyState, appReport } from '../support/app-storage';
import { createIssue, issueSnapshot, jiraCall } from '../support/jira-helpers';
import { worldFingerprint } from '../support/sandbox-harness';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const REPORTER = people.rita;
const TRIAGER = people.devon;

let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
});

const reportIssue = async (project: 'SHOP' | 'OPS', level = 'critical'): Promise<{ issueKey: string; view: ReportView }> => {
  const issueKey = await createIssue(sandbox, REPORTER, { project, type: 'Incident', summary: 'Checkout fails for every card' });
  const view = dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: level, baseRevision: 0 }));
  return { issueKey, view };
};

const decide = async (issueKey: string, view: ReportView, level: string, reason = '') =>
  dataOf(await invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', { issueKey, level, reason, baseRevision: view.report?.revision ?? 0 }));

const dueDateOf = async (issueKey: string): Promise<string | null> =>
  (await jiraCall<{ fields: { duedate: string | null } }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}?fields=duedate`)).body.fields.duedate;

/** The demo site with OPS incidents' edit screen lacking Due date (as some teams run it). */
const withoutDueDateOnOpsIncidents = async (): Promise<void> => {
  const scenario = sandbox.scenario;
  const incident = scenario.issueTypes.find((type) => type.name === 'Incident')?.id;
  await sandbox.load({
    ...scenario,
    projects: scenario.projects.map((project) =>
      project.key !== 'OPS'
        ? project
        : { ...project, screens: (project.screens ?? []).map((screen) => (screen.issueTypeIds?.includes(incident ?? '') === true ? { ...screen, edit: screen.edit.filter((field) => field !== 'duedate') } : screen)) },
    ),
  });
};

describe("Jira's Due date from the response target", () => {
  it('is set, as the triager, to the day the first response is due, when the edit screen has it', async () => {
    const { issueKey, view } = await reportIssue('SHOP');

    const decided = await decide(issueKey, view, 'critical');

    const state = await appPolicyState(sandbox, issueKey);
    expect(decided.outcome?.tone).toBe('success');
    expect(await dueDateOf(issueKey)).toBe(state?.responseDueAt.slice(0, 10));
    expect(state?.dueDate).toBe(state?.responseDueAt.slice(0, 10));
    const history = await jiraCall<{ values: Array<{ author: { accountId: string }; items: Array<{ field: string }> }> }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}/changelog`);
    expect(history.body.values.find((entry) => entry.items.some((item) => item.field === 'duedate'))?.author.accountId).toBe(TRIAGER);
  });

  it('is left alone, and nothing fails, when the edit screen has no Due date', async () => {
    await withoutDueDateOnOpsIncidents();
    const { issueKey, view } = await reportIssue('OPS');

    const decided = await decide(issueKey, view, 'critical');
    await sandbox.runtime.drain();

    expect(decided.outcome?.tone).toBe('success');
    expect(await dueDateOf(issueKey)).toBeNull();
    expect((await issueSnapshot(sandbox, issueKey)).comments).toHaveLength(1);
    expect(await appPolicyState(sandbox, issueKey)).toMatchObject({ level: 'critical', commented: true });
    expect(sandbox.runtime.deliveries.filter((delivery) => delivery.issueKey === issueKey && delivery.outcome === 'error')).toEqual([]);
    // Settled for this decision: later events do not try the refused Due date again.
    expect(await appPolicyState(sandbox, issueKey)).toMatchObject({ dueDate: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) as unknown });
    const before = sandbox.jira.stateFingerprint();
    sandbox.jira.metering.reset();
    sandbox.runtime.deliverEvent({ eventType: 'avi:jira:updated:issue', timestamp: new Date().toISOString(), issue: { id: '0', key: issueKey, fields: {} }, actor: { kind: 'user', accountId: TRIAGER } });
    await sandbox.runtime.drain();
    expect(sandbox.jira.stateFingerprint()).toBe(before);
  });

  it('is finished later, once and with one policy comment, when Jira answers the due-date write with 429', async () => {
    const { issueKey, view } = await reportIssue('SHOP');
    // Priority and label already as Critical wants them: the only edit the policy makes is the Due date.
    await jiraCall(sandbox, TRIAGER, 'PUT', `/rest/api/3/issue/${issueKey}`, { fields: { priority: { name: 'Highest' }, labels: ['severity-critical'] } });
    sandbox.jira.faults.add({ pathPattern: `^/rest/api/3/issue/${issueKey}$`, method: 'PUT', kind: '429', retryAfterSeconds: 3600 });

    const decided = await decide(issueKey, view, 'critical');

    expect(decided.outcome).toMatchObject({ tone: 'warning', message: expect.stringMatching(/is not finished .*Firebreak finishes it within a few minutes/) as unknown });
    expect(await dueDateOf(issueKey)).toBeNull();
    expect(decided.report?.severityHistory.at(-1)).toMatchObject({ kind: 'decision', level: 'critical' });

    sandbox.jira.faults.clear();
    await sandbox.runtime.drain();
    sandbox.runtime.deliverEvent({ eventType: 'avi:jira:updated:issue', timestamp: new Date().toISOString(), issue: { id: '0', key: issueKey, fields: {} }, actor: { kind: 'user', accountId: TRIAGER } });
    await sandbox.runtime.drain();

    const state = await appPolicyState(sandbox, issueKey);
    expect(await dueDateOf(issueKey)).toBe(state?.responseDueAt.slice(0, 10));
    expect((await issueSnapshot(sandbox, issueKey)).comments.filter((comment) => comment.startsWith('Critical: all hands.'))).toHaveLength(1);
  });

  it('does not move a stricter date a person set, and writes nothing when Jira already holds the date', async () => {
    const { issueKey, view } = await reportIssue('SHOP', 'minor');
    await jiraCall(sandbox, TRIAGER, 'PUT', `/rest/api/3/issue/${issueKey}`, { fields: { duedate: '2020-01-01' } });

    await decide(issueKey, view, 'minor');

    expect(await dueDateOf(issueKey)).toBe('2020-01-01');
  });
});

describe('due times in the Production report', () => {
  it('come from the app’s applied state, not from the issue property anyone may edit', async () => {
    const { issueKey, view } = await reportIssue('SHOP');
    await decide(issueKey, view, 'critical');
    await jiraCall(sandbox, TRIAGER, 'PUT', `/rest/api/3/issue/${issueKey}/properties/firebreak-report`, { policy: { responseDueAt: '2000-01-01T00:00:00Z' } });

    const read = dataOf(await invokeResolver(sandbox, TRIAGER, 'report/get', { issueKey }));

    const state = await appPolicyState(sandbox, issueKey);
    expect(read.dueTimes).toEqual({ level: 'critical', responseDueAt: state?.responseDueAt, firstResponseAt: null, nextUpdateDueAt: state?.nextUpdateDueAt });
  });

  it('mark the first response once a person comments after the decision', async () => {
    const { issueKey, view } = await reportIssue('SHOP');
    await decide(issueKey, view, 'critical');
    await sandbox.runtime.drain();
    const decisionAt = (await appPolicyState(sandbox, issueKey))?.decisionAt ?? '';

    // The comment's event as Forge sends it, five minutes after the decision (Jira dates comments to the second).
    const created = new Date(Date.parse(decisionAt) + 5 * 60_000).toISOString().replace('Z', '+0000');
    sandbox.runtime.deliverEvent({
      eventType: 'avi:jira:commented:issue',
      timestamp: created,
      issue: { id: '0', key: issueKey, fields: {} },
      comment: { id: '1', author: { accountId: TRIAGER, accountType: 'atlassian' }, created, updated: created },
      actor: { kind: 'user', accountId: TRIAGER },
    });
    await sandbox.runtime.drain();

    const read = dataOf(await invokeResolver(sandbox, REPORTER, 'report/get', { issueKey }));
    expect(read.dueTimes?.firstResponseAt).toBe(new Date(Date.parse(decisionAt) + 5 * 60_000).toISOString());
  });

  it('are not shown before a decision', async () => {
    const { view } = await reportIssue('SHOP');
    expect(view.dueTimes).toBeNull();
  });
});

describe('deciding the decided level again', () => {
  it('changes nothing, writes nothing and says so', async () => {
    const { issueKey, view } = await reportIssue('SHOP');
    const first = await decide(issueKey, view, 'critical');
    await sandbox.runtime.drain();
    const before = worldFingerprint(sandbox);
    sandbox.jira.metering.reset();

    const again = await decide(issueKey, first, 'critical');

    expect(again.outcome).toEqual({ tone: 'info', message: 'Already decided Critical; nothing changed.' });
    expect((await appReport(sandbox, issueKey))?.severityHistory.filter((event) => event.kind === 'decision')).toHaveLength(1);
    expect(worldFingerprint(sandbox)).toBe(before);
    const writes = Object.keys(sandbox.jira.metering.snapshot().byOperation).filter((operation) => !operation.startsWith('GET') && !operation.includes('search'));
    expect(writes).toEqual([]);
    expect((await issueSnapshot(sandbox, issueKey)).comments).toHaveLength(1);
  });

  it('is a new decision when the level differs, or a new reason is given', async () => {
    const { issueKey, view } = await reportIssue('SHOP');
    const first = await decide(issueKey, view, 'critical');
    const withReason = await decide(issueKey, first, 'critical', 'Confirmed by two more customers');
    const other = await decide(issueKey, withReason, 'major', 'Only gift cards fail');

    expect(withReason.outcome?.tone).not.toBe('info');
    expect(other.outcome?.tone).not.toBe('info');
    expect((await appReport(sandbox, issueKey))?.severityHistory.filter((event) => event.kind === 'decision').map((event) => event.level)).toEqual(['critical', 'critical', 'major']);
  });
});
