import { z } from 'zod';

import { forgeJiraClients } from '../../../jira/forge-transport';
import type { JobKind } from '../../background/job-registry';
import { cacheSettledSprintFacts, warmSprintMemos } from './sprint-facts-source';

/**
 * One settled sprint to read into the facts cache as the app: what `readSprintFactsOrDefer` hands
 * back for sprints too large to read inside a view. Descriptions of work only (ids, dates, the
 * criteria's clause), checked again when Forge hands the slice back.
 */
const sliceSchema = z
  .object({
    board: z.object({ id: z.number().int().positive(), name: z.string().max(255), type: z.string().max(40), projectKey: z.string().max(64).nullable() }).strict(),
    window: z
      .object({ id: z.number().int().positive(), name: z.string().max(255), start: z.string().max(40), end: z.string().max(40), state: z.enum(['closed', 'active', 'future']) })
      .strict(),
    pointsField: z.string().max(100).nullable(),
    jql: z.string().max(2000).nullable(),
    /** Read again even when the cache holds the sprint (the viewer asked for a refresh). */
    force: z.boolean(),
    /** A sprint views read every time: warm its memos (`warmSprintMemos`) instead of caching its facts. Absent in slices queued before it existed. */
    warm: z.boolean().optional(),
  })
  .strict();
export type SprintFactsSlice = z.infer<typeof sliceSchema>;

export const SPRINT_FACTS_JOB = 'sprint-facts';

/** The background job that reads large closed sprints into the cache, one sprint per slice. */
export const sprintFactsJob: JobKind<SprintFactsSlice> = {
  kind: SPRINT_FACTS_JOB,
  slice: sliceSchema,
  runSlice: ({ board, window, pointsField, jql, force, warm }) =>
    warm === true
      ? // Warming only spares later views calls: if it fails, the figures are still right and the
        // next view reads what the memos lack, so it never reports the board's read as failed.
        warmSprintMemos(forgeJiraClients().asApp, { board, window, pointsField, jql }, new Date()).catch(() => undefined)
      : cacheSettledSprintFacts(forgeJiraClients().asApp, { board, window, pointsField, jql }, force, new Date()),
  // Each slice may have 8 requests in flight; two slices at once keep a board's read near the
  // resolver's pace without taking the app's whole rate-limit budget.
  concurrency: 2,
};

/** The job's key for a board and measure (the measure decides the estimation field read). */
export const sprintFactsJobKey = (boardId: number, measure: string): string => `board-${String(boardId)}-${measure}`;
