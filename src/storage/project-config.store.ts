import { kvs } from '@forge/kvs';
import { z } from 'zod';

import { storedProjectConfigSchema, type StoredProjectConfig } from '../contract/project-config.contract';
import { saveIfUnchanged, type SwapOutcome, type VersionedRow } from './compare-and-swap';
import { StoredDataError } from './stored-data-error';

/**
 * A project's Firebreak settings live in the custom entity `project-settings` (manifest.yml), keyed
 * by project key and saved by compare-and-swap on `version`. Until issue 11 they lived in the plain
 * key `project-config:SHOP`; the first read moves it into the entity.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/storage-api-custom-entities/
 */
const ENTITY = 'project-settings';

interface SettingsRow extends VersionedRow {
  readonly projectKey: string;
  readonly document: StoredProjectConfig;
}

const settingsRowSchema = z.object({
  projectKey: z.string(),
  version: z.number().int().positive(),
  saveId: z.string().min(1),
  document: storedProjectConfigSchema,
});

const legacyKey = (projectKey: string): string => `project-config:${projectKey}`;
const damaged = (projectKey: string) => new StoredDataError(`The Firebreak settings stored for project ${projectKey} are not in a shape Firebreak understands.`);

const parseRow = (value: unknown, projectKey: string): StoredProjectConfig => {
  const parsed = settingsRowSchema.safeParse(value);
  if (!parsed.success || parsed.data.version !== parsed.data.document.version) throw damaged(projectKey);
  return parsed.data.document;
};

const rowFor = (projectKey: string, stored: StoredProjectConfig): SettingsRow => ({
  projectKey,
  version: stored.version,
  document: storedProjectConfigSchema.parse(stored),
});

const settingsRows = () => kvs.entity<SettingsRow>(ENTITY);

/** The old plain key moved into the entity, once: the row is created only if none exists, and the key deleted in the same transaction. */
const moveLegacy = async (projectKey: string, legacy: unknown): Promise<StoredProjectConfig> => {
  const parsed = storedProjectConfigSchema.safeParse(legacy);
  if (!parsed.success) throw damaged(projectKey);
  const row = rowFor(projectKey, parsed.data);
  if ((await saveIfUnchanged(ENTITY, projectKey, row, 0, [legacyKey(projectKey)])) === 'saved') return row.document;
  const current = await settingsRows().get(projectKey);
  if (current === undefined) throw damaged(projectKey);
  return parseRow(current, projectKey);
};

/**
 * The project's saved configuration, validated on read; `null` while it runs on the defaults. The
 * row and the old key are read together, so moving an old one costs no extra round trip.
 */
export const readProjectConfig = async (projectKey: string): Promise<StoredProjectConfig | null> => {
  const [row, legacy] = await Promise.all([settingsRows().get(projectKey), kvs.get(legacyKey(projectKey))]);
  if (row !== undefined) return parseRow(row, projectKey);
  if (legacy === undefined) return null;
  return moveLegacy(projectKey, legacy);
};

/**
 * Saves the settings (`stored.version` = `baseVersion + 1`) if nobody saved since `baseVersion`.
 * @see ./compare-and-swap.ts
 */
export const saveProjectConfig = async (projectKey: string, stored: StoredProjectConfig, baseVersion: number): Promise<SwapOutcome> =>
  saveIfUnchanged(ENTITY, projectKey, rowFor(projectKey, stored), baseVersion);
