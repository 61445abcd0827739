/**
 * Part "progress" (issue 14): while the `sprint-facts` background job reads closed sprints too
 * large for a view, `capacity/compute` answers with how far it got (`reading`), the numbers advance
 * as its slices run, asking again never starts a second run, and the figures come once it is done.
 * A run that failed says why, and a refresh starts it again.
 *
 * The limit of what a view reads itself is lowered to 0 (the bench runs real sizes), and each slice
 * waits at a gate the test opens one at a time, so "as slices run" is observed, not raced. The run
 * has four slices: the active sprint's memos first (`warmSprintMemos`, which never fails the run),
 * then the three closed sprints; once those are cached the figures show.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { CapacityView } from '../../src/contract/capacity.contract';
import { Sandbox } from '../../sandbox/sandbox';
import type * as FactsSource from '../../src/entry/use-cases/capacity/sprint-facts-source';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { seedAppRecord } from '../support/facts-scenario';
import { SCRUM_MASTER } from '../support/capacity-scenario';
import { threeClosedSprintsScenario } from '../support/progress-scenario';

const gate = vi.hoisted(() => ({ holding: false, waiting: [] as Array<() => void>, failWith: null as string | null }));

vi.mock('../../src/entry/use-cases/capacity/sprint-facts-source', async (importOriginal) => {
  const actual = await importOriginal<typeof FactsSource>();
  return {
    ...actual,
    INLINE_READ_LIMIT: 0,
    cacheSettledSprintFacts: async (...args: Parameters<typeof actual.cacheSettledSprintFacts>) => {
      if (gate.holding) await new Promise<void>((resolve) => gate.waiting.push(resolve));
      if (gate.failWith !== null) throw new Error(gate.failWith);
      return actual.cacheSettledSprintFacts(...args);
    },
    warmSprintMemos: async (...args: Parameters<typeof actual.warmSprintMemos>) => {
      if (gate.holding) await new Promise<void>((resolve) => gate.waiting.push(resolve));
      return actual.warmSprintMemos(...args);
    },
  };
});

let sandbox: Sandbox;
const configuration = { boardId: 1, sprint: 'active' as const, measure: 'time' as const, trendSprints: 4, planningSprints: 3, criteria: null };
const compute = async (refresh?: boolean): Promise<CapacityView> => dataOf(await invokeResolver(sandbox, SCRUM_MASTER, 'capacity/compute', { ...configuration, ...(refresh === undefined ? {} : { refresh }) }));
const slicesPushed = (): number => sandbox.runtime.asyncEvents.pushedEvents().filter((event) => event.body['kind'] === 'sprint-facts').length;
/** Lets one waiting slice run. */
const releaseOne = async (): Promise<void> => {
  await vi.waitFor(() => expect(gate.waiting.length).toBeGreaterThan(0));
  gate.waiting.shift()?.();
};
const releaseAll = (): void => {
  gate.holding = false;
  gate.waiting.splice(0).forEach((resolve) => resolve());
};

beforeEach(async () => {
  Object.assign(gate, { holding: true, waiting: [], failWith: null });
  sandbox = await Sandbox.create({ scenario: threeClosedSprintsScenario() as never, asyncTimeScale: 0.01 });
  await seedAppRecord(sandbox, '20002', 'SHOP-2', { decidedSeverity: 'critical', kind: 'incident' });
  return async () => {
    releaseAll();
    await sandbox.runtime.drain();
  };
});

describe('capacity/compute while the background read runs', () => {
  it('carries the progress as numbers that advance slice by slice, on one run however often it is asked, then the figures', async () => {
    const first = await compute();
    expect(first.sprint).toBeNull();
    expect(first.empty).toMatch(/reads them from Jira in the background\. The figures appear here when it is done\.$/);
    expect(first.reading).toMatchObject({ status: 'running', done: 0, total: 4, failed: 0, reason: null });
    expect(first.reading?.issues).toBeGreaterThan(0);

    const seen = [first.reading?.done];
    for (let step = 1; step <= 3; step += 1) {
      await releaseOne();
      await vi.waitFor(async () => expect((await compute()).reading?.done).toBe(step));
      const view = await compute();
      seen.push(view.reading?.done);
      // The same run: the gadget polling every few seconds reads how far it got, it starts nothing.
      expect(view.reading?.startedAt).toBe(first.reading?.startedAt);
      expect(view.reading?.total).toBe(4);
    }
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(slicesPushed()).toBe(4);

    releaseAll();
    await sandbox.runtime.drain();
    const done = await compute();
    expect(done.reading).toBeUndefined();
    expect(done.empty).toBeNull();
    expect(done.sprint?.name).toBe('SHOP Sprint 2');
    expect(done.trend.map((sprint) => sprint.name)).toEqual(['SHOP Sprint -1', 'SHOP Sprint 0', 'SHOP Sprint 1', 'SHOP Sprint 2']);
    expect(slicesPushed()).toBe(4);
  });

  it('answers two views at once with one run', async () => {
    const [one, two] = await Promise.all([compute(), compute()]);
    expect(one.reading?.startedAt).toBe(two.reading?.startedAt);
    expect(slicesPushed()).toBe(4);
  });

  it('says what failed once the run ends, starts nothing more on its own, and reads again on a refresh', async () => {
    gate.failWith = 'Jira answered 400: the sprint cannot be searched.';
    releaseAll();
    await compute();
    await sandbox.runtime.drain();

    const failed = await compute();
    expect(failed.reading).toMatchObject({ status: 'failed', done: 4, total: 4, failed: 3, reason: 'Jira answered 400: the sprint cannot be searched.' });
    expect(failed.empty).toMatch(/could not read 3 closed sprints .*Select Try again/);
    await compute();
    expect(slicesPushed()).toBe(4);

    gate.failWith = null;
    const again = await compute(true);
    expect(again.reading).toMatchObject({ status: 'running', failed: 0 });
    expect(slicesPushed()).toBe(8);
    await sandbox.runtime.drain();
    expect((await compute()).reading).toBeUndefined();
  });
});
