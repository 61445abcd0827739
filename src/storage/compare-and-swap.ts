import { Filter, FilterConditions, kvs } from '@forge/kvs';

/**
 * Compare-and-swap on Forge custom entities, the one way the app saves what it must not lose.
 *
 * A row carries `version` (counts saves; the first is 1; the attribute the condition reads) and
 * `saveId` (unique per save attempt, so a save can recognise its own row). A save names the version
 * it was based on and lands only if the stored row still has it (0: no row yet). The condition and
 * the write are one KVS transaction, so of two saves based on the same version storage lets exactly
 * one through; a read followed by a write could let both.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/transactions-entities/
 * @see https://developer.atlassian.com/platform/forge/rest/api-group-transaction/ (KVS and custom-entity operations in one transaction)
 */
export interface VersionedRow {
  readonly version: number;
  readonly saveId?: string;
}

export type SwapOutcome = 'saved' | 'conflict';

/** A fresh id for one save attempt. */
export const newSaveId = (): string => globalThis.crypto.randomUUID();

/** One row of a compare-and-swap transaction. */
export interface VersionedWrite {
  readonly entityName: string;
  readonly key: string;
  readonly row: VersionedRow;
  readonly baseVersion: number;
}

/**
 * Writes `row` only if the stored row is still at `baseVersion` (0: no row yet). The row's own
 * version must be higher: one more for an edit; a record moved in from elsewhere keeps the version
 * it had. `alsoDelete` removes plain keys in the same transaction (a legacy key being moved in).
 */
export const saveIfUnchanged = (entityName: string, key: string, row: VersionedRow, baseVersion: number, alsoDelete: readonly string[] = []): Promise<SwapOutcome> =>
  saveTogether([{ entityName, key, row, baseVersion }], alsoDelete);

/**
 * Several versioned rows in one KVS transaction: all are written, or none is (a stale version on any
 * one cancels the lot). Used to record a change together with the plan that carries it out, so
 * neither exists without the other. At most 25 operations (Forge's transaction limit).
 *
 * Forge documents neither the status nor the code of a transaction whose condition failed (only
 * that nothing is written, and `@forge/kvs` throws on any non-2xx), and a 5xx may in principle come
 * after a commit. So after any failure the rows are read back: all carrying this save's id means it
 * landed; any at a version other than its base means someone else saved first; anything else is the
 * original error (a rate limit, a value too large), thrown.
 */
export const saveTogether = async (writes: readonly VersionedWrite[], alsoDelete: readonly string[] = []): Promise<SwapOutcome> => {
  const saveId = newSaveId();
  let transaction = kvs.transact();
  for (const write of writes) {
    if (!(write.row.version > write.baseVersion)) throw new Error(`A save of ${write.entityName} ${write.key} must move past version ${String(write.baseVersion)}.`);
    const unchanged = new Filter<VersionedRow>().and('version', write.baseVersion === 0 ? FilterConditions.notExists() : FilterConditions.equalTo(write.baseVersion));
    transaction = transaction.set(write.key, { ...write.row, saveId }, { entityName: write.entityName, conditions: unchanged });
  }
  for (const plainKey of alsoDelete) transaction = transaction.delete(plainKey);
  try {
    await transaction.execute();
    return 'saved';
  } catch (error) {
    const stored = await Promise.all(writes.map((write) => kvs.entity<VersionedRow>(write.entityName).get(write.key)));
    if (stored.every((row) => row?.saveId === saveId)) return 'saved';
    if (stored.some((row, index) => (row?.version ?? 0) !== writes[index]?.baseVersion)) return 'conflict';
    throw error;
  }
};
