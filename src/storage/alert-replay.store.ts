import { ForgeKvsAPIError, kvs } from '@forge/kvs';

/**
 * intake (issue 17): what each source's web trigger has accepted, remembered for a while so the
 * same request sent again (a captured replay, or a sender retrying what already landed) is refused.
 * One plain key per delivery, written with `FAIL_IF_EXISTS` so of two identical requests at once
 * storage lets exactly one through, and with a `ttl` so the memory forgets by itself.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/kvs-api/ (set options: ttl, keyPolicy)
 */
const keyOf = (sourceId: string, deliveryHash: string): string => `alert-replay:${sourceId}:${deliveryHash}`;

const isKeyConflict = (error: unknown): boolean => error instanceof ForgeKvsAPIError && (error.code === 'KEY_CONFLICT' || error.responseDetails.status === 409);

export interface RememberedDelivery {
  readonly receivedAt: string;
}

/**
 * Remembers a delivery for `seconds`; false when it is already remembered (then `previous` says when
 * it was first received, when still readable).
 */
export const rememberDelivery = async (sourceId: string, deliveryHash: string, receivedAt: string, seconds: number): Promise<{ readonly fresh: true } | { readonly fresh: false; readonly previous: RememberedDelivery | null }> => {
  try {
    await kvs.set(keyOf(sourceId, deliveryHash), { receivedAt }, { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: Math.max(1, Math.ceil(seconds)), unit: 'SECONDS' } });
    return { fresh: true };
  } catch (error) {
    if (!isKeyConflict(error)) throw error;
    const previous = await kvs.get<RememberedDelivery>(keyOf(sourceId, deliveryHash));
    return { fresh: false, previous: typeof previous?.receivedAt === 'string' ? previous : null };
  }
};

/** Forgets a delivery that was not kept after all (the back office asked for a retry), so the sender's retry lands. */
export const forgetDelivery = async (sourceId: string, deliveryHash: string): Promise<void> => {
  await kvs.delete(keyOf(sourceId, deliveryHash));
};
