/**
 * Sprints too large to read inside a view: `readSprintFactsOrDefer` hands the settled ones back
 * instead of reading them, the `sprint-facts` background job (Forge async events, run by the
 * sandbox's consumer) reads them as the app into the cache, and the next view answers from it, cut
 * down to what its viewer may browse. The limit is lowered to 0 here; the bench runs real sizes.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import type { SprintWindow } from '../../src/domain/capacity/capacity';
import { jobProgress, startJob } from '../../src/entry/background/background-jobs';
import { SPRINT_FACTS_JOB } from '../../src/entry/use-cases/capacity/sprint-facts-job';
import { readSprintFactsMany, readSprintFactsOrDefer, type DeferredFacts } from '../../src/entry/use-cases/capacity/sprint-facts-source';
import { Sandbox } from '../../sandbox/sandbox';
import { asViewer, DEVON, factsScenario, requestFor, RITA, seedAppRecord, sprintWindows } from '../support/facts-scenario';

let sandbox: Sandbox;
let sprint1: SprintWindow;
let sprint2: SprintWindow;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: factsScenario() as never, asyncTimeScale: 0.01 });
  await seedAppRecord(sandbox, '20002', 'SHOP-2', { decidedSeverity: 'critical', kind: 'incident', classOfService: 'emergency' });
  await seedAppRecord(sandbox, '20012', 'OPS-2', { decidedSeverity: 'major', kind: 'incident', classOfService: 'emergency' });
  const windows = await sprintWindows(sandbox);
  const [one, two] = [windows.get(1), windows.get(2)];
  if (one === undefined || two === undefined) throw new Error('the scenario has sprints 1 and 2');
  [sprint1, sprint2] = [one, two];
});

const slicesOf = (deferred: DeferredFacts) =>
  deferred.deferred.map(({ board, window, pointsField, jql, force }) => ({ board, window: { ...window, state: 'closed' as const }, pointsField, jql, force }));

describe('a view of sprints too large to read in time', () => {
  it('hands back only the settled closed sprint, with the issues Jira counts in it, and reads nothing else', async () => {
    sandbox.jira.metering.reset();
    const outcome = await asViewer(sandbox, DEVON, (handler) => readSprintFactsOrDefer(handler, [requestFor(sprint1), requestFor(sprint2)], 0));

    expect('deferred' in outcome).toBe(true);
    const deferred = outcome as DeferredFacts;
    expect(deferred.deferred.map((request) => request.window.id)).toEqual([1]);
    expect(deferred.issues).toBeGreaterThan(0);
    const searched = Object.keys(sandbox.jira.metering.snapshot().byOperation).filter((operation) => operation.includes('/search/jql'));
    expect(searched).toEqual([]);
  });

  it('is read by the background job into the cache; the next view reuses it, filtered per viewer', async () => {
    const deferred = (await asViewer(sandbox, DEVON, (handler) => readSprintFactsOrDefer(handler, [requestFor(sprint1)], 0))) as DeferredFacts;
    const started = await startJob(SPRINT_FACTS_JOB, 'board-1-time', slicesOf(deferred));
    expect(await jobProgress(SPRINT_FACTS_JOB, 'board-1-time')).toMatchObject({ jobId: started.jobId, done: 0, total: 1 });
    await sandbox.runtime.drain();
    expect(await jobProgress(SPRINT_FACTS_JOB, 'board-1-time')).toMatchObject({ done: 1, total: 1, failed: 0, finishedAt: expect.any(String) as string });

    // Now within any limit: the cache answers, and nothing is deferred.
    const again = await asViewer(sandbox, DEVON, (handler) => readSprintFactsOrDefer(handler, [requestFor(sprint1)], 0));
    expect('answers' in again).toBe(true);
    const [devonView] = await asViewer(sandbox, DEVON, (handler) => readSprintFactsMany(handler, [requestFor(sprint1)]));
    expect(devonView?.fromCache).toBe(true);
    expect(devonView?.facts.planned.map((issue) => issue.key).sort()).toEqual(['OPS-1', 'SHOP-1', 'SHOP-2', 'SHOP-3', 'SHOP-5']);
    expect(devonView?.facts.unplanned.map((issue) => issue.key)).toEqual(['OPS-2']);
    // Rita cannot browse OPS: the job read as the app, and she still sees no OPS issue.
    const [ritaView] = await asViewer(sandbox, RITA, (handler) => readSprintFactsMany(handler, [requestFor(sprint1)]));
    expect(ritaView?.fromCache).toBe(true);
    expect([...(ritaView?.facts.planned ?? []), ...(ritaView?.facts.unplanned ?? [])].some((issue) => issue.projectKey === 'OPS')).toBe(false);
  });

  it('runs one job for two views at once, and a slice delivered after the cache is warm reads nothing', async () => {
    const deferred = (await asViewer(sandbox, DEVON, (handler) => readSprintFactsOrDefer(handler, [requestFor(sprint1)], 0))) as DeferredFacts;
    const [first, second] = await Promise.all([startJob(SPRINT_FACTS_JOB, 'board-1-time', slicesOf(deferred)), startJob(SPRINT_FACTS_JOB, 'board-1-time', slicesOf(deferred))]);
    expect(first.jobId).toBe(second.jobId);
    await sandbox.runtime.drain();

    sandbox.jira.metering.reset();
    await startJob(SPRINT_FACTS_JOB, 'board-1-time', slicesOf(deferred));
    await sandbox.runtime.drain();
    const searched = Object.keys(sandbox.jira.metering.snapshot().byOperation).filter((operation) => operation.includes('/search/jql'));
    expect(searched).toEqual([]);
  });
});
