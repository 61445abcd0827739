/**
 * Forge's async events as the app meets them: Atlassian's real `@forge/events` `Queue` pushes,
 * reads job stats and cancels through the runtime, and each event reaches the consumer module's
 * function later, on its own, with the platform's limits and retries.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { __requestAtlassianAsApp } from '@forge/api';
import { InvalidPushSettingsError, InvocationLimitReachedError, JobDoesNotExistError, PayloadTooBigError, Queue, RateLimitError, TooManyEventsError } from '@forge/events';
import { beforeEach, describe, expect, it } from 'vitest';

import { JiraEmulator, loadScenarioFile, MINIMAL_SCENARIO_PATH } from '../jira';
import { CYCLIC_INVOCATION_LIMIT, MAX_EVENTS_PER_MINUTE } from './async-events';
import { KvsEmulator } from './kvs';
import { AppManifest } from './manifest';
import { ForgeRuntimeEmulator } from './runtime';

const FIXTURE_APP = join(dirname(fileURLToPath(import.meta.url)), 'testing', 'fixture-app');

const manifest = new AppManifest({
  modules: {
    consumer: [
      { key: 'work-consumer', queue: 'work', function: 'consume' },
      { key: 'slow-consumer', queue: 'slow-work', function: 'consume-slowly' },
    ],
    function: [
      { key: 'consume', handler: 'handlers.consumeEvent' },
      { key: 'consume-slowly', handler: 'handlers.consumeSlowly', timeoutSeconds: 60 },
    ],
  },
  resources: [],
  permissions: { scopes: ['storage:app'] },
  app: { id: 'ari:cloud:ecosystem::app/async-events-test' },
});

let kvs: KvsEmulator;
let runtime: ForgeRuntimeEmulator;

/** A site whose platform runs `scale` ms per second of Forge time (1 ms by default: 900 s → 0.9 s, 55 s → 55 ms). */
const start = async (scale = 0.001): Promise<void> => {
  const jira = JiraEmulator.fromScenario(await loadScenarioFile(MINIMAL_SCENARIO_PATH));
  kvs = new KvsEmulator();
  runtime = new ForgeRuntimeEmulator({ appRoot: FIXTURE_APP, manifest, jira, kvs, cloudId: 'test-cloud', siteUrl: 'http://localhost', asyncTimeScale: scale });
  runtime.install();
};

beforeEach(async () => {
  await start();
});

const work = new Queue({ key: 'work' });

const attempts = (eventId: string): Array<{ body?: unknown; retryContext: Record<string, unknown> | null }> => {
  const keys = kvs.dump().keys;
  const count = (keys[`attempts:${eventId}`] as number | undefined) ?? 0;
  return Array.from({ length: count }, (_, index) => keys[`consumer:${eventId}:${String(index + 1)}`] as { retryContext: Record<string, unknown> | null });
};

const eventIdsOf = (jobId: string): string[] => runtime.asyncEvents.pushedEvents().filter((event) => event.jobId === jobId).map((event) => event.eventId);

const rawPush = async (payload: unknown[]): Promise<number> => {
  const response = await __requestAtlassianAsApp('/webhook/queue/publish/{contextAri}/{environmentId}/{appId}/{appVersion}', {
    method: 'POST',
    body: JSON.stringify({ queueName: 'work', jobId: crypto.randomUUID(), type: 'avi:forge:app:event', schema: 'ari:cloud:ecosystem::forge/app-event-2', payload, time: new Date().toISOString() }),
    headers: { 'content-type': 'application/json' },
  });
  return response.status;
};

describe('push and delivery', () => {
  it('hands each pushed event to the consumer function later, with the AsyncEvent shape, and counts the job', async () => {
    const { jobId } = await work.push([{ body: { mode: 'ok', label: 'a' } }, { body: { mode: 'ok', label: 'b' } }]);

    // Nothing runs inside the push: the events wait for the platform.
    expect(await work.getJob(jobId).getStats()).toEqual({ success: 0, inProgress: 2, failed: 0 });
    await runtime.drain();

    expect(await work.getJob(jobId).getStats()).toEqual({ success: 2, inProgress: 0, failed: 0 });
    const seen = eventIdsOf(jobId).flatMap(attempts);
    expect(seen).toHaveLength(2);
    expect(seen.map((attempt) => attempt.body)).toEqual(expect.arrayContaining([{ mode: 'ok', label: 'a' }, { mode: 'ok', label: 'b' }]));
    expect(seen[0]).toMatchObject({ queueName: 'work', jobId, retryContext: null });
  });

  it('waits delayInSeconds before delivering', async () => {
    const { jobId } = await work.push({ body: { mode: 'ok' }, delayInSeconds: 200 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await work.getStats(jobId)).toEqual({ success: 0, inProgress: 1, failed: 0 });
    await runtime.drain();
    expect(await work.getStats(jobId)).toEqual({ success: 1, inProgress: 0, failed: 0 });
  });

  it('answers getStats and cancel for an unknown job with JobDoesNotExistError', async () => {
    await expect(work.getJob('no-such-job').getStats()).rejects.toBeInstanceOf(JobDoesNotExistError);
    await expect(work.cancel('no-such-job')).rejects.toBeInstanceOf(JobDoesNotExistError);
  });

  it('never delivers the events of a cancelled job that had not started', async () => {
    const { jobId } = await work.push([{ body: { mode: 'ok' }, delayInSeconds: 100 }, { body: { mode: 'ok' }, delayInSeconds: 100 }]);
    await work.cancel(jobId);
    await runtime.drain();

    expect(eventIdsOf(jobId).flatMap(attempts)).toEqual([]);
    expect(await work.getStats(jobId)).toEqual({ success: 0, inProgress: 0, failed: 2 });
  });

  it('redelivers an event on demand, as Forge may (at least once), with the same event id and no retry context', async () => {
    const { jobId } = await work.push({ body: { mode: 'ok' } });
    await runtime.drain();
    const [eventId] = eventIdsOf(jobId);
    runtime.asyncEvents.redeliver(eventId ?? '');
    await runtime.drain();

    expect(attempts(eventId ?? '').map((attempt) => attempt.retryContext)).toEqual([null, null]);
    expect(await work.getStats(jobId)).toEqual({ success: 1, inProgress: 0, failed: 0 });
  });

  it('runs at most `concurrency.limit` events of one key at once', async () => {
    await work.push(Array.from({ length: 6 }, () => ({ body: { mode: 'hold', holdMs: 15 }, concurrency: { key: 'jira-reads', limit: 2 } })));
    await runtime.drain();

    const spans = Object.entries(kvs.dump().keys)
      .filter(([key]) => key.startsWith('held:'))
      .map(([, value]) => value as { startedAt: number; endedAt: number });
    const overlapping = spans.map((span) => spans.filter((other) => other.startedAt <= span.startedAt && span.startedAt < other.endedAt).length);
    expect(spans).toHaveLength(6);
    expect(Math.max(...overlapping)).toBe(2);
  });
});

describe('the limits Forge enforces on a push', () => {
  it('refuses more than 50 events, over 200 KB, a delay outside 0–900 s: in the package and again on the platform', async () => {
    const many = Array.from({ length: 51 }, () => ({ body: { mode: 'ok' } }));
    await expect(work.push(many)).rejects.toBeInstanceOf(TooManyEventsError);
    await expect(work.push({ body: { mode: 'ok', label: 'x'.repeat(201 * 1024) } })).rejects.toBeInstanceOf(PayloadTooBigError);
    await expect(work.push({ body: { mode: 'ok' }, delayInSeconds: 901 })).rejects.toBeInstanceOf(InvalidPushSettingsError);

    // The same requests sent past the package's own checks.
    expect(await rawPush(many)).toBe(400);
    expect(await rawPush([{ body: { mode: 'ok', label: 'x'.repeat(201 * 1024) } }])).toBe(413);
    expect(await rawPush([{ body: { mode: 'ok' }, delayInSeconds: 901 }])).toBe(400);
    expect(await rawPush([{ body: 'not an object' }])).toBe(400);
    expect(runtime.asyncEvents.pushedEvents()).toEqual([]);
  });

  it('refuses an event over 100 KB for a consumer whose timeout is over 55 s', async () => {
    await expect(new Queue({ key: 'slow-work' }).push({ body: { label: 'x'.repeat(101 * 1024) } })).rejects.toBeInstanceOf(PayloadTooBigError);
  });

  it('answers RateLimitError past 500 events a minute for the installation', async () => {
    await start(1);
    const batch = Array.from({ length: 50 }, () => ({ body: { mode: 'ok' }, delayInSeconds: 900 }));
    for (let pushed = 0; pushed < MAX_EVENTS_PER_MINUTE; pushed += 50) await work.push(batch);

    await expect(work.push({ body: { mode: 'ok' } })).rejects.toBeInstanceOf(RateLimitError);
  });

  it(`stops a chain of pushes at ${String(CYCLIC_INVOCATION_LIMIT)} push requests from one invocation`, { timeout: 30_000 }, async () => {
    await start(0.00001);
    await work.push({ body: { mode: 'chain', hops: 0 } });
    await runtime.drain();

    expect(kvs.dump().keys['chain:stopped']).toEqual({ hops: CYCLIC_INVOCATION_LIMIT - 1, error: InvocationLimitReachedError.name });
  });
});

describe('retries', () => {
  it('retries a returned InvocationError after its retryAfter (at most 900 s), passing retryCount, reason, data and the retention window', async () => {
    const { jobId } = await work.push({ body: { mode: 'retry-once' } });
    await runtime.drain();
    const [eventId] = eventIdsOf(jobId);

    const [first, second] = attempts(eventId ?? '');
    expect(first?.retryContext).toBeNull();
    expect(second?.retryContext).toMatchObject({ retryCount: 1, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryData: { page: 2 }, retentionWindow: { startTime: expect.any(String) as string } });
    expect(runtime.asyncEvents.deliveries.map(({ outcome, retryAfterSeconds }) => [outcome, retryAfterSeconds])).toEqual([
      ['retry-requested', 900],
      ['ok', undefined],
    ]);
    expect(await work.getStats(jobId)).toEqual({ success: 1, inProgress: 0, failed: 0 });
  });

  it('retries a thrown error with growing backoff until the consumer succeeds', async () => {
    const { jobId } = await work.push({ body: { mode: 'throw-twice' } });
    await runtime.drain();

    expect(runtime.asyncEvents.deliveries.map(({ outcome, retryCount, retryAfterSeconds }) => [outcome, retryCount, retryAfterSeconds])).toEqual([
      ['error', 0, 30],
      ['error', 1, 60],
      ['ok', 2, undefined],
    ]);
    expect(await work.getStats(jobId)).toEqual({ success: 1, inProgress: 0, failed: 0 });
  });

  it('stops a consumer at its own timeoutSeconds and retries the event with FUNCTION_TIME_OUT', async () => {
    const slow = new Queue({ key: 'slow-work' });
    const { jobId } = await slow.push({ body: { holdMs: 300 } });
    await runtime.drain();

    expect(runtime.asyncEvents.deliveries.map(({ outcome, retryReason }) => [outcome, retryReason])).toEqual([
      ['timed-out', 'FUNCTION_TIME_OUT'],
      ['ok', undefined],
    ]);
    expect(await slow.getStats(jobId)).toEqual({ success: 1, inProgress: 0, failed: 0 });
  });

  it('drops an event that still fails when its 24-hour retention window ends, and counts it failed', { timeout: 20_000 }, async () => {
    await start(0.00001);
    const { jobId } = await work.push({ body: { mode: 'always-throw' } });
    await runtime.drain();

    const outcomes = runtime.asyncEvents.deliveries.map((delivery) => delivery.outcome);
    expect(outcomes.at(-1)).toBe('dropped');
    // Backoff doubles from 30 s to 15 min, then stays: about a hundred attempts fit in 24 hours (fewer in test time, where each attempt's own run counts).
    expect(outcomes.filter((outcome) => outcome === 'error').length).toBeGreaterThan(40);
    expect(await work.getStats(jobId)).toEqual({ success: 0, inProgress: 0, failed: 1 });
  });
});

describe('waiting for delivery', () => {
  // The platform's timers do not keep a process alive (a test may end with retries scheduled), but a
  // caller that awaits drain() wants the delivery: `npm start` plays the demo story before its server
  // listens, and Node would otherwise exit mid-story ("unsettled top-level await").
  it('keeps a process that has nothing else to do alive until the events are handled', async () => {
    const resultFile = join(await mkdtemp(join(tmpdir(), 'drain-alone-')), 'result');
    const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
    const child = spawn(join(appRoot, 'node_modules', '.bin', 'tsx'), [join(dirname(fileURLToPath(import.meta.url)), 'testing', 'drain-alone.ts'), resultFile], { cwd: appRoot, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(await readFile(resultFile, 'utf8').catch(() => 'no result: the process ended before drain() did')).toBe('drained');
  }, 60_000);
});
