import { Filter, FilterConditions, ForgeKvsAPIError, kvs } from '@forge/kvs';

import { postmortemSchema, type Postmortem } from '../contract/postmortem.contract';
import { StoredDataError } from './stored-data-error';

/**
 * Postmortems live in Forge custom entities (manifest.yml `app.storage.entities`): the document
 * with its project, status and revision as attributes, plus one `postmortem-incident` row per linked
 * incident so "which postmortem covers SHOP-155?" is one indexed query.
 * Values are capped at 240 KiB by KVS; the caller checks the size first.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/storage-api-custom-entities/
 */
interface PostmortemRow {
  readonly projectKey: string;
  readonly status: string;
  readonly updatedAt: string;
  /** The document's revision, as an attribute so a transaction can put a condition on it. Absent on rows written before it existed. */
  readonly revision?: number;
  readonly document: unknown;
}

interface IncidentRow {
  readonly issueKey: string;
  readonly postmortemId: string;
}

/** A postmortem as read, with what a compare-and-swap write needs to know about the stored row. */
export interface StoredPostmortem {
  readonly postmortem: Postmortem;
  /** The row predates the `revision` attribute: the first write after it adds the attribute. */
  readonly legacy: boolean;
}

/** KVS limit for one value. @see https://developer.atlassian.com/platform/forge/limits-kvs-ce/ */
export const KVS_VALUE_MAX_BYTES = 240 * 1024;

/** @see https://developer.atlassian.com/platform/forge/storage-reference/transactions-entities/ (at most 25 operations) */
const MAX_TRANSACTION_OPERATIONS = 25;

/** How many incidents one save may link or unlink: the rest of a transaction's operations. */
export const MAX_INCIDENT_CHANGES_PER_SAVE = MAX_TRANSACTION_OPERATIONS - 1;

const POSTMORTEM = 'postmortem';
const INCIDENT = 'postmortem-incident';
const postmortems = () => kvs.entity<PostmortemRow>(POSTMORTEM);
const incidents = () => kvs.entity<IncidentRow>(INCIDENT);

const parse = (row: PostmortemRow | undefined, id: string): StoredPostmortem | null => {
  if (row === undefined) return null;
  const parsed = postmortemSchema.safeParse(row.document);
  if (!parsed.success) throw new StoredDataError(`The postmortem ${id} is not stored in a shape Firebreak understands.`);
  return { postmortem: parsed.data, legacy: row.revision === undefined };
};

export const readStoredPostmortem = async (id: string): Promise<StoredPostmortem | null> => parse(await postmortems().get(id), id);

export const readPostmortem = async (id: string): Promise<Postmortem | null> => (await readStoredPostmortem(id))?.postmortem ?? null;

const rowOf = (postmortem: Postmortem): PostmortemRow => ({
  projectKey: postmortem.projectKey,
  status: postmortem.status,
  updatedAt: postmortem.updatedAt,
  revision: postmortem.revision,
  document: postmortem,
});

/** Bytes the stored row would take, to refuse an oversized postmortem before KVS does. */
export const storedBytes = (postmortem: Postmortem): number => new TextEncoder().encode(JSON.stringify(rowOf(postmortem))).length;

/** The version a write was based on: what the condition compares, and which incident rows to move. */
export interface WriteBase {
  readonly revision: number;
  readonly legacy: boolean;
  readonly incidents: readonly string[];
}

export type WriteOutcome = 'written' | 'conflict';

/**
 * The published version of a postmortem while a new revision of it is open (part "review"): a plain
 * KVS key beside the document, so the document's own 240 KiB is not halved by a copy of itself.
 * Written and removed in the same transaction as the document (see `writePostmortem`).
 */
const publishedKey = (id: string): string => `postmortem-published:${id}`;

/** What a write does to the kept published version: keep it (default), set it, or remove it. */
export type PublishedVersionChange = { readonly set: Postmortem } | 'delete';

export const readPublishedVersion = async (id: string): Promise<Postmortem | null> => {
  const value = await kvs.get<unknown>(publishedKey(id));
  if (value === undefined) return null;
  const parsed = postmortemSchema.safeParse(value);
  if (!parsed.success) throw new StoredDataError(`The published version of postmortem ${id} is not stored in a shape Firebreak understands.`);
  return parsed.data;
};

/**
 * Writes a postmortem and its incident rows in ONE transaction whose `set` of the postmortem carries
 * a condition on the stored `revision`: storage itself decides whether the version the change was
 * based on is still the stored one, so two saves from the same version can never both land (a
 * read-compare-write in the app could not promise that; its window is a storage round trip). A
 * new postmortem (`base` null) has a fresh random id and needs no condition; a row written before
 * revisions were attributes must still lack one (the first write to it adds it).
 *
 * What a failed condition answers is not settled by the docs (the transaction page says the
 * operations "are either committed if all conditions are met or rolled back together"; the sandbox
 * answers 409 CONDITIONAL_CHECK_FAILED), so any refusal of the transaction is checked by reading the
 * row again: a moved revision is a conflict, anything else is a storage error and is thrown.
 *
 * Incident rows: one `set` per linked incident and one `delete` per unlinked one, within the 25
 * operations a transaction holds. Added and removed incidents must fit (the caller refuses more than
 * `MAX_INCIDENT_CHANGES_PER_SAVE`); unchanged incidents are written again while room is left, which
 * repairs a row a past non-atomic write may have missed.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/transactions-entities/
 */
export const writePostmortem = async (postmortem: Postmortem, base: WriteBase | null, published?: PublishedVersionChange): Promise<WriteOutcome> => {
  const valid = postmortemSchema.parse(postmortem);
  const before = base?.incidents ?? [];
  const added = valid.incidents.filter((key) => !before.includes(key));
  const removed = before.filter((key) => !valid.incidents.includes(key));
  const unchanged = valid.incidents.filter((key) => before.includes(key));
  if (1 + (published === undefined ? 0 : 1) + added.length + removed.length > MAX_TRANSACTION_OPERATIONS) {
    throw new Error(`A postmortem write can link or unlink at most ${String(MAX_INCIDENT_CHANGES_PER_SAVE)} incidents at once.`);
  }
  const extra = published === undefined ? 0 : 1;
  const rewritten = unchanged.slice(0, Math.max(0, MAX_TRANSACTION_OPERATIONS - 1 - extra - added.length - removed.length));
  let transaction = kvs.transact().set(
    valid.id,
    rowOf(valid),
    base === null
      ? { entityName: POSTMORTEM }
      : { entityName: POSTMORTEM, conditions: new Filter<PostmortemRow>().and('revision', base.legacy ? FilterConditions.notExists() : FilterConditions.equalTo(base.revision)) },
  );
  for (const issueKey of [...added, ...rewritten]) transaction = transaction.set(incidentRowKey(valid.id, issueKey), { issueKey, postmortemId: valid.id }, { entityName: INCIDENT });
  for (const issueKey of removed) transaction = transaction.delete(incidentRowKey(valid.id, issueKey), { entityName: INCIDENT });
  if (published === 'delete') transaction = transaction.delete(publishedKey(valid.id));
  else if (published !== undefined) transaction = transaction.set(publishedKey(valid.id), postmortemSchema.parse(published.set));
  try {
    await transaction.execute();
    return 'written';
  } catch (error) {
    if (base === null || !(error instanceof ForgeKvsAPIError)) throw error;
    const current = await postmortems().get(valid.id);
    // The answer may be lost after the write landed (a 5xx on the way back): then the row is ours.
    if (current?.revision === valid.revision && JSON.stringify(current.document) === JSON.stringify(valid)) return 'written';
    const stillBase = current !== undefined && (base.legacy ? current.revision === undefined : current.revision === base.revision);
    if (!stillBase) return 'conflict';
    throw error;
  }
};

const incidentRowKey = (postmortemId: string, issueKey: string): string => `${postmortemId}:${issueKey}`;

export const listPostmortems = async (projectKey: string): Promise<Postmortem[]> => {
  const found: Postmortem[] = [];
  let cursor: string | undefined;
  do {
    let query = postmortems().query().index('by-project', { partition: [projectKey] }).limit(100);
    if (cursor !== undefined) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const result of page.results) {
      const stored = parse(result.value, result.key);
      if (stored !== null) found.push(stored.postmortem);
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return found;
};

export const postmortemIdForIncident = async (issueKey: string): Promise<string | null> => {
  const page = await incidents().query().index('by-incident', { partition: [issueKey] }).limit(1).getMany();
  return page.results[0]?.value.postmortemId ?? null;
};
