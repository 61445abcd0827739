import { kvs } from '@forge/kvs';

import { INCIDENT_LOG_LIMITS, storedLogEntrySchema, type StoredLogEntry } from '../contract/incident-log.contract';
import { saveIfUnchanged, type SwapOutcome } from './compare-and-swap';
import { StoredDataError } from './stored-data-error';

/**
 * log part (issue 16): the live incident log, one custom-entity row per entry, keyed by the issue's id
 * (keys change when an issue moves, ids never) and the entry's id. One row per entry, not one list
 * per issue, so two people adding at once write different rows and neither loses the other's; the
 * entry's id is the submission's key, so a double click or a retry lands on the same row, and the
 * first write (condition "no row yet") is the only one that lands. Corrections and deletions are
 * compare-and-swap on `version`.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/storage-api-custom-entities/
 */
const ENTITY = 'incident-log-entry';

interface LogRow {
  readonly issueId: string;
  readonly happenedAt: string;
  readonly version: number;
  readonly saveId?: string;
  readonly document: unknown;
}

export interface StoredLogRow {
  readonly entry: StoredLogEntry;
  readonly version: number;
}

const rows = () => kvs.entity<LogRow>(ENTITY);
const rowKey = (issueId: string, entryId: string): string => `${issueId}:${entryId}`;

const parse = (row: LogRow, key: string): StoredLogRow => {
  const parsed = storedLogEntrySchema.safeParse(row.document);
  if (!parsed.success) throw new StoredDataError(`An incident log entry Firebreak keeps (${key}) is not in a shape it understands.`);
  return { entry: parsed.data, version: row.version };
};

const rowOf = (entry: StoredLogEntry, version: number): LogRow => ({ issueId: entry.issueId, happenedAt: entry.happenedAt, version, document: storedLogEntrySchema.parse(entry) });

/** Every entry of one issue (deleted ones included, as tombstones), oldest first by when they happened. */
export const readIncidentLog = async (issueId: string): Promise<StoredLogRow[]> => {
  const found: StoredLogRow[] = [];
  let cursor: string | undefined;
  do {
    let query = rows().query().index('by-issue', { partition: [issueId] }).limit(100);
    if (cursor !== undefined) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const result of page.results) found.push(parse(result.value, result.key));
    cursor = page.nextCursor;
  } while (cursor !== undefined && found.length < INCIDENT_LOG_LIMITS.entries);
  return found;
};

export const readLogEntry = async (issueId: string, entryId: string): Promise<StoredLogRow | null> => {
  const key = rowKey(issueId, entryId);
  const row = await rows().get(key);
  return row === undefined ? null : parse(row, key);
};

/** Adds an entry under its own id; `conflict` when a row with that id exists already (the same submission again, or a forged id). */
export const insertLogEntry = (entry: StoredLogEntry): Promise<SwapOutcome> => saveIfUnchanged(ENTITY, rowKey(entry.issueId, entry.id), rowOf(entry, 1), 0);

/** Writes a corrected or deleted entry if nobody changed it since `baseVersion`. */
export const updateLogEntry = (entry: StoredLogEntry, baseVersion: number): Promise<SwapOutcome> => saveIfUnchanged(ENTITY, rowKey(entry.issueId, entry.id), rowOf(entry, baseVersion + 1), baseVersion);
