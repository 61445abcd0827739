import { Queue } from '@forge/events';

import { readBackgroundJob, saveBackgroundJob, type BackgroundJob, type SliceFailure } from '../../storage/background-job.store';
import { jobKindOf } from './job-registry';
import { isRunning, progressOf, recordQueued, type JobProgress } from './job-progress';
import './job-kinds';

/**
 * Background jobs over Forge's async events: a job is N slices, each pushed as one event to the
 * `background-jobs` queue, whose consumer (`runBackgroundSlice`) runs the slice and records its
 * outcome in the job's record. Work that would not fit in a 25 s resolver (5,000-issue sprints)
 * runs as slices of 55 s consumers, and a view reads `jobProgress` to show how far it got.
 * @see https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api/
 */
export const BACKGROUND_QUEUE = 'background-jobs';

/**
 * Limits of a start, from Forge's: 500 events a minute per installation, 50 per push, 200 KB per
 * push and 100 KB per event for a consumer allowed over 55 s. Slices are small descriptions of work
 * (a sprint id and a page), never data.
 * @see https://developer.atlassian.com/platform/forge/limits-async-events/
 */
export const MAX_SLICES = 500;
export const MAX_SLICE_BYTES = 3 * 1024;
const EVENTS_PER_PUSH = 50;
const DEFAULT_CONCURRENCY = 2;

export interface StartedJob {
  readonly jobId: string;
  /** True when a run for this kind and key was going already: its id is returned and nothing new starts. */
  readonly alreadyRunning: boolean;
}

/** What travels in each event's body. */
export interface SliceEventBody extends Record<string, unknown> {
  readonly jobId: string;
  readonly kind: string;
  readonly key: string;
  readonly index: number;
  readonly slice: unknown;
}

/**
 * Starts `slices` of job `kind` for `key` in the background, unless a run for them is going: then
 * that run's id comes back with `alreadyRunning`. Two starts at once (a double click, two viewers)
 * start one run: the record is written compare-and-swap before anything is pushed. Slices that
 * cannot be queued (Forge's per-minute limit reached) are recorded as failed, so the job still ends
 * and says what is missing.
 */
export const startJob = async (kind: string, key: string, slices: readonly unknown[], now = new Date()): Promise<StartedJob> => {
  const definition = jobKindOf(kind);
  if (definition === undefined) throw new Error(`No background job kind "${kind}" is registered.`);
  if (slices.length === 0 || slices.length > MAX_SLICES) throw new Error(`A background job has 1 to ${String(MAX_SLICES)} slices (got ${String(slices.length)}).`);
  for (const slice of slices) {
    definition.slice.parse(slice);
    if (Buffer.byteLength(JSON.stringify(slice)) > MAX_SLICE_BYTES) throw new Error(`A slice of "${kind}" is over ${String(MAX_SLICE_BYTES)} bytes: slices describe work, they do not carry data.`);
  }

  const stored = await readBackgroundJob(kind, key);
  if (stored !== undefined && isRunning(stored.job, now)) return { jobId: stored.job.jobId, alreadyRunning: true };
  const job: BackgroundJob = { jobId: globalThis.crypto.randomUUID(), kind, key, total: slices.length, done: [], failed: [], startedAt: now.toISOString(), finishedAt: null, forgeJobIds: [] };
  if ((await saveBackgroundJob(job, stored?.version ?? 0, now)) === 'conflict') {
    const winner = await readBackgroundJob(kind, key);
    if (winner !== undefined) return { jobId: winner.job.jobId, alreadyRunning: true };
    throw new Error(`The background job ${kind}:${key} changed while it was being started; try again.`);
  }

  const queue = new Queue({ key: BACKGROUND_QUEUE });
  const concurrency = { key: `background-job-${kind}`, limit: definition.concurrency ?? DEFAULT_CONCURRENCY };
  const forgeJobIds: string[] = [];
  const notQueued: SliceFailure[] = [];
  for (let first = 0; first < slices.length; first += EVENTS_PER_PUSH) {
    const batch = slices.slice(first, first + EVENTS_PER_PUSH).map((slice, offset) => ({ body: { jobId: job.jobId, kind, key, index: first + offset, slice } satisfies SliceEventBody, concurrency }));
    if (notQueued.length > 0) {
      notQueued.push(...batch.map(({ body }) => ({ index: body.index, reason: 'Not queued: an earlier part of this job could not be queued.' })));
      continue;
    }
    try {
      forgeJobIds.push((await queue.push(batch)).jobId);
    } catch (error) {
      const reason = `Not queued: ${error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error)}`;
      notQueued.push(...batch.map(({ body }) => ({ index: body.index, reason })));
    }
  }
  await updateJob(kind, key, (current) => recordQueued(current, job.jobId, forgeJobIds, notQueued, new Date()));
  return { jobId: job.jobId, alreadyRunning: false };
};

/** How far the latest run of `kind` for `key` got, or `null` when none was ever started. */
export const jobProgress = async (kind: string, key: string): Promise<JobProgress | null> => {
  const stored = await readBackgroundJob(kind, key);
  return stored === undefined ? null : progressOf(stored.job);
};

const MAX_SAVE_ATTEMPTS = 25;

/**
 * Applies `change` to the stored job, compare-and-swap, again on a conflict (slices of one job
 * finish at the same moment). `change` answers `undefined` when there is nothing to write.
 */
export const updateJob = async (kind: string, key: string, change: (job: BackgroundJob) => BackgroundJob | undefined): Promise<void> => {
  for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt += 1) {
    const stored = await readBackgroundJob(kind, key);
    if (stored === undefined) return;
    const next = change(stored.job);
    if (next === undefined) return;
    if ((await saveBackgroundJob(next, stored.version, new Date())) === 'saved') return;
    // Spread the writers of one job apart before reading again.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (attempt + 1)));
  }
  throw new Error(`The background job ${kind}:${key} kept changing while a slice was recorded.`);
};
