import { kvs } from '@forge/kvs';

import { storedProjectConfigSchema, type StoredProjectConfig } from '../contract/project-config.contract';
import { StoredDataError } from './stored-data-error';

/** One KVS key per project. Keys allow letters, digits and `:-_.`; project keys fit. @see https://developer.atlassian.com/platform/forge/storage-reference/kvs/ */
const keyFor = (projectKey: string): string => `project-config:${projectKey}`;

/** The project's saved configuration, validated on read; `null` while it runs on the defaults. */
export const readProjectConfig = async (projectKey: string): Promise<StoredProjectConfig | null> => {
  const value: unknown = await kvs.get(keyFor(projectKey));
  if (value === undefined) return null;
  const parsed = storedProjectConfigSchema.safeParse(value);
  if (!parsed.success) throw new StoredDataError(`The Firebreak settings stored for project ${projectKey} are not in a shape Firebreak understands.`);
  return parsed.data;
};

export const writeProjectConfig = async (projectKey: string, stored: StoredProjectConfig): Promise<void> => {
  await kvs.set(keyFor(projectKey), storedProjectConfigSchema.parse(stored));
};
