import { kvs, WhereConditions } from '@forge/kvs';

import { capacityViewSchema, type CapacityView } from '../contract/capacity.contract';

/**
 * Computed gadget views whose sprints are all closed: they cannot change any more, so the next
 * render costs no Jira call. Keys are per viewer, because the figures are computed from the issues
 * that viewer may browse. A day's TTL bounds how long a lost permission keeps showing old figures.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/kvs/
 */
const keyFor = (accountId: string, configurationKey: string): string => `capacity:${accountId.replace(/[^\w:.-]/g, '_')}:${configurationKey}`;

export const readCachedView = async (accountId: string, configurationKey: string): Promise<CapacityView | null> => {
  const value: unknown = await kvs.get(keyFor(accountId, configurationKey));
  const parsed = capacityViewSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

export const writeCachedView = async (accountId: string, configurationKey: string, view: CapacityView): Promise<void> => {
  await kvs.set(keyFor(accountId, configurationKey), view, { keyPolicy: 'OVERRIDE', ttl: { value: 1, unit: 'DAYS' } });
};

/**
 * Drops every cached view, for changes that alter how figures are computed or named (project
 * settings, severity policy). Cheap: one query page per 100 cached views.
 */
export const clearCapacityCache = async (): Promise<void> => {
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith('capacity:')).limit(100);
    if (cursor !== undefined) query = query.cursor(cursor);
    const page = await query.getMany();
    await Promise.all(page.results.map((entry) => kvs.delete(entry.key)));
    cursor = page.nextCursor;
  } while (cursor !== undefined);
};
