/**
 * Issue 14, "a later view reads only the active sprint": the sprints read for every view (active,
 * planned) are read whole once, as the app, into a memo; a later view asks Jira only what changed
 * (an id search of the sprint as the viewer, a search of issues changed since, and a read by id of
 * what the memo lacks or the change journal names), and keeps only what the viewer's own search
 * named. Tested against the cases that break such a memo: a change the search index has not caught
 * up with, viewers with different permissions, a deleted issue, a refresh.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import type { SprintWindow } from '../../src/domain/capacity/capacity';
import type { FactIssue } from '../../src/domain/capacity/sprint-facts';
import { readSprintFacts } from '../../src/entry/use-cases/capacity/sprint-facts-source';
import type { ScenarioInput } from '../../sandbox/jira';
import { Sandbox } from '../../sandbox/sandbox';
import { asViewer, DEVON, factsScenario, HOUR, requestFor, RITA, sprintWindows } from '../support/facts-scenario';
import { jiraCall } from '../support/jira-helpers';

/** Issues added to the active sprint 2, beyond the scenario's two: enough for three pages of rows. */
const EXTRA = 230;

/**
 * The facts scenario with sprint 2 grown to 232 SHOP issues and one OPS issue (OPS-3, which Rita
 * may not browse), each extra SHOP issue with one 30-minute worklog by Devon inside the sprint.
 */
const grownScenario = (): ScenarioInput => {
  const base = factsScenario() as unknown as { issues: Array<Record<string, unknown>> };
  const template = base.issues[0] as Record<string, unknown>;
  const extra = Array.from({ length: EXTRA }, (_, index) => ({
    ...template,
    id: String(40_000 + index),
    key: `SHOP-${String(100 + index)}`,
    summary: `Sprint 2 work ${String(index + 1)}`,
    sprintIds: [2],
    worklogs: [{ id: String(70_000 + index), author: DEVON, started: '2026-11-17T12:00:00+00:00', timeSpentSeconds: HOUR / 2 }],
  }));
  const ops = { ...template, id: '20013', key: 'OPS-3', projectId: '10001', summary: 'OPS-3 summary', sprintIds: [2], worklogs: [{ id: '79999', author: DEVON, started: '2026-11-17T09:00:00+00:00', timeSpentSeconds: HOUR }] };
  return { ...base, issues: [...base.issues, ...extra, ops] } as unknown as ScenarioInput;
};

let sandbox: Sandbox;
let sprint2: SprintWindow;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: grownScenario() as never });
  const window = (await sprintWindows(sandbox)).get(2);
  if (window === undefined) throw new Error('the scenario has sprint 2');
  sprint2 = window;
});

const read = (as: string, refresh = false) => asViewer(sandbox, as, (handler) => readSprintFacts(handler, requestFor(sprint2, { refresh })));
const hoursOf = (issues: readonly FactIssue[]): number => issues.reduce((total, issue) => total + issue.worklogs.reduce((sum, worklog) => sum + worklog.seconds, 0), 0) / HOUR;
const keysOf = (issues: readonly FactIssue[]): string[] => issues.map((issue) => issue.key);
/** Calls per operation since the last reset, any identity. */
const calls = (operation: string): number =>
  Object.entries(sandbox.jira.metering.snapshot().byOperation)
    .filter(([name]) => name.includes(operation))
    .reduce((total, [, entry]) => total + entry.calls, 0);
const inSprint2 = (hoursAfterStart: number): string => new Date(Date.parse(sprint2.start) + hoursAfterStart * 3_600_000).toISOString().replace('Z', '+0000');

describe('the active sprint on a later view', () => {
  it('is read whole once, then costs a few calls whatever its size, with the same figures', async () => {
    sandbox.jira.metering.reset();
    const first = (await read(DEVON)).facts;
    // 233 issues: three pages of rows, as the app, plus the viewer's id search.
    expect(calls('/search/jql')).toBeGreaterThanOrEqual(4);
    expect(first.planned).toHaveLength(EXTRA + 3);

    sandbox.jira.metering.reset();
    const later = (await read(DEVON)).facts;

    // The viewer's id search, the search of issues changed since, the team's work outside the sprint.
    expect(calls('/search/jql')).toBeLessThanOrEqual(3);
    expect(calls('/issue/bulkfetch')).toBe(0);
    expect(keysOf(later.planned)).toEqual(keysOf(first.planned));
    expect(hoursOf(later.planned)).toBe(hoursOf(first.planned));
  });

  it('shows a worklog logged between views, even while the search index has not caught up with it', async () => {
    const before = hoursOf((await read(DEVON)).facts.planned);
    sandbox.jira.setSearchLag(60 * 60_000);
    const added = await jiraCall(sandbox, DEVON, 'POST', '/rest/api/3/issue/SHOP-100/worklog', { started: inSprint2(30), timeSpentSeconds: 2 * HOUR });
    expect(added.status).toBe(201);
    // The worklog event reaches the app's trigger, which records the change in the journal.
    await sandbox.runtime.drain();

    sandbox.jira.metering.reset();
    const after = (await read(DEVON)).facts;

    expect(hoursOf(after.planned)).toBe(before + 2);
    expect(after.planned.find((issue) => issue.key === 'SHOP-100')?.worklogs).toHaveLength(2);
    // Read by id, which sees the write at once, not searched for again.
    expect(calls('/issue/bulkfetch')).toBe(1);
  });

  it('gives each viewer only the issues their own search names, whoever filled the memo', async () => {
    expect(keysOf((await read(DEVON)).facts.planned)).toContain('OPS-3');

    const rita = (await read(RITA)).facts;

    expect(keysOf(rita.planned)).not.toContain('OPS-3');
    expect(rita.planned).toHaveLength(EXTRA + 2);
    expect(hoursOf(rita.planned)).toBe(hoursOf((await read(DEVON)).facts.planned) - 1);
  });

  it('still gives Devon the issue Rita may not see, after her view', async () => {
    await read(RITA);
    sandbox.jira.metering.reset();

    const devon = (await read(DEVON)).facts;

    expect(keysOf(devon.planned)).toContain('OPS-3');
    expect(devon.planned.find((issue) => issue.key === 'OPS-3')?.worklogs.map((worklog) => worklog.seconds)).toEqual([HOUR]);
  });

  it('answers two viewers at once after a change, each with what they may see, and the next view agrees', async () => {
    await read(DEVON);
    await jiraCall(sandbox, DEVON, 'POST', '/rest/api/3/issue/SHOP-102/worklog', { started: inSprint2(40), timeSpentSeconds: HOUR });
    await jiraCall(sandbox, DEVON, 'POST', '/rest/api/3/issue/OPS-3/worklog', { started: inSprint2(41), timeSpentSeconds: HOUR });
    await sandbox.runtime.drain();

    const [devon, rita] = await Promise.all([read(DEVON), read(RITA)]);

    expect(devon.facts.planned.find((issue) => issue.key === 'OPS-3')?.worklogs).toHaveLength(2);
    expect(keysOf(rita.facts.planned)).not.toContain('OPS-3');
    expect(rita.facts.planned.find((issue) => issue.key === 'SHOP-102')?.worklogs).toHaveLength(2);
    // Whichever write landed last, the memo serves both changes.
    const again = (await read(DEVON)).facts;
    expect(hoursOf(again.planned)).toBe(hoursOf(devon.facts.planned));
  });

  it('fails a view that Jira rate-limits half-way without losing the change, which the next view shows', async () => {
    const before = hoursOf((await read(DEVON)).facts.planned);
    await jiraCall(sandbox, DEVON, 'POST', '/rest/api/3/issue/SHOP-103/worklog', { started: inSprint2(42), timeSpentSeconds: HOUR });
    await sandbox.runtime.drain();
    sandbox.jira.faults.add({ method: 'POST', pathPattern: '/bulkfetch$', kind: '429', retryAfterSeconds: 0 });

    await expect(read(DEVON)).rejects.toThrow();
    sandbox.jira.faults.clear();

    expect(hoursOf((await read(DEVON)).facts.planned)).toBe(before + 1);
  });

  it('drops an issue deleted between views', async () => {
    await read(DEVON);
    const deleted = await jiraCall(sandbox, 'app', 'DELETE', '/rest/api/3/issue/SHOP-101');
    expect(deleted.status).toBe(204);
    await sandbox.runtime.drain();

    const after = (await read(DEVON)).facts;

    expect(keysOf(after.planned)).not.toContain('SHOP-101');
    expect(after.planned).toHaveLength(EXTRA + 2);
  });

  it('is read whole again on Refresh', async () => {
    await read(DEVON);
    sandbox.jira.metering.reset();

    await read(DEVON, true);

    expect(calls('/search/jql')).toBeGreaterThanOrEqual(4);
  });
});
