/**
 * Reading a sprint's capacity facts (readSprintFacts) through the sandbox: real @forge packages,
 * the Jira emulator, app storage. The scenario is computed by hand in test/support/facts-scenario.ts.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import type { SprintWindow } from '../../src/domain/capacity/capacity';
import type { FactIssue, SprintFacts } from '../../src/domain/capacity/sprint-facts';
import { readSprintFacts, readSprintFactsMany } from '../../src/entry/use-cases/capacity/sprint-facts-source';
import { saveIssueReport } from '../../src/storage/issue-state.store';
import { generateStoredReport } from '../../src/domain/report/testing/report.factory';
import { Sandbox } from '../../sandbox/sandbox';
import { asViewer, DEVON, factsScenario, HOUR, requestFor, RITA, seedAppRecord, sprintWindows } from '../support/facts-scenario';
import { jiraCall } from '../support/jira-helpers';

let sandbox: Sandbox;
let sprint1: SprintWindow;
let sprint2: SprintWindow;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: factsScenario() as never });
  await seedAppRecord(sandbox, '20002', 'SHOP-2', { decidedSeverity: 'critical', kind: 'incident', classOfService: 'emergency' });
  await seedAppRecord(sandbox, '20012', 'OPS-2', { decidedSeverity: 'major', kind: 'incident', classOfService: 'emergency' });
  const windows = await sprintWindows(sandbox);
  const [one, two] = [windows.get(1), windows.get(2)];
  if (one === undefined || two === undefined) throw new Error('the scenario has sprints 1 and 2');
  [sprint1, sprint2] = [one, two];
});

const byKey = (issues: readonly FactIssue[]): Record<string, FactIssue> => Object.fromEntries(issues.map((issue) => [issue.key, issue]));
const hours = (issue: FactIssue | undefined): number => (issue?.worklogs ?? []).reduce((total, worklog) => total + worklog.seconds, 0) / HOUR;
const read = (as: string, window: SprintWindow = sprint1, refresh = false) => asViewer(sandbox, as, (handler) => readSprintFacts(handler, requestFor(window, { refresh })));
/** Search calls Jira answered since the last reset (any identity). */
const searchCalls = (): number =>
  Object.entries(sandbox.jira.metering.snapshot().byOperation)
    .filter(([operation]) => operation.includes('/search/jql'))
    .reduce((total, [, entry]) => total + entry.calls, 0);

describe('readSprintFacts: a closed sprint, by hand', () => {
  it('keeps the sprint as Jira has it, the team, and the team\'s work outside the sprint within the window', async () => {
    const { facts, fromCache } = await read(DEVON);

    expect(fromCache).toBe(false);
    const planned = byKey(facts.planned);
    expect(Object.keys(planned).sort()).toEqual(['OPS-1', 'SHOP-1', 'SHOP-2', 'SHOP-3', 'SHOP-5']);
    expect(hours(planned['SHOP-1'])).toBe(2);
    expect(planned['SHOP-1']?.worklogsOutside).toBe(1);
    // 25 worklogs: more than Jira embeds, all read.
    expect(planned['SHOP-3']?.worklogs).toHaveLength(25);
    expect(hours(planned['SHOP-3'])).toBe(12.5);
    expect(planned['SHOP-3']).toMatchObject({ storyPoints: 5, worklogsOutside: 1 });
    expect(planned['SHOP-3']?.worklogs[0]).toMatchObject({ authorId: DEVON, authorName: 'Devon Park' });
    expect(planned['SHOP-2']).toMatchObject({ severity: 'critical', kind: 'incident', classOfService: 'emergency', projectKey: 'SHOP' });
    expect(planned['SHOP-2']?.resolvedAt).not.toBeNull();
    expect(planned['OPS-1']).toMatchObject({ projectKey: 'OPS', issueType: 'Task' });
    expect(hours(planned['OPS-1'])).toBe(1);

    expect(facts.team).toEqual({ source: 'worklog-authors', groupName: null, members: [{ accountId: DEVON, displayName: 'Devon Park' }] });
    // OPS-2: Devon's 3 h only (Sam is not on the team, 20 Nov is outside); SHOP-4: nobody on the team.
    expect(facts.unplanned.map((issue) => issue.key)).toEqual(['OPS-2']);
    expect(facts.unplanned[0]).toMatchObject({ severity: 'major', kind: 'incident', classOfService: 'emergency', worklogsOutside: 1 });
    expect(facts.unplanned[0]?.worklogs.map((worklog) => [worklog.authorId, worklog.seconds])).toEqual([[DEVON, 3 * HOUR]]);
  });

  it('takes the classification from the app\'s own record, never from a forged issue property', async () => {
    const { facts } = await read(DEVON);

    expect(byKey(facts.planned)['SHOP-5']).toMatchObject({ severity: null, kind: null, classOfService: null });
  });

  it('records the JQL clause\'s matches in and outside the sprint', async () => {
    const { facts } = await asViewer(sandbox, DEVON, (handler) => readSprintFacts(handler, requestFor(sprint1, { jql: 'issuetype in (Incident, Bug)' })));

    expect([...facts.matchedByJql].sort()).toEqual(['OPS-2', 'SHOP-2']);
  });
});

describe('readSprintFacts: the cache of closed sprints', () => {
  it('reads a closed sprint from Jira once: a later view, by anyone, makes no search call', async () => {
    const first = await read(DEVON);
    sandbox.jira.metering.reset();

    const again = await read(DEVON);

    expect(searchCalls()).toBe(0);
    expect(again.fromCache).toBe(true);
    expect(again.facts).toEqual(first.facts);
    expect(sandbox.jira.metering.snapshot().total.calls).toBe(1); // which projects the viewer may browse
  });

  it('gives two viewers with different permissions different facts from one read', async () => {
    await read(DEVON);
    sandbox.jira.metering.reset();

    const rita = await read(RITA);

    expect(rita.fromCache).toBe(true);
    expect(searchCalls()).toBe(0);
    expect(rita.facts.planned.map((issue) => issue.key).sort()).toEqual(['SHOP-1', 'SHOP-2', 'SHOP-3', 'SHOP-5']);
    expect(rita.facts.unplanned).toEqual([]);
    expect(byKey((await read(DEVON)).facts.planned)['OPS-1']).toBeDefined();
  });

  it('reads again after a worklog is added inside the closed sprint and an issue is classified', async () => {
    const before = await read(DEVON);
    expect(byKey(before.facts.planned)['SHOP-1']?.kind).toBeNull();

    const day = new Date(Date.parse(sprint1.start) + 2 * 86_400_000).toISOString().replace('Z', '+0000');
    const added = await jiraCall(sandbox, DEVON, 'POST', '/rest/api/3/issue/SHOP-1/worklog', { started: day, timeSpentSeconds: 3 * HOUR });
    expect(added.status).toBe(201);
    await asViewer(sandbox, DEVON, () =>
      saveIssueReport({ id: '20001', key: 'SHOP-1', projectKey: 'SHOP' }, generateStoredReport({ search: { decidedSeverity: 'minor', kind: 'defect', classOfService: 'bug-asap', ready: 'yes', waitingForReporter: 'no' } }), 0),
    );
    await sandbox.runtime.drain();

    const after = await read(DEVON);

    expect(after.fromCache).toBe(false);
    expect(hours(byKey(after.facts.planned)['SHOP-1'])).toBe(5);
    expect(byKey(after.facts.planned)['SHOP-1']).toMatchObject({ severity: 'minor', kind: 'defect' });
    expect(Date.parse(after.facts.readAt)).toBeGreaterThanOrEqual(Date.parse(before.facts.readAt));
  });

  it('reads again when the team logs work outside the sprint on a day of its window', async () => {
    await read(DEVON);
    const day = new Date(Date.parse(sprint1.start) + 3 * 86_400_000).toISOString().replace('Z', '+0000');
    await jiraCall(sandbox, DEVON, 'POST', '/rest/api/3/issue/SHOP-4/worklog', { started: day, timeSpentSeconds: HOUR });
    await sandbox.runtime.drain();

    const after = await read(DEVON);

    expect(after.fromCache).toBe(false);
    expect(after.facts.unplanned.map((issue) => issue.key).sort()).toEqual(['OPS-2', 'SHOP-4']);
  });

  it('keeps the cache when a change cannot touch it (a worklog in another sprint\'s window, a status change)', async () => {
    await read(DEVON);
    const later = new Date(Date.parse(sprint2.start) + 86_400_000).toISOString().replace('Z', '+0000');
    await jiraCall(sandbox, DEVON, 'POST', '/rest/api/3/issue/SHOP-4/worklog', { started: later, timeSpentSeconds: HOUR });
    await sandbox.runtime.drain();

    expect((await read(DEVON)).fromCache).toBe(true);
  });

  it('refreshes on request at most once a minute per sprint', async () => {
    await read(DEVON);

    expect((await read(DEVON, sprint1, true)).fromCache).toBe(false);
    expect((await read(RITA, sprint1, true)).fromCache).toBe(true);
  });

  it('caches nothing when Jira rate-limits the read half-way; the next view reads it whole', async () => {
    sandbox.jira.faults.add({ method: 'GET', pathPattern: '/worklog$', kind: '429', retryAfterSeconds: 0 });

    await expect(read(DEVON)).rejects.toThrow();
    sandbox.jira.faults.clear();
    const next = await read(DEVON);

    expect(next.fromCache).toBe(false);
    expect(hours(byKey(next.facts.planned)['SHOP-3'])).toBe(12.5);
    expect((await read(DEVON)).fromCache).toBe(true);
  });
});

describe('readSprintFacts: the active sprint', () => {
  it('is read as the viewer every time, but a truncated issue\'s worklogs only when the issue changed', async () => {
    sandbox.jira.metering.reset();
    const facts = (await read(DEVON, sprint2)).facts;
    expect(byKey(facts.planned)['SHOP-1']?.worklogs).toHaveLength(1);
    const worklogCalls = (): number => sandbox.jira.metering.snapshot().byOperation['GET /rest/api/3/issue/{issueIdOrKey}/worklog']?.calls ?? 0;
    expect(worklogCalls()).toBe(1); // SHOP-3, carried over with 26 worklogs

    sandbox.jira.metering.reset();
    expect((await read(DEVON, sprint2)).fromCache).toBe(false);
    expect(worklogCalls()).toBe(0);

    const day = new Date(Date.parse(sprint2.start) + 86_400_000).toISOString().replace('Z', '+0000');
    await jiraCall(sandbox, DEVON, 'POST', '/rest/api/3/issue/SHOP-3/worklog', { started: day, timeSpentSeconds: HOUR });
    sandbox.jira.metering.reset();
    const after = (await read(DEVON, sprint2)).facts;
    expect(worklogCalls()).toBe(1);
    expect(hours(byKey(after.planned)['SHOP-3'])).toBe(1);
  });

  it('reads several sprints in one go, within ⌈N/100⌉ + 10 calls for the active one on a later view', async () => {
    const requests = [requestFor(sprint1), requestFor(sprint2)];
    await asViewer(sandbox, DEVON, (handler) => readSprintFactsMany(handler, requests));
    sandbox.jira.metering.reset();

    const answers: Array<{ facts: SprintFacts; fromCache: boolean }> = await asViewer(sandbox, DEVON, (handler) => readSprintFactsMany(handler, requests));

    expect(answers.map((answer) => answer.fromCache)).toEqual([true, false]);
    expect(sandbox.jira.metering.snapshot().total.calls).toBeLessThanOrEqual(1 + 10);
  });
});
