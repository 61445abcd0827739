import { Filter, FilterConditions, kvs } from '@forge/kvs';

/**
 * A custom-entity row saved by compare-and-swap: `version` counts saves (the first is 1) and is the
 * attribute the condition reads; `saveId` is unique per save, so a save can recognise its own row.
 */
export interface VersionedRow {
  readonly version: number;
  readonly saveId: string;
}

export type SwapOutcome = 'saved' | 'conflict';

/** A fresh id for one save attempt. */
export const newSaveId = (): string => globalThis.crypto.randomUUID();

/**
 * Writes `row` only if the stored row is still at `baseVersion` (0: no row yet). The condition and
 * the write are one KVS transaction, so of two saves based on the same version storage lets exactly
 * one through: a read followed by a write could let both. `alsoDelete` removes plain keys in the
 * same transaction (a legacy key being moved into the entity).
 *
 * Forge documents neither the status nor the code of a transaction whose condition failed (only
 * that nothing is written, and `@forge/kvs` throws on any non-2xx), and a 5xx may in principle come
 * after a commit. So on any failure the row is read back: our own `saveId` means the save landed, a
 * version other than `baseVersion` means someone else saved first, anything else is the original
 * error (a rate limit, a value too large).
 * @see https://developer.atlassian.com/platform/forge/storage-reference/transactions-entities/
 * @see https://developer.atlassian.com/platform/forge/rest/api-group-transaction/ (KVS and custom-entity operations in one transaction)
 */
export const saveIfUnchanged = async (
  entityName: string,
  key: string,
  row: VersionedRow,
  baseVersion: number,
  alsoDelete: readonly string[] = [],
): Promise<SwapOutcome> => {
  const unchanged = new Filter<VersionedRow>().and('version', baseVersion === 0 ? FilterConditions.notExists() : FilterConditions.equalTo(baseVersion));
  try {
    let transaction = kvs.transact().set(key, row, { entityName, conditions: unchanged });
    for (const plainKey of alsoDelete) transaction = transaction.delete(plainKey);
    await transaction.execute();
    return 'saved';
  } catch (error) {
    const stored = await kvs.entity<VersionedRow>(entityName).get(key);
    if (stored !== undefined && stored.saveId === row.saveId) return 'saved';
    if ((stored?.version ?? 0) !== baseVersion) return 'conflict';
    throw error;
  }
};
