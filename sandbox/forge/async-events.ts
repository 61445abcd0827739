import { randomUUID } from 'node:crypto';

import { z } from 'zod';

import type { AppManifest } from './manifest';
import type { ProductAnswer } from './runtime';

/**
 * Forge's async events (the `@forge/events` `Queue`) as the platform serves them. The app's own
 * code uses Atlassian's package unchanged: `queue.push`, `getJob(id).getStats()` and `cancel` POST
 * to `/webhook/queue/{publish|stats|cancel}/{contextAri}/{environmentId}/{appId}/{appVersion}`
 * through `@forge/api`'s `__requestAtlassianAsApp` (node_modules/@forge/events/out/queries.js,
 * queue.js, jobProgress.js); the runtime routes those requests here. Each pushed event is then
 * handed, later and on its own, to the function of the `consumer` module that names its queue.
 *
 * What the platform enforces is enforced here too, server-side, whatever the client checked:
 * @see https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api/
 * @see https://developer.atlassian.com/platform/forge/limits-async-events/
 * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/consumer/
 * @see https://developer.atlassian.com/platform/forge/limits-invocation/ (consumer runtime: 55 s default, `timeoutSeconds` up to 900)
 */

/** "Event per request: 50". */
export const MAX_EVENTS_PER_PUSH = 50;
/** "Event per minute: 500", per installation. */
export const MAX_EVENTS_PER_MINUTE = 500;
/** "Payload size: 200 KB. Maximum combined payload size of events in single request." Measured as @forge/events does: JSON bytes / 1024. */
export const MAX_PUSH_PAYLOAD_KB = 200;
/** "Payload size for long running functions: 100 KB. Maximum size of an individual event" (consumer timeout over 55 s). */
export const MAX_LONG_RUNNING_EVENT_KB = 100;
/** "The events processing can be delayed up to 15 minutes using the delayInSeconds setting." */
export const MAX_DELAY_SECONDS = 900;
/** "Cyclic invocation limit: 1000" push requests from one initial invocation, its consumers' pushes included. */
export const CYCLIC_INVOCATION_LIMIT = 1000;
/** Consumers "time out after 55 seconds" by default; `timeoutSeconds` "Valid range: 1 and 900 seconds". */
export const DEFAULT_CONSUMER_TIMEOUT_SECONDS = 55;
export const MAX_CONSUMER_TIMEOUT_SECONDS = 900;
/** `retryAfter`: "The maximum retryAfter value is 900 seconds … values exceeding this limit are lowered to 900 seconds." */
export const MAX_RETRY_AFTER_SECONDS = 900;
/** "Retry data size: 4 KB." */
export const MAX_RETRY_DATA_BYTES = 4096;
/** "It begins when the Async Event is successfully enqueued and lasts for 24 hours." */
export const RETENTION_WINDOW_SECONDS = 24 * 60 * 60;
/**
 * App-level errors (a thrown error, a time-out) are "automatically retried within the retention
 * window … Retries use exponential backoff, with intervals reaching up to approximately 15 minutes".
 * The first interval is not published; the sandbox starts at 30 s and doubles up to 900 s.
 */
export const FIRST_BACKOFF_SECONDS = 30;
/**
 * An event whose `concurrency` key has no free slot is not invoked: the platform tries it again
 * later. Atlassian staff: "when Async Events cannot be delivered … we retry with an exponential
 * backoff … rate limiting due to configured concurrency is one of the scenarios" and "The maximum
 * delay in-between the retries is 15 minutes". The first delay is not published: the sandbox
 * starts at 1 s and doubles. These waits do not count in `retryCount` (not an invocation).
 * @see https://community.developer.atlassian.com/t/async-events-concurrency/93837
 */
const FIRST_CONCURRENCY_WAIT_SECONDS = 1;

const QUEUE_NAME = /^[a-zA-Z0-9-_]+$/;

const pushEventSchema = z.object({
  body: z.record(z.string(), z.unknown()),
  delayInSeconds: z.number().optional(),
  concurrency: z.object({ key: z.string().min(1), limit: z.number().int().min(1) }).optional(),
});
const pushRequestSchema = z.object({
  queueName: z.string(),
  jobId: z.string().min(1),
  type: z.string(),
  schema: z.string(),
  payload: z.array(z.unknown()),
  time: z.string(),
});
const jobRequestSchema = z.object({ queueName: z.string(), jobId: z.string().min(1), time: z.string() });

type PushEvent = z.infer<typeof pushEventSchema>;

/** One attempt at handing an async event to its consumer, for tests and the sandbox's log. */
export interface AsyncEventDelivery {
  readonly queueName: string;
  readonly jobId: string;
  readonly eventId: string;
  readonly outcome: 'ok' | 'retry-requested' | 'error' | 'timed-out' | 'dropped' | 'cancelled' | 'no-consumer';
  readonly retryCount: number;
  readonly redelivery?: true;
  readonly retryAfterSeconds?: number;
  readonly retryReason?: string;
  readonly error?: string;
}

/** What the consumer function answered, as the runtime saw it. */
export type ConsumerOutcome =
  | { readonly kind: 'returned'; readonly value: unknown }
  | { readonly kind: 'threw'; readonly message: string }
  | { readonly kind: 'timed-out'; readonly message: string };

export interface AsyncEventsHooks {
  /** Runs the consumer function as one invocation of `moduleKey` with the given limit, in the push's invocation chain. */
  readonly invokeConsumer: (call: { moduleKey: string; functionKey: string; event: unknown; timeoutMs: number; chainId: string }) => Promise<ConsumerOutcome>;
  /** Lets `drain()` wait for this work. */
  readonly track: (work: Promise<void>) => void;
  readonly log: (line: string) => void;
}

interface QueuedEvent {
  readonly eventId: string;
  readonly queueName: string;
  readonly jobId: string;
  readonly push: PushEvent;
  readonly chainId: string;
  readonly enqueuedAt: number;
  /** How many times the event found its concurrency key full. */
  concurrencyWaits: number;
  state: 'waiting' | 'running' | 'succeeded' | 'failed' | 'cancelled';
}

interface Job {
  readonly queueName: string;
  readonly events: QueuedEvent[];
  cancelled: boolean;
}

export class AsyncEventsEmulator {
  private readonly jobs = new Map<string, Job>();
  private readonly events = new Map<string, QueuedEvent>();
  private readonly pushesPerChain = new Map<string, number>();
  private readonly running = new Map<string, number>();
  /** Times (ms) of the events accepted lately, for the per-minute limit. */
  private accepted: number[] = [];
  readonly deliveries: AsyncEventDelivery[] = [];

  constructor(
    private readonly manifest: AppManifest,
    private readonly hooks: AsyncEventsHooks,
    /**
     * Multiplies every platform duration (delays, retryAfter, backoff, consumer time limits, the
     * retention window and the per-minute window) so tests run Forge's schedule in test time.
     */
    private readonly timeScale = 1,
  ) {}

  /** Answers one `/webhook/queue/...` request made as the app from invocation chain `chainId`. */
  handle(path: string, body: string | undefined, chainId: string): ProductAnswer {
    const match = /^\/webhook\/queue\/(publish|stats|cancel)\/\{contextAri\}\/\{environmentId\}\/\{appId\}\/\{appVersion\}$/.exec(path);
    if (match === null) return json(404, { message: `No such queue endpoint: ${path}` });
    let parsed: unknown;
    try {
      parsed = JSON.parse(body ?? '');
    } catch {
      return json(400, { message: 'The request body is not JSON.' });
    }
    if (match[1] === 'publish') return this.publish(parsed, chainId);
    const request = jobRequestSchema.safeParse(parsed);
    if (!request.success || !QUEUE_NAME.test(request.data.queueName)) return json(400, { message: 'A queueName and a jobId are required.' });
    const job = this.jobs.get(request.data.jobId);
    if (job?.queueName !== request.data.queueName) return json(404, { message: `The job ${request.data.jobId} was not found for the queue ${request.data.queueName}.` });
    if (match[1] === 'stats') return json(200, statsOf(job));
    // "any events from that job that have not yet started processing, including retries, will not be processed".
    job.cancelled = true;
    return { status: 204, headers: {}, body: '' };
  }

  /** Stats of a job, as `getStats()` reads them (for tests that look without the app). */
  stats(jobId: string): { success: number; inProgress: number; failed: number } | undefined {
    const job = this.jobs.get(jobId);
    return job === undefined ? undefined : statsOf(job);
  }

  /**
   * Hands an event its consumer already had to it once more, unchanged and without a retry context:
   * Forge delivers "at least once", so a consumer must bear a duplicate.
   */
  redeliver(eventId: string): void {
    const event = this.events.get(eventId);
    if (event === undefined) throw new Error(`No async event ${eventId} was pushed.`);
    this.hooks.track(this.attempt(event, undefined, true));
  }

  /** Every event pushed so far, oldest first (tests pick one to redeliver). */
  pushedEvents(): ReadonlyArray<{ readonly eventId: string; readonly jobId: string; readonly body: Readonly<Record<string, unknown>>; readonly state: QueuedEvent['state'] }> {
    return [...this.events.values()].map((event) => ({ eventId: event.eventId, jobId: event.jobId, body: event.push.body, state: event.state }));
  }

  private publish(parsed: unknown, chainId: string): ProductAnswer {
    const request = pushRequestSchema.safeParse(parsed);
    if (!request.success) return json(400, { message: 'Not a push request.' });
    const { queueName, jobId, payload } = request.data;
    if (!QUEUE_NAME.test(queueName)) return json(400, { message: 'Queue names can only contain alphanumeric characters, dashes and underscores.' });
    if (payload.length === 0) return json(400, { message: 'No events pushed.' });
    if (payload.length > MAX_EVENTS_PER_PUSH) return json(400, { message: `This push contains more than the ${String(MAX_EVENTS_PER_PUSH)} events allowed.` });
    const events: PushEvent[] = [];
    for (const candidate of payload) {
      const event = pushEventSchema.safeParse(candidate);
      if (!event.success) return json(400, { message: 'Event body must be an object.' });
      const delay = event.data.delayInSeconds ?? 0;
      if (delay < 0 || delay > MAX_DELAY_SECONDS) return json(400, { message: 'The delayInSeconds setting must be between 0 and 900.' });
      events.push(event.data);
    }
    if (Buffer.byteLength(JSON.stringify(payload)) / 1024 > MAX_PUSH_PAYLOAD_KB) {
      return json(413, { errorMessage: `The maximum payload size is ${String(MAX_PUSH_PAYLOAD_KB)}KB.` });
    }
    const consumer = this.consumerOf(queueName);
    if (consumer !== undefined && consumer.timeoutSeconds > DEFAULT_CONSUMER_TIMEOUT_SECONDS) {
      const oversized = events.findIndex((event) => Buffer.byteLength(JSON.stringify(event)) / 1024 > MAX_LONG_RUNNING_EVENT_KB);
      if (oversized >= 0) return json(413, { errorMessage: `Event ${String(oversized)} is larger than the ${String(MAX_LONG_RUNNING_EVENT_KB)}KB allowed for a consumer with a timeout over ${String(DEFAULT_CONSUMER_TIMEOUT_SECONDS)} seconds.` });
    }
    const pushes = (this.pushesPerChain.get(chainId) ?? 0) + 1;
    if (pushes > CYCLIC_INVOCATION_LIMIT) return json(405, { message: 'The limit on cyclic invocation has been reached.' });
    const now = Date.now();
    this.accepted = this.accepted.filter((at) => now - at < 60_000 * this.timeScale);
    if (this.accepted.length + events.length > MAX_EVENTS_PER_MINUTE) return json(429, { message: 'Too many requests.' });
    if (this.jobs.has(jobId)) return json(400, { message: `The job ${jobId} exists already.` });

    this.pushesPerChain.set(chainId, pushes);
    for (let i = 0; i < events.length; i += 1) this.accepted.push(now);
    const job: Job = { queueName, events: [], cancelled: false };
    this.jobs.set(jobId, job);
    for (const push of events) {
      const event: QueuedEvent = { eventId: randomUUID(), queueName, jobId, push, chainId, enqueuedAt: now, concurrencyWaits: 0, state: 'waiting' };
      job.events.push(event);
      this.events.set(event.eventId, event);
      this.hooks.track(this.later((push.delayInSeconds ?? 0) * 1000, () => this.attempt(event, undefined, false)));
    }
    if (consumer === undefined) this.hooks.log(`Async events pushed to queue "${queueName}", which no consumer module in manifest.yml reads: they wait until their retention window ends.`);
    return json(201, {});
  }

  /** One delivery, and the retry Forge schedules after it. */
  private async attempt(event: QueuedEvent, retry: { retryCount: number; retryReason: string; retryData?: unknown } | undefined, redelivery: boolean): Promise<void> {
    const job = this.jobs.get(event.jobId);
    const base = { queueName: event.queueName, jobId: event.jobId, eventId: event.eventId, retryCount: retry?.retryCount ?? 0, ...(redelivery ? { redelivery: true as const } : {}) };
    if (job?.cancelled === true && !redelivery) {
      event.state = 'cancelled';
      this.deliveries.push({ ...base, outcome: 'cancelled' });
      return;
    }
    const elapsedMs = Date.now() - event.enqueuedAt;
    const retentionMs = RETENTION_WINDOW_SECONDS * 1000 * this.timeScale;
    if (elapsedMs > retentionMs) {
      // "If the retention window is exceeded due to app level errors, the Async Event is dropped."
      event.state = 'failed';
      this.deliveries.push({ ...base, outcome: 'dropped', error: 'The retention window of 24 hours ended before the event was delivered.' });
      return;
    }
    const consumer = this.consumerOf(event.queueName);
    if (consumer === undefined) {
      // Nothing reads the queue: the event stays undelivered (in progress) and the sandbox says so.
      this.deliveries.push({ ...base, outcome: 'no-consumer' });
      return;
    }
    const concurrency = event.push.concurrency;
    if (concurrency !== undefined && (this.running.get(concurrency.key) ?? 0) >= concurrency.limit) {
      // Not an invocation: the platform holds the event back and tries again later.
      const waitSeconds = Math.min(FIRST_CONCURRENCY_WAIT_SECONDS * 2 ** event.concurrencyWaits, MAX_RETRY_AFTER_SECONDS);
      event.concurrencyWaits += 1;
      this.hooks.track(this.later(waitSeconds * 1000, () => this.attempt(event, retry, redelivery)));
      return;
    }
    if (concurrency !== undefined) this.running.set(concurrency.key, (this.running.get(concurrency.key) ?? 0) + 1);
    if (!redelivery) event.state = 'running';
    const asyncEvent = {
      ...event.push,
      queueName: event.queueName,
      jobId: event.jobId,
      eventId: event.eventId,
      ...(retry === undefined
        ? {}
        : {
            retryContext: {
              ...retry,
              retentionWindow: { startTime: new Date(event.enqueuedAt).toISOString(), remainingTimeMs: Math.max(0, Math.round((retentionMs - elapsedMs) / this.timeScale)) },
            },
          }),
    };
    let outcome: ConsumerOutcome;
    try {
      outcome = await this.hooks.invokeConsumer({ moduleKey: consumer.moduleKey, functionKey: consumer.functionKey, event: asyncEvent, timeoutMs: consumer.timeoutSeconds * 1000 * this.timeScale, chainId: event.chainId });
    } finally {
      if (concurrency !== undefined) this.running.set(concurrency.key, (this.running.get(concurrency.key) ?? 1) - 1);
    }
    if (redelivery) {
      this.deliveries.push({ ...base, outcome: outcome.kind === 'returned' ? 'ok' : 'error' });
      return;
    }
    const next = this.retryAfter(outcome, base.retryCount);
    if (next === undefined) {
      event.state = 'succeeded';
      this.deliveries.push({ ...base, outcome: 'ok' });
      return;
    }
    this.deliveries.push({ ...base, ...next.delivery, retryAfterSeconds: next.retryAfterSeconds, retryReason: next.retry.retryReason });
    event.state = 'waiting';
    this.hooks.track(this.later(next.retryAfterSeconds * 1000, () => this.attempt(event, next.retry, false)));
  }

  /**
   * What comes after an attempt: nothing when the function returned anything but a retry request;
   * else the retry. A returned `InvocationError` (the plain object `{ _retry: true, retryOptions }`,
   * node_modules/@forge/events/out/invocationError.js) or a `QueueResponse` whose `retry()` was called
   * asks for one with its own delay; a thrown error or a time-out is an app-level error, retried with
   * backoff. Each of these counts in `retryCount` ("Platform-level errors do not increment this").
   */
  private retryAfter(
    outcome: ConsumerOutcome,
    retryCount: number,
  ): { retry: { retryCount: number; retryReason: string; retryData?: unknown }; retryAfterSeconds: number; delivery: Pick<AsyncEventDelivery, 'outcome' | 'error'> } | undefined {
    const backoff = Math.min(FIRST_BACKOFF_SECONDS * 2 ** retryCount, MAX_RETRY_AFTER_SECONDS);
    if (outcome.kind === 'threw') {
      return { retry: { retryCount: retryCount + 1, retryReason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR' }, retryAfterSeconds: backoff, delivery: { outcome: 'error', error: outcome.message } };
    }
    if (outcome.kind === 'timed-out') {
      return { retry: { retryCount: retryCount + 1, retryReason: 'FUNCTION_TIME_OUT' }, retryAfterSeconds: backoff, delivery: { outcome: 'timed-out', error: outcome.message } };
    }
    const candidate = outcome.value as { _retry?: unknown; retryOptions?: { retryAfter?: unknown; retryReason?: unknown; retryData?: unknown } } | null | undefined;
    if (candidate?._retry !== true) return undefined;
    const options = candidate.retryOptions ?? {};
    const retryData = options.retryData;
    // ECO-734: retryData that is not an object is not sent on retry.
    const sentData = retryData !== null && typeof retryData === 'object' && !Array.isArray(retryData) ? retryData : undefined;
    if (sentData !== undefined && Buffer.byteLength(JSON.stringify(sentData)) > MAX_RETRY_DATA_BYTES) {
      return {
        retry: { retryCount: retryCount + 1, retryReason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR' },
        retryAfterSeconds: backoff,
        delivery: { outcome: 'error', error: `retryData is larger than ${String(MAX_RETRY_DATA_BYTES)} bytes.` },
      };
    }
    const asked = typeof options.retryAfter === 'number' && Number.isFinite(options.retryAfter) ? options.retryAfter : 1;
    return {
      retry: {
        retryCount: retryCount + 1,
        retryReason: typeof options.retryReason === 'string' ? options.retryReason : 'FUNCTION_RETRY_REQUEST',
        ...(sentData === undefined ? {} : { retryData: sentData }),
      },
      retryAfterSeconds: Math.min(Math.max(asked, 1), MAX_RETRY_AFTER_SECONDS),
      delivery: { outcome: 'retry-requested' },
    };
  }

  /**
   * The consumer module reading a queue, its function, and that function's time limit: 55 s unless
   * `timeoutSeconds` says otherwise (1–900; "If this parameter is set for a function used by
   * multiple modules, the function timeout will be the lowest timeout value among all modules").
   * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/function/
   */
  private consumerOf(queueName: string): { moduleKey: string; functionKey: string; timeoutSeconds: number } | undefined {
    const module = (this.manifest.raw.modules['consumer'] ?? []).find((candidate) => candidate['queue'] === queueName);
    const functionKey = module?.['function'];
    if (module === undefined || typeof functionKey !== 'string') return undefined;
    const declared = (this.manifest.raw.modules['function'] ?? []).find((candidate) => candidate.key === functionKey)?.['timeoutSeconds'];
    if (declared !== undefined && (typeof declared !== 'number' || !Number.isInteger(declared) || declared < 1 || declared > MAX_CONSUMER_TIMEOUT_SECONDS)) {
      throw new Error(`manifest.yml: function "${functionKey}" has timeoutSeconds ${JSON.stringify(declared)}; Forge takes a whole number from 1 to ${String(MAX_CONSUMER_TIMEOUT_SECONDS)}.`);
    }
    return { moduleKey: module.key, functionKey, timeoutSeconds: typeof declared === 'number' ? declared : DEFAULT_CONSUMER_TIMEOUT_SECONDS };
  }

  /** Runs `work` after `delayMs` of platform time (scaled), plus a little jitter: Forge promises no order ("similar to an SQS without FiFo"). */
  private later(delayMs: number, work: () => Promise<void>): Promise<void> {
    // Unref'd: an event waiting for its time keeps nobody's process alive (`drain()` keeps the process alive while it waits).
    return new Promise<void>((resolve) => setTimeout(resolve, delayMs * this.timeScale + Math.random() * 2).unref()).then(work);
  }
}

const statsOf = (job: Job): { success: number; inProgress: number; failed: number } => ({
  success: job.events.filter((event) => event.state === 'succeeded').length,
  inProgress: job.events.filter((event) => event.state === 'waiting' || event.state === 'running').length,
  // Forge does not say where a cancelled event counts; the sandbox counts it as not delivered.
  failed: job.events.filter((event) => event.state === 'failed' || event.state === 'cancelled').length,
});

const json = (status: number, body: unknown): ProductAnswer => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
