/**
 * The capacity gadget's figures against a sprint computed by hand, through the sandbox (real
 * handlers, real @forge packages, the Jira emulator), and its REST costs cold and warm.
 *
 * Sprint 1 (closed, 2 Nov 09:00 – 13 Nov 09:00), by hand:
 *   SHOP-1 story, 5 pts     2 h in the window (and 1 h in sprint 2)        feature
 *   SHOP-2 incident, 3 pts  3 h in the window, 4 h on 14 Nov (between)     support: critical, incident
 *   SHOP-3 bug, 2 pts       no worklogs of its own                          support: major, defect
 *   SHOP-4 sub-task of 3    2 h in the window                               support (its parent's)
 *   SHOP-5 story, no pts    1 h in the window                               feature, unestimated
 *   time:   support 3 + 2 = 5 h of 2 + 3 + 2 + 1 = 8 h      → 62.5 %  (2 worklogs outside the window)
 *   points: support 3 + 2 = 5 of 5 + 3 + 2 = 10             → 50 %  (SHOP-5 left out)
 *   count:  support 2 (SHOP-2, SHOP-3) of 4 (sub-task left out) → 50 %
 * Sprint 2 (active): SHOP-1's 1 h only → 0 %.
 * Classification comes from the app's own records (seeded below), never from the issue property.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import type { CapacityView, DrillDownView } from '../../src/contract/capacity.contract';
import type { ResolverResult } from '../../src/contract/result';
import { Sandbox } from '../../sandbox/sandbox';
import { handComputedScenario, HOUR } from '../support/capacity-scenario';
import { handleControl } from '../../sandbox/server/control.routes';
import { invokeAs } from '../support/sandbox-harness';
import { seedAppRecord } from '../support/facts-scenario';

const DEVON = 'acc-devon-oncall';
const OTTO = 'acc-otto-ops';
const GADGET = 'capacity-gadget';

let sandbox: Sandbox;

const compute = async (as: string, measure: 'time' | 'points' | 'count', sprint: 'active' | number = 1): Promise<ResolverResult<unknown>> =>
  invokeAs(sandbox, as, 'capacity/compute', { boardId: 1, sprint, measure, trendSprints: 6, planningSprints: 3, criteria: null }, GADGET);

const view = (result: ResolverResult<unknown>): CapacityView => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data as CapacityView;
};

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: handComputedScenario() as never });
  await seedRecords();
});

const seedRecords = async (): Promise<void> => {
  await seedAppRecord(sandbox, '20002', 'SHOP-2', { decidedSeverity: 'critical', kind: 'incident' });
  await seedAppRecord(sandbox, '20003', 'SHOP-3', { decidedSeverity: 'major', kind: 'defect' });
};

const searchCalls = (): number =>
  Object.entries(sandbox.jira.metering.snapshot().byOperation)
    .filter(([operation]) => operation.includes('/search/jql'))
    .reduce((total, [, entry]) => total + entry.calls, 0);

describe('capacity/compute', () => {
  it('measures time logged within the sprint window, sub-tasks under their parent', async () => {
    const sprint = view(await compute(DEVON, 'time')).sprint;

    expect(sprint).toMatchObject({ support: 5 * HOUR, total: 8 * HOUR, share: 0.625 });
    expect(sprint?.bySeverity).toEqual([
      { id: 'critical', name: 'Critical', value: 3 * HOUR, rank: 0 },
      { id: 'major', name: 'Major', value: 2 * HOUR, rank: 1 },
    ]);
    expect(sprint?.byKind.map((kind) => [kind.name, kind.value])).toEqual([
      ['Incident', 3 * HOUR],
      ['Defect', 2 * HOUR],
    ]);
    expect(sprint?.notes).toContain('2 worklogs were logged outside the sprint window and are not counted.');
  });

  it('measures story points from the board’s estimation field, leaving unestimated issues out', async () => {
    const sprint = view(await compute(DEVON, 'points')).sprint;

    expect(sprint).toMatchObject({ support: 5, total: 10, share: 0.5 });
    expect(sprint?.notes).toContain('1 issue in the sprint has no story points and is not counted.');
  });

  it('measures issue count without sub-tasks', async () => {
    expect(view(await compute(DEVON, 'count')).sprint).toMatchObject({ support: 2, total: 4, share: 0.5 });
  });

  it('shows the active sprint with the trend and the planning aid from the closed one', async () => {
    const result = view(await compute(DEVON, 'points', 'active'));

    expect(result.sprint).toMatchObject({ name: 'SHOP Sprint 2', share: 0 });
    expect(result.trend.map((sprint) => [sprint.name, sprint.share])).toEqual([
      ['SHOP Sprint 1', 0.5],
      ['SHOP Sprint 2', 0],
    ]);
    // Sprint 1 committed 10 points; nothing was resolved inside its window, so it completed none.
    expect(result.planning.history).toEqual([{ name: 'SHOP Sprint 1', committed: 10, completed: 0, feature: 0, supportItemsPlanned: 2 }]);
    expect(result.planning.averageShare).toBe(0.5);
  });

  it('reads a closed sprint from Jira once: showing it again searches nothing', async () => {
    const cold = view(await compute(DEVON, 'time'));
    sandbox.jira.metering.reset();
    const warm = view(await compute(DEVON, 'time'));

    expect(cold.cached).toBe(false);
    expect(warm.cached).toBe(true);
    expect(searchCalls()).toBe(0);
    expect(warm.sprint).toEqual(cold.sprint);
  });

  it('does not keep the figures of a sprint closed moments ago, which Jira’s search may not show in full yet', async () => {
    const input = handComputedScenario() as { site: { now: string }; sprints: Array<{ id: number; completeDate?: string; endDate?: string }> };
    const justNow = new Date(Date.parse(input.site.now) - 60_000).toISOString();
    input.sprints = input.sprints.map((sprint) => (sprint.id === 1 ? { ...sprint, completeDate: justNow } : sprint));
    sandbox = await Sandbox.create({ scenario: input as never });
    await seedRecords();
    await handleControl(sandbox, 'POST', '/__control/search-lag', JSON.stringify({ ms: 60_000 }));

    const first = view(await compute(DEVON, 'time'));
    sandbox.jira.metering.reset();
    const again = view(await compute(DEVON, 'time'));

    expect(first.cached).toBe(false);
    expect(again.cached).toBe(false);
    expect(sandbox.jira.metering.snapshot().total.calls).toBeGreaterThan(0);
  });

  it('uses the project’s default criteria from project settings unless the gadget sets its own', async () => {
    const current = await invokeAs(sandbox, DEVON, 'config/getProject', { projectKey: 'SHOP' }, GADGET);
    if (!current.ok) throw new Error(current.error.message);
    const { config } = current.data as { config: Record<string, unknown> };
    const saved = await invokeAs(sandbox, DEVON, 'config/saveProject', {
      projectKey: 'SHOP',
      baseVersion: 0,
      config: { ...config, supportCriteria: { kinds: [], classesOfService: [], issueTypes: ['Story'], labels: [] } },
    }, GADGET);
    expect(saved.ok).toBe(true);

    expect(view(await compute(DEVON, 'time')).sprint).toMatchObject({ support: 3 * HOUR, total: 8 * HOUR });
  });

  it('counts reused figures under the project’s new criteria', async () => {
    expect(view(await compute(DEVON, 'time')).sprint?.support).toBe(5 * HOUR);
    const current = await invokeAs(sandbox, DEVON, 'config/getProject', { projectKey: 'SHOP' }, GADGET);
    if (!current.ok) throw new Error(current.error.message);
    const { config } = current.data as { config: Record<string, unknown> };
    await invokeAs(sandbox, DEVON, 'config/saveProject', { projectKey: 'SHOP', baseVersion: 0, config: { ...config, supportCriteria: { kinds: [], classesOfService: [], issueTypes: ['Story'], labels: [] } } }, GADGET);

    const after = view(await compute(DEVON, 'time'));

    expect(after.sprint?.support).toBe(3 * HOUR);
  });

  it('counts what a JQL clause matches, and explains a clause Jira rejects', async () => {
    const jql = (clause: string) =>
      invokeAs(sandbox, DEVON, 'capacity/compute', { boardId: 1, sprint: 1, measure: 'time', trendSprints: 2, planningSprints: 1, criteria: { kinds: [], classesOfService: [], issueTypes: [], labels: [], jql: clause } }, GADGET);

    expect(view(await jql('issuetype = Story')).sprint).toMatchObject({ support: 3 * HOUR, total: 8 * HOUR });
    expect(await jql('issuetype = = Story')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'criteria.jql' } });
  });

  it('rides out a 429 on the JQL search: a POST that only reads is retried like a GET', async () => {
    sandbox.jira.faults.add({ method: 'POST', pathPattern: '^/rest/api/3/search/jql$', kind: '429', retryAfterSeconds: 1, times: 1 });

    expect(view(await compute(DEVON, 'count')).sprint).toMatchObject({ support: 2, total: 4 });
    expect(sandbox.jira.faults.list()).toEqual([]);
  });

  it('refuses the user without access to the board’s project', async () => {
    expect(await compute(OTTO, 'time')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('capacity/drillDown', () => {
  it('lists the issues counted, support first', async () => {
    const result = await invokeAs(sandbox, DEVON, 'capacity/drillDown', { boardId: 1, sprintId: 1, measure: 'time', criteria: null }, GADGET);
    if (!result.ok) throw new Error(result.error.message);
    const { issues } = result.data as DrillDownView;

    expect(issues.map((issue) => [issue.key, issue.value, issue.support])).toEqual(
      expect.arrayContaining([
        ['SHOP-1', 2 * HOUR, false],
        ['SHOP-2', 3 * HOUR, true],
        ['SHOP-4', 2 * HOUR, true],
        ['SHOP-5', 1 * HOUR, false],
      ]),
    );
  });

  it('refuses the user without access', async () => {
    expect(await invokeAs(sandbox, OTTO, 'capacity/drillDown', { boardId: 1, sprintId: 1, measure: 'time', criteria: null }, GADGET)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
