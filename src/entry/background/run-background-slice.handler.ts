import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';

import { readBackgroundJob } from '../../storage/background-job.store';
import { retryFor } from '../triggers/on-issue-event.handler';
import { updateJob } from './background-jobs';
import { jobKindOf } from './job-registry';
import { recordSlice } from './job-progress';
import './job-kinds';

/**
 * The async event Forge hands the consumer (`@forge/events` 2+: the event itself, no resolver).
 * @see https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api/
 */
const asyncEventSchema = z
  .object({
    body: z.object({ jobId: z.string(), kind: z.string(), key: z.string(), index: z.number().int(), slice: z.unknown() }),
    retryContext: z.object({ retryCount: z.number().int() }).loose().optional(),
  })
  .loose();

/**
 * Retries of one slice the app asks for before it records the slice as failed. Forge itself would
 * go on for the event's whole 24-hour retention window; a job that shows progress should end
 * instead, with the failure said.
 */
export const MAX_SLICE_RETRIES = 5;

/**
 * Consumer of the `background-jobs` queue: runs one slice of a background job and records it.
 * A slice already recorded (a redelivered event, a retry after a lost answer) or of a run that was
 * replaced is skipped. A rate limit or outage in Jira or storage is RETURNED as an `InvocationError`
 * so Forge delivers the slice again after the wait it needs (at most `MAX_SLICE_RETRIES` times); any
 * other failure is recorded against the slice, and the job goes on. Nothing is thrown for a
 * failure of the slice itself: Forge would retry a thrown error for up to a day.
 */
export const runBackgroundSlice = async (payload: unknown): Promise<InvocationError | undefined> => {
  const parsed = asyncEventSchema.safeParse(payload);
  if (!parsed.success) {
    console.error('Background slice: an event that is not a slice of a background job was ignored.');
    return undefined;
  }
  const { body } = parsed.data;
  const retryCount = parsed.data.retryContext?.retryCount ?? 0;
  let stored;
  try {
    stored = await readBackgroundJob(body.kind, body.key);
  } catch (error) {
    return retryLater(error, retryCount, 'read its job');
  }
  if (stored === undefined || recordSlice(stored.job, body.jobId, body.index, { ok: true }, new Date()) === undefined) return undefined;

  const definition = jobKindOf(body.kind);
  const slice = definition?.slice.safeParse(body.slice);
  let outcome: { ok: true } | { ok: false; reason: string };
  if (definition === undefined || slice?.success !== true) {
    outcome = { ok: false, reason: definition === undefined ? `No job kind "${body.kind}" in this version of the app.` : 'The slice does not match its kind.' };
  } else {
    try {
      await definition.runSlice(slice.data, { jobId: body.jobId, key: body.key, index: body.index, retryCount });
      outcome = { ok: true };
    } catch (error) {
      const retry = retryFor(error, retryCount);
      if (retry !== undefined && retryCount < MAX_SLICE_RETRIES) return new InvocationError(retry);
      outcome = { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }
  try {
    await updateJob(body.kind, body.key, (job) => recordSlice(job, body.jobId, body.index, outcome, new Date()));
  } catch (error) {
    // The slice ran but its outcome is not recorded: run it again (slices are idempotent).
    return retryLater(error, retryCount, 'record its outcome');
  }
  return undefined;
};

/**
 * A retry for a slice that could not reach its job's record, until `MAX_SLICE_RETRIES`; then the
 * slice is given up and logged (the run stays unfinished, and a start after Forge's retention
 * window replaces it: see `isRunning`).
 */
const retryLater = (error: unknown, retryCount: number, what: string): InvocationError | undefined => {
  if (retryCount >= MAX_SLICE_RETRIES) {
    console.error(`Background slice: could not ${what} after ${String(retryCount)} retries: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  return new InvocationError(retryFor(error, retryCount) ?? { retryAfter: 10 * 2 ** retryCount, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
};
