import { kvs } from '@forge/kvs';
import { z } from 'zod';

import { alertSourceSettingsSchema, type AlertSource } from '../contract/intake.contract';
import { saveIfUnchanged, type SwapOutcome, type VersionedRow } from './compare-and-swap';
import { StoredDataError } from './stored-data-error';

/**
 * intake (issue 17): alert sources, one `alert-source` row per source, compare-and-swap on
 * `version`, indexed by project for the settings page. The secret is not here: it is in the KVS
 * secret store under {@link secretKeyOf} (`kvs.setSecret`), which no resolver returns.
 */
const ENTITY = 'alert-source';

export const storedAlertSourceSchema = alertSourceSettingsSchema.safeExtend({
  id: z.string().min(1),
  projectId: z.string().min(1),
  version: z.number().int().positive(),
  /** The web trigger URL made for this source (`webTrigger.getUrl(…, true)`); null until made. */
  url: z.string().nullable(),
  /** The id at the end of the URL's path, which the web trigger is called with; null until made. */
  urlId: z.string().nullable(),
  /** The last four characters of the secret, to tell secrets apart; the secret itself is never read back to a page. */
  secretHint: z.string().max(4).nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type StoredAlertSource = z.infer<typeof storedAlertSourceSchema>;

interface SourceRow extends VersionedRow {
  readonly projectId: string;
  readonly urlId: string;
  readonly createdAt: string;
  readonly document: StoredAlertSource;
}

const rowSchema = z.object({ version: z.number().int().positive(), document: storedAlertSourceSchema });
const rows = () => kvs.entity<SourceRow>(ENTITY);

export const secretKeyOf = (sourceId: string): string => `alert-source-secret:${sourceId}`;

const documentOf = (row: unknown, id: string): StoredAlertSource => {
  const parsed = rowSchema.safeParse(row);
  if (!parsed.success || parsed.data.version !== parsed.data.document.version) throw new StoredDataError(`The alert source ${id} is stored in a shape Firebreak does not understand.`);
  return parsed.data.document;
};

export const readStoredAlertSource = async (id: string): Promise<StoredAlertSource | null> => {
  const row = await rows().get(id);
  return row === undefined ? null : documentOf(row, id);
};

/** What the back office needs of a stored source: the settings and where they belong, not its URL or secret hint. */
export const alertSourceOf = (stored: StoredAlertSource): AlertSource => {
  const { id, projectId, name, kind, issueTypeId, rules, commentIntervalMinutes, advisory } = stored;
  return { id, projectId, name, kind, issueTypeId, rules, commentIntervalMinutes, advisory };
};

export const readAlertSource = async (id: string): Promise<AlertSource | null> => {
  const stored = await readStoredAlertSource(id);
  return stored === null ? null : alertSourceOf(stored);
};

/** The project's sources, oldest first. */
export const listAlertSources = async (projectId: string): Promise<StoredAlertSource[]> => {
  const found: StoredAlertSource[] = [];
  let cursor: string | undefined;
  do {
    let query = rows().query().index('by-project', { partition: [projectId] }).limit(100);
    if (cursor !== undefined) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const result of page.results) found.push(documentOf(result.value, result.key));
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return found.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
};

/** Saves `document` (its version one past `baseVersion`; 0 creates) if nobody saved since. */
export const saveAlertSource = (document: StoredAlertSource, baseVersion: number): Promise<SwapOutcome> => {
  const parsed = storedAlertSourceSchema.parse(document);
  const row: SourceRow = { version: parsed.version, projectId: parsed.projectId, urlId: parsed.urlId ?? '', createdAt: parsed.createdAt, document: parsed };
  return saveIfUnchanged(ENTITY, parsed.id, row, baseVersion);
};

/**
 * The source a web trigger URL belongs to, by the id at the end of its path (`by-url` index); null
 * when no source has it (never made, rotated away, or the source was deleted).
 */
export const findAlertSourceByUrlId = async (urlId: string): Promise<StoredAlertSource | null> => {
  if (urlId === '') return null;
  const page = await rows().query().index('by-url', { partition: [urlId] }).limit(2).getMany();
  const found = page.results.map((result) => documentOf(result.value, result.key)).filter((source) => source.urlId === urlId);
  return found[0] ?? null;
};

/** Removes the source's row; its secret and URL are the caller's to remove (two more writes). */
export const deleteAlertSourceRow = async (id: string): Promise<void> => {
  await rows().delete(id);
};

/** The source's secret from the KVS secret store; undefined when it was never set or is gone (a half-saved source). */
export const readSourceSecret = async (sourceId: string): Promise<string | undefined> => {
  const value: unknown = await kvs.getSecret(secretKeyOf(sourceId));
  return typeof value === 'string' && value !== '' ? value : undefined;
};

export const writeSourceSecret = async (sourceId: string, secret: string): Promise<void> => {
  await kvs.setSecret(secretKeyOf(sourceId), secret);
};

export const deleteSourceSecret = async (sourceId: string): Promise<void> => {
  await kvs.deleteSecret(secretKeyOf(sourceId));
};
