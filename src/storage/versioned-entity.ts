import { Filter, FilterConditions, ForgeKvsAPIError, kvs } from '@forge/kvs';

/**
 * Compare-and-swap on a Forge custom entity. A row carries a `version` attribute; a save names the
 * version it was based on and succeeds only if the stored row still has it (or, for 0, if there is
 * no row yet). The check and the write are one KVS transaction, so two people saving from the same
 * version cannot both win: storage decides, not a read followed by a write.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/transactions-entities/
 */
export interface VersionedRow {
  readonly version: number;
}

export type SaveOutcome = 'saved' | 'conflict';

/**
 * Whether a KVS error says a transaction's condition did not hold. Known by HTTP status (409) as
 * well as by code: the emulator answers CONDITIONAL_CHECK_FAILED, and `@forge/kvs` turns an answer
 * it cannot parse into UNKNOWN_ERROR while keeping the status (out/utils/error-handling.js).
 */
export const isConditionFailed = (error: unknown): boolean =>
  error instanceof ForgeKvsAPIError && (error.responseDetails.status === 409 || /CONDITION|CONFLICT/.test(error.code));

/**
 * Sets `row` if the stored row is still at `baseVersion` (0: there is none). The row's own version
 * must be higher: one more for an edit; a record moved in from elsewhere keeps the version it had.
 */
export const saveVersioned = (entityName: string, key: string, row: VersionedRow, baseVersion: number): Promise<SaveOutcome> => saveVersionedTogether([{ entityName, key, row, baseVersion }]);

/** One row of a compare-and-swap transaction (see `saveVersioned`). */
export interface VersionedWrite {
  readonly entityName: string;
  readonly key: string;
  readonly row: VersionedRow;
  readonly baseVersion: number;
}

/**
 * Several versioned rows in one KVS transaction: all are written, or none is (a conflict on any one
 * cancels the lot). Used to record a change together with the plan that carries it out, so neither
 * exists without the other. At most 25 rows (Forge's transaction limit).
 */
export const saveVersionedTogether = async (writes: readonly VersionedWrite[]): Promise<SaveOutcome> => {
  let transaction = kvs.transact();
  for (const write of writes) {
    if (!(write.row.version > write.baseVersion)) throw new Error(`A save of ${write.entityName} ${write.key} must move past version ${String(write.baseVersion)}.`);
    const conditions =
      write.baseVersion === 0
        ? new Filter<VersionedRow>().and('version', FilterConditions.notExists())
        : new Filter<VersionedRow>().and('version', FilterConditions.equalTo(write.baseVersion));
    transaction = transaction.set(write.key, write.row, { entityName: write.entityName, conditions });
  }
  try {
    await transaction.execute();
    return 'saved';
  } catch (error) {
    if (isConditionFailed(error)) return 'conflict';
    throw error;
  }
};
