import { kvs } from '@forge/kvs';
import { z } from 'zod';

import { saveIfUnchanged } from './compare-and-swap';
import { StoredDataError } from './stored-data-error';

/**
 * One background job per (kind, key): which run is current, how many slices it has, which are done
 * and which failed. Custom entity `background-job`, saved compare-and-swap, so a second start while
 * one runs, and two slices finishing at once, can neither replace a run nor lose a count. Slices
 * are recorded by index, so a slice delivered twice (Forge delivers at least once) counts once.
 */
export const BACKGROUND_JOB_ENTITY = 'background-job';

const failureSchema = z.object({ index: z.number().int().min(0), reason: z.string() });

export const backgroundJobSchema = z.object({
  jobId: z.string().min(1),
  kind: z.string(),
  key: z.string(),
  total: z.number().int().min(1),
  done: z.array(z.number().int().min(0)),
  failed: z.array(failureSchema),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The ids `Queue.push` answered, one per push of up to 50 slices (for `getJob(id).getStats()` when diagnosing). */
  forgeJobIds: z.array(z.string()),
});
export type BackgroundJob = z.infer<typeof backgroundJobSchema>;
export type SliceFailure = z.infer<typeof failureSchema>;

const rowSchema = z.object({
  kind: z.string(),
  status: z.enum(['running', 'finished']),
  updatedAt: z.string(),
  version: z.number().int(),
  saveId: z.string().optional(),
  document: z.unknown(),
});

export interface StoredBackgroundJob {
  readonly job: BackgroundJob;
  readonly version: number;
}

/** KVS keys allow `[a-zA-Z0-9:._\s-#]`; kinds and keys are the app's own words, checked here. */
const SAFE = /^[a-zA-Z0-9:._-]{1,200}$/;

export const backgroundJobKey = (kind: string, key: string): string => {
  if (!SAFE.test(kind) || !SAFE.test(key)) throw new Error(`A background job's kind and key take letters, digits and ":._-" (got "${kind}", "${key}").`);
  return `${kind}:${key}`;
};

export const readBackgroundJob = async (kind: string, key: string): Promise<StoredBackgroundJob | undefined> => {
  const stored: unknown = await kvs.entity(BACKGROUND_JOB_ENTITY).get(backgroundJobKey(kind, key));
  if (stored === undefined) return undefined;
  const row = rowSchema.safeParse(stored);
  const job = row.success ? backgroundJobSchema.safeParse(row.data.document) : undefined;
  if (!row.success || job?.success !== true) throw new StoredDataError(`The background job ${kind}:${key} in storage is not a background job record.`);
  return { job: job.data, version: row.data.version };
};

/** Writes the job if its row is still at `baseVersion` (0: none yet). */
export const saveBackgroundJob = (job: BackgroundJob, baseVersion: number, now: Date): Promise<'saved' | 'conflict'> => {
  const row: Omit<z.infer<typeof rowSchema>, 'saveId'> = { version: baseVersion + 1, kind: job.kind, status: job.finishedAt === null ? 'running' : 'finished', updatedAt: now.toISOString(), document: job };
  return saveIfUnchanged(BACKGROUND_JOB_ENTITY, backgroundJobKey(job.kind, job.key), row, baseVersion);
};
