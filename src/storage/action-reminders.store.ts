import { kvs } from '@forge/kvs';

/**
 * Whether Firebreak has filed any postmortem action on this site (actions part, issue 15). The
 * scheduled run's overdue-action search is skipped until it has: a site that never filed one pays no
 * JQL search every five minutes. Set once, never cleared (an old action can still fall due).
 * @see https://developer.atlassian.com/platform/forge/storage-reference/kvs-api/
 */
const KEY = 'postmortem-actions:filed';

export const noteActionFiled = async (): Promise<void> => {
  await kvs.set(KEY, { filed: true });
};

export const anyActionFiled = async (): Promise<boolean> => (await kvs.get(KEY)) !== undefined;
