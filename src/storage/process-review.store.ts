import { kvs } from '@forge/kvs';
import { z } from 'zod';

import { storedProcessReviewSchema, type StoredProcessReview } from '../contract/process-review.contract';
import { saveIfUnchanged, type SwapOutcome, type VersionedRow } from './compare-and-swap';
import { StoredDataError } from './stored-data-error';

/**
 * When each scope's process is reviewed (`process-review` entity, one row for the site and one per
 * project, compare-and-swap on `version`), and which reviews were filed (plain keys, one per
 * project, written by the scheduled run only).
 */
const ENTITY = 'process-review';

interface ReviewRow extends VersionedRow {
  readonly document: StoredProcessReview;
}

const rowSchema = z.object({ version: z.number().int().positive(), saveId: z.string().min(1), document: storedProcessReviewSchema });
const rowKey = (projectKey: string | null): string => (projectKey === null ? 'site' : `project:${projectKey}`);
const rows = () => kvs.entity<ReviewRow>(ENTITY);

/** The scope's setting with its version; null while nothing was ever saved there. */
export const readProcessReview = async (projectKey: string | null): Promise<StoredProcessReview | null> => {
  const row = await rows().get(rowKey(projectKey));
  if (row === undefined) return null;
  const parsed = rowSchema.safeParse(row);
  if (!parsed.success || parsed.data.version !== parsed.data.document.version) throw new StoredDataError(`The process review setting stored for ${projectKey ?? 'the site'} is not in a shape Firebreak understands.`);
  return parsed.data.document;
};

/** Saves `document` (its version one past `baseVersion`) if nobody saved since. */
export const saveProcessReview = (projectKey: string | null, document: StoredProcessReview, baseVersion: number): Promise<SwapOutcome> => {
  const row: ReviewRow = { version: document.version, document: storedProcessReviewSchema.parse(document) };
  return saveIfUnchanged(ENTITY, rowKey(projectKey), row, baseVersion);
};

// ── Filed reviews ───────────────────────────────────────────────────────────────────────────────

const filingSchema = z.object({
  /** The review date this filing is for. */
  dueAt: z.string(),
  /** `filing` from the claim until Jira answered; `filed` with the issue after; `refused` when Jira would not create it (and why). */
  status: z.enum(['filing', 'filed', 'refused']),
  claimedAt: z.string(),
  issueKey: z.string().optional(),
  reason: z.string().max(1_000).optional(),
});
export type ReviewFiling = z.infer<typeof filingSchema>;

const filingKey = (projectKey: string): string => `process-review-filed:${projectKey}`;

/** The last review filing for a project (any state), or null. */
export const readReviewFiling = async (projectKey: string): Promise<ReviewFiling | null> => {
  const parsed = filingSchema.safeParse(await kvs.get(filingKey(projectKey)));
  return parsed.success ? parsed.data : null;
};

/** Records a filing's state. The scheduled run is the only writer, and it claims each review date first (`claimOnce`). */
export const writeReviewFiling = (projectKey: string, filing: ReviewFiling): Promise<void> => kvs.set(filingKey(projectKey), filingSchema.parse(filing));
