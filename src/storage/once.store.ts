import { ForgeKvsAPIError, kvs } from '@forge/kvs';
import { z } from 'zod';

const claimSchema = z.object({ claimedAt: z.string() }).loose();

/**
 * A `FAIL_IF_EXISTS` write that found the key taken. Known by HTTP status as well as by code: the
 * Forge REST reference answers 409 KEY_CONFLICT, while the SDK docs name no code for it, and
 * `@forge/kvs` turns an answer it cannot parse into code UNKNOWN_ERROR (out/utils/error-handling.js),
 * keeping the status in `responseDetails`.
 * @see https://developer.atlassian.com/platform/forge/rest/api-group-transaction/
 */
const isKeyConflict = (error: unknown): boolean => error instanceof ForgeKvsAPIError && (error.code === 'KEY_CONFLICT' || error.responseDetails.status === 409);

/**
 * Claims a one-off action (a comment for one decision, a reminder for one due time) so that
 * duplicated or concurrent deliveries perform it once. KVS `FAIL_IF_EXISTS` refuses every claim
 * after the first. Claims expire after 30 days; by then the action is long done.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/kvs-api/
 */
export const claimOnce = async (key: string, now: Date): Promise<boolean> => {
  try {
    await kvs.set(`once:${key}`, { claimedAt: now.toISOString() }, { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: 30, unit: 'DAYS' } });
    return true;
  } catch (error) {
    if (isKeyConflict(error)) return false;
    throw error;
  }
};

/**
 * When a claim someone holds was made, so a caller can tell an action in progress from one long
 * done; `undefined` when nobody holds it (any more). A claim without a readable time is an old one.
 */
export const readClaim = async (key: string): Promise<{ readonly claimedAt: string | null } | undefined> => {
  const value: unknown = await kvs.get(`once:${key}`);
  if (value === undefined) return undefined;
  const parsed = claimSchema.safeParse(value);
  return { claimedAt: parsed.success ? parsed.data.claimedAt : null };
};

/** Gives a claim back when the action failed, so a retry can perform it. */
export const releaseClaim = async (key: string): Promise<void> => {
  await kvs.delete(`once:${key}`);
};
