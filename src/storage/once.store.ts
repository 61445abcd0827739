import { ForgeKvsAPIError, kvs } from '@forge/kvs';

/**
 * Claims a one-off action (a comment for one decision, a reminder for one due time) so that
 * duplicated or concurrent deliveries perform it once. KVS `FAIL_IF_EXISTS` answers KEY_CONFLICT to
 * every claim after the first. Claims expire after 30 days; by then the action is long done.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/kvs-api/
 */
export const claimOnce = async (key: string): Promise<boolean> => {
  try {
    await kvs.set(`once:${key}`, { claimedAt: true }, { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: 30, unit: 'DAYS' } });
    return true;
  } catch (error) {
    if (error instanceof ForgeKvsAPIError && error.code === 'KEY_CONFLICT') return false;
    throw error;
  }
};

/** Gives a claim back when the action failed, so a retry can perform it. */
export const releaseClaim = async (key: string): Promise<void> => {
  await kvs.delete(`once:${key}`);
};
