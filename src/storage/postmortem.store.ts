import { kvs } from '@forge/kvs';

import { postmortemSchema, type Postmortem } from '../contract/postmortem.contract';
import { StoredDataError } from './stored-data-error';

/**
 * Postmortems live in Forge custom entities (manifest.yml `app.storage.entities`): the document
 * with its project and status as indexed attributes, plus one `postmortem-incident` row per linked
 * incident so "which postmortem covers SHOP-155?" is one indexed query.
 * Values are capped at 240 KiB by KVS; the caller checks the size first.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/storage-api-custom-entities/
 */
interface PostmortemRow {
  readonly projectKey: string;
  readonly status: string;
  readonly updatedAt: string;
  readonly document: unknown;
}

interface IncidentRow {
  readonly issueKey: string;
  readonly postmortemId: string;
}

/** KVS limit for one value. @see https://developer.atlassian.com/platform/forge/limits-kvs-ce/ */
export const KVS_VALUE_MAX_BYTES = 240 * 1024;

const postmortems = () => kvs.entity<PostmortemRow>('postmortem');
const incidents = () => kvs.entity<IncidentRow>('postmortem-incident');

const parse = (row: PostmortemRow | undefined, id: string): Postmortem | null => {
  if (row === undefined) return null;
  const parsed = postmortemSchema.safeParse(row.document);
  if (!parsed.success) throw new StoredDataError(`The postmortem ${id} is not stored in a shape Firebreak understands.`);
  return parsed.data;
};

export const readPostmortem = async (id: string): Promise<Postmortem | null> => parse(await postmortems().get(id), id);

/** Bytes the stored row would take, to refuse an oversized postmortem before KVS does. */
export const storedBytes = (postmortem: Postmortem): number => new TextEncoder().encode(JSON.stringify({ projectKey: postmortem.projectKey, status: postmortem.status, updatedAt: postmortem.updatedAt, document: postmortem })).length;

export const writePostmortem = async (postmortem: Postmortem, previousIncidents: readonly string[]): Promise<void> => {
  const valid = postmortemSchema.parse(postmortem);
  await postmortems().set(valid.id, { projectKey: valid.projectKey, status: valid.status, updatedAt: valid.updatedAt, document: valid });
  const removed = previousIncidents.filter((key) => !valid.incidents.includes(key));
  await Promise.all([
    ...valid.incidents.map((issueKey) => incidents().set(`${valid.id}:${issueKey}`, { issueKey, postmortemId: valid.id })),
    ...removed.map((issueKey) => incidents().delete(`${valid.id}:${issueKey}`)),
  ]);
};

export const listPostmortems = async (projectKey: string): Promise<Postmortem[]> => {
  const found: Postmortem[] = [];
  let cursor: string | undefined;
  do {
    let query = postmortems().query().index('by-project', { partition: [projectKey] }).limit(100);
    if (cursor !== undefined) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const result of page.results) {
      const postmortem = parse(result.value, result.key);
      if (postmortem !== null) found.push(postmortem);
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return found;
};

export const postmortemIdForIncident = async (issueKey: string): Promise<string | null> => {
  const page = await incidents().query().index('by-incident', { partition: [issueKey] }).limit(1).getMany();
  return page.results[0]?.value.postmortemId ?? null;
};
