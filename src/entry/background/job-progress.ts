import type { BackgroundJob, SliceFailure } from '../../storage/background-job.store';

/** What a reader of a job sees. */
export interface JobProgress {
  readonly jobId: string;
  /** Slices finished, successfully or not, of `total`. */
  readonly done: number;
  readonly total: number;
  /** Slices that failed for good (included in `done`), with why. */
  readonly failed: number;
  readonly failures: readonly SliceFailure[];
  readonly startedAt: string;
  /** When the last slice was recorded; `null` while slices are outstanding. */
  readonly finishedAt: string | null;
}

/**
 * How long a run counts as running. Forge keeps an undelivered event for its 24-hour retention
 * window, so a run older than that whose slices are still unrecorded will not get them: a new start
 * may replace it.
 * @see https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api/ (retention window)
 */
export const RUN_LIFETIME_MS = 24 * 60 * 60 * 1000;

export const progressOf = (job: BackgroundJob): JobProgress => ({
  jobId: job.jobId,
  done: job.done.length + job.failed.length,
  total: job.total,
  failed: job.failed.length,
  failures: job.failed,
  startedAt: job.startedAt,
  finishedAt: job.finishedAt,
});

/** Whether a stored run still holds its key: unfinished and young enough for its events to come. */
export const isRunning = (job: BackgroundJob, now: Date): boolean => job.finishedAt === null && now.getTime() - Date.parse(job.startedAt) < RUN_LIFETIME_MS;

/**
 * The job with one slice's outcome recorded, or `undefined` when there is nothing to change: the
 * run was replaced, the index is not one of its slices, or the slice was recorded already (a
 * redelivered event, a retry after a lost answer). The first outcome of a slice stands.
 */
export const recordSlice = (job: BackgroundJob, jobId: string, index: number, outcome: { readonly ok: true } | { readonly ok: false; readonly reason: string }, now: Date): BackgroundJob | undefined => {
  if (job.jobId !== jobId || !Number.isInteger(index) || index < 0 || index >= job.total) return undefined;
  if (job.done.includes(index) || job.failed.some((failure) => failure.index === index)) return undefined;
  const recorded: BackgroundJob = outcome.ok ? { ...job, done: [...job.done, index] } : { ...job, failed: [...job.failed, { index, reason: outcome.reason }] };
  const finished = recorded.done.length + recorded.failed.length === recorded.total;
  return finished ? { ...recorded, finishedAt: now.toISOString() } : recorded;
};

/** The job with the slices that never reached the queue recorded as failed, and the pushes' ids. */
export const recordQueued = (job: BackgroundJob, jobId: string, forgeJobIds: readonly string[], notQueued: readonly SliceFailure[], now: Date): BackgroundJob | undefined => {
  if (job.jobId !== jobId) return undefined;
  let next: BackgroundJob = { ...job, forgeJobIds: [...job.forgeJobIds, ...forgeJobIds.filter((id) => !job.forgeJobIds.includes(id))] };
  for (const failure of notQueued) next = recordSlice(next, jobId, failure.index, { ok: false, reason: failure.reason }, now) ?? next;
  return next;
};
