import { ForgeKvsAPIError, kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';

import { keptUpdateSchema, type KeptUpdate } from '../contract/stakeholder-updates.contract';

/**
 * Stakeholder updates (issue 16, part: updates), kept in app storage: one KVS key per update,
 * `stakeholder-update:{issueId}:{actionId}`. The key is the click's action id, so recording an
 * update's intent with `FAIL_IF_EXISTS` lets exactly one of two identical requests (a double click,
 * a retry racing the first try) send it. Who posted, when, what, to whom and the next due time are
 * the app's record, never an issue property anyone with Edit issues could rewrite.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/kvs-api/
 */
const PREFIX = 'stakeholder-update:';
const keyOf = (issueId: string, actionId: string): string => `${PREFIX}${issueId}:${actionId}`;

const storedSchema = keptUpdateSchema.extend({
  issueId: z.string(),
  issueKey: z.string(),
  /** Which try of the click this is (a retry after a rate limit is the second). */
  attempt: z.number().int().positive().optional(),
  /** A failed update Jira surely did not send (a rate limit): the same click may send it. */
  retryable: z.boolean().optional(),
});
export type StoredUpdate = z.infer<typeof storedSchema>;

const isKeyConflict = (error: unknown): boolean => error instanceof ForgeKvsAPIError && (error.code === 'KEY_CONFLICT' || error.responseDetails.status === 409);

/** Records an update about to be sent. `exists`: this action id was recorded before (by this click's twin or an earlier try). */
export const recordUpdateIntent = async (update: StoredUpdate): Promise<'recorded' | 'exists'> => {
  try {
    await kvs.set(keyOf(update.issueId, update.actionId), update, { keyPolicy: 'FAIL_IF_EXISTS' });
    return 'recorded';
  } catch (error) {
    if (isKeyConflict(error)) return 'exists';
    throw error;
  }
};

/** Writes the outcome of sending (sent, failed) over the recorded intent; only the holder of the intent writes it. */
export const saveUpdateOutcome = async (update: StoredUpdate): Promise<void> => {
  await kvs.set(keyOf(update.issueId, update.actionId), update);
};

export const readUpdate = async (issueId: string, actionId: string): Promise<StoredUpdate | null> => {
  const parsed = storedSchema.safeParse(await kvs.get(keyOf(issueId, actionId)));
  return parsed.success ? parsed.data : null;
};

/**
 * Every kept update of an issue, newest first (unreadable entries skipped). For the panel, and for
 * whatever else reads an incident's updates (a postmortem timeline, on-time counts).
 */
export const listStakeholderUpdates = async (issueId: string): Promise<StoredUpdate[]> => {
  const updates: StoredUpdate[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(`${PREFIX}${issueId}:`)).limit(100);
    if (cursor !== undefined) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const entry of page.results) {
      const parsed = storedSchema.safeParse(entry.value);
      if (parsed.success) updates.push(parsed.data);
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined && updates.length < 1_000);
  return updates.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
};

export type { KeptUpdate };
