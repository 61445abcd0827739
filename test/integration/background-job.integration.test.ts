/**
 * Background jobs through Forge's async events, as the platform runs them: `startJob` pushes one
 * event per slice with Atlassian's `@forge/events`, the sandbox hands each to the manifest's
 * consumer (`run-background-slice` → `index.runBackgroundSlice`) later and on its own, and the
 * progress a view would show is read back from app storage. A test-only job kind stands in for the
 * app's kinds: it records what each slice did in KVS, can be rate-limited by Jira once, or fail.
 */
import { Queue } from '@forge/events';
import { kvs } from '@forge/kvs';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { jobProgress, startJob } from '../../src/entry/background/background-jobs';
import { registerJobKind } from '../../src/entry/background/job-registry';
import { JiraError } from '../../src/jira/jira-error';
import { Sandbox } from '../../sandbox/sandbox';
import { delayStorage } from '../support/storage-latency';

const KIND = 'test-count';

registerJobKind({
  kind: KIND,
  slice: z.object({ n: z.number().int(), mode: z.enum(['ok', 'rate-limited-once', 'broken']) }),
  runSlice: async (slice, context) => {
    const runs = ((await kvs.get<number>(`test-runs:${context.jobId}:${String(context.index)}`)) ?? 0) + 1;
    await kvs.set(`test-runs:${context.jobId}:${String(context.index)}`, runs);
    if (slice.mode === 'rate-limited-once' && context.retryCount === 0) throw new JiraError('rate-limited', 'Read sprint issues', 429, ['Rate limit exceeded.'], 2);
    if (slice.mode === 'broken') throw new Error('Jira no longer has sprint 40.');
    // The slice's result, written under its own key: running it twice writes the same thing.
    await kvs.set(`test-result:${context.key}:${String(context.index)}`, slice.n * 10);
  },
});

let sandbox: Sandbox;

beforeEach(async () => {
  // 10 ms per second of Forge time: a 10 s retry waits 100 ms, the consumer's 120 s limit is 1.2 s.
  sandbox = await Sandbox.create({ scenario: 'minimal', asyncTimeScale: 0.01 });
});

const slices = (...modes: Array<'ok' | 'rate-limited-once' | 'broken'>) => modes.map((mode, n) => ({ n, mode }));

const runsOf = (jobId: string): number[] =>
  Object.entries(sandbox.kvs.dump().keys)
    .filter(([key]) => key.startsWith(`test-runs:${jobId}:`))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, value]) => value as number);

describe('a background job', () => {
  it('runs every slice through the consumer module, later, and records progress in app storage', async () => {
    const started = await startJob(KIND, 'board-1', slices('ok', 'ok', 'ok'));

    expect(started.alreadyRunning).toBe(false);
    expect(await jobProgress(KIND, 'board-1')).toMatchObject({ jobId: started.jobId, done: 0, total: 3, failed: 0, finishedAt: null });
    await sandbox.runtime.drain();

    const progress = await jobProgress(KIND, 'board-1');
    expect(progress).toMatchObject({ jobId: started.jobId, done: 3, total: 3, failed: 0, finishedAt: expect.any(String) as string });
    expect(Date.parse(progress?.finishedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(progress?.startedAt ?? ''));
    expect(sandbox.kvs.dump().keys).toMatchObject({ 'test-result:board-1:0': 0, 'test-result:board-1:1': 10, 'test-result:board-1:2': 20 });
    expect(sandbox.runtime.asyncEvents.deliveries.map((delivery) => [delivery.queueName, delivery.outcome])).toEqual([
      ['background-jobs', 'ok'],
      ['background-jobs', 'ok'],
      ['background-jobs', 'ok'],
    ]);
  });

  it('answers null for a job never started', async () => {
    expect(await jobProgress(KIND, 'board-never')).toBeNull();
  });

  it("has Forge retry a slice Jira rate-limited (429), after Jira's wait, and counts it once", async () => {
    const { jobId } = await startJob(KIND, 'board-2', slices('ok', 'rate-limited-once', 'ok'));
    await sandbox.runtime.drain();

    expect(await jobProgress(KIND, 'board-2')).toMatchObject({ done: 3, total: 3, failed: 0 });
    expect(runsOf(jobId)).toEqual([1, 2, 1]);
    const rateLimited = sandbox.runtime.asyncEvents.deliveries.filter((delivery) => delivery.outcome !== 'ok');
    expect(rateLimited).toEqual([expect.objectContaining({ outcome: 'retry-requested', retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryAfterSeconds: 10 })]);
  });

  it('does not count a redelivered slice again, nor run it again', async () => {
    const { jobId } = await startJob(KIND, 'board-3', slices('ok', 'ok'));
    await sandbox.runtime.drain();
    const before = await jobProgress(KIND, 'board-3');

    // Forge delivers at least once: every event of the job comes a second time.
    for (const event of sandbox.runtime.asyncEvents.pushedEvents()) sandbox.runtime.asyncEvents.redeliver(event.eventId);
    await sandbox.runtime.drain();

    expect(await jobProgress(KIND, 'board-3')).toEqual(before);
    expect(before).toMatchObject({ done: 2, total: 2 });
    expect(runsOf(jobId)).toEqual([1, 1]);
  });

  it('records a slice that fails for good, and still finishes the job, saying which slice and why', async () => {
    await startJob(KIND, 'board-4', slices('ok', 'broken'));
    await sandbox.runtime.drain();

    expect(await jobProgress(KIND, 'board-4')).toMatchObject({
      done: 2,
      total: 2,
      failed: 1,
      failures: [{ index: 1, reason: 'Jira no longer has sprint 40.' }],
      finishedAt: expect.any(String) as string,
    });
  });

  it('starts one run for two starts at once and for a start while it runs; a start after it finished runs again', async () => {
    const [first, second] = await Promise.all([startJob(KIND, 'board-5', slices('ok', 'ok')), startJob(KIND, 'board-5', slices('ok', 'ok'))]);
    const third = await startJob(KIND, 'board-5', slices('ok', 'ok'));

    expect([first.alreadyRunning, second.alreadyRunning].sort()).toEqual([false, true]);
    expect(second.jobId).toBe(first.jobId);
    expect(third).toEqual({ jobId: first.jobId, alreadyRunning: true });
    expect(sandbox.runtime.asyncEvents.pushedEvents()).toHaveLength(2);

    await sandbox.runtime.drain();
    const again = await startJob(KIND, 'board-5', slices('ok'));
    await sandbox.runtime.drain();

    expect(again.alreadyRunning).toBe(false);
    expect(again.jobId).not.toBe(first.jobId);
    expect(await jobProgress(KIND, 'board-5')).toMatchObject({ jobId: again.jobId, done: 1, total: 1 });
  });

  it('pushes at most 50 slices per push and refuses more slices than a minute of Forge events', async () => {
    await startJob(KIND, 'board-6', Array.from({ length: 120 }, (_, n) => ({ n, mode: 'ok' as const })));
    await sandbox.runtime.drain();

    expect(new Set(sandbox.runtime.asyncEvents.pushedEvents().map((event) => event.jobId)).size).toBe(3);
    expect(await jobProgress(KIND, 'board-6')).toMatchObject({ done: 120, total: 120, failed: 0 });
    await expect(startJob(KIND, 'board-7', Array.from({ length: 501 }, (_, n) => ({ n, mode: 'ok' as const })))).rejects.toThrow(/1 to 500 slices/);
  });

  it('counts every slice exactly once when storage answers in 20–80 ms and slices finish together', { timeout: 60_000 }, async () => {
    delayStorage(sandbox, { minMs: 20, maxMs: 80 });
    const { jobId } = await startJob(KIND, 'board-8', Array.from({ length: 8 }, (_, n) => ({ n, mode: 'ok' as const })));
    await sandbox.runtime.drain();

    expect(await jobProgress(KIND, 'board-8')).toMatchObject({ jobId, done: 8, total: 8, failed: 0, finishedAt: expect.any(String) as string });
    expect(runsOf(jobId)).toEqual(Array.from({ length: 8 }, () => 1));
  });

  it("records the slices Forge would not queue (500 events a minute) as failed, so the job still ends and says why", { timeout: 60_000 }, async () => {
    // Forge's own minute, so a slow machine cannot stretch the window past the two starts.
    sandbox = await Sandbox.create({ scenario: 'minimal', asyncTimeScale: 1 });
    const first = await startJob(KIND, 'board-9', Array.from({ length: 480 }, (_, n) => ({ n, mode: 'ok' as const })));
    const second = await startJob(KIND, 'board-10', Array.from({ length: 60 }, (_, n) => ({ n, mode: 'ok' as const })));

    const progress = await jobProgress(KIND, 'board-10');
    // Forge refuses a whole push that would pass 500 events in the minute (480 + 50), and the rest is not tried.
    expect(progress).toMatchObject({ jobId: second.jobId, done: 60, total: 60, failed: 60, finishedAt: expect.any(String) as string });
    expect(progress?.failures[0]?.reason).toMatch(/^Not queued: RateLimitError/);

    // Stop the first job's waiting events, so nothing runs on after this test.
    const pushes = new Set(sandbox.runtime.asyncEvents.pushedEvents().map((event) => event.jobId));
    for (const forgeJobId of pushes) await new Queue({ key: 'background-jobs' }).cancel(forgeJobId);
    await sandbox.runtime.drain();
    expect(await jobProgress(KIND, 'board-9')).toMatchObject({ jobId: first.jobId, finishedAt: null });
  });
});
