import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';

import { policyRecordSchema, storedPolicySchema, type PolicyRecord, type SeverityPolicy, type StoredPolicy } from '../contract/policy.contract';
import { effectivePolicy, type PolicySource } from '../domain/policy/effective-policy';
import { saveIfUnchanged, type SwapOutcome, type VersionedRow } from './compare-and-swap';
import { StoredDataError } from './stored-data-error';

/**
 * The severity policy lives in the custom entity `severity-policy` (manifest.yml): one row for the
 * site (key `site`) and one per project that has its own (key `project:SHOP`), each saved by
 * compare-and-swap on its `version`. Until issue 11 it lived in plain KVS keys (`policy:global`,
 * `policy:project:SHOP`), which have no conditional write but FAIL_IF_EXISTS; the first read of a
 * scope moves its old key into the entity.
 */
const ENTITY = 'severity-policy';
const LEGACY_PROJECT_PREFIX = 'policy:project:';

interface PolicyRow extends VersionedRow {
  readonly scope: 'site' | 'project';
  /** Only on project rows: what the `by-scope` index ranges on. */
  readonly projectKey?: string;
  readonly document: PolicyRecord;
}

const policyRowSchema = z.object({
  scope: z.enum(['site', 'project']),
  projectKey: z.string().optional(),
  version: z.number().int().positive(),
  saveId: z.string().min(1),
  document: policyRecordSchema,
});

const rowKey = (projectKey: string | null): string => (projectKey === null ? 'site' : `project:${projectKey}`);
const legacyKey = (projectKey: string | null): string => (projectKey === null ? 'policy:global' : `${LEGACY_PROJECT_PREFIX}${projectKey}`);
const scopeName = (projectKey: string | null): string => (projectKey === null ? 'the site' : `project ${projectKey}`);

const parseRow = (value: unknown, projectKey: string | null): PolicyRecord => {
  const parsed = policyRowSchema.safeParse(value);
  if (!parsed.success || parsed.data.version !== parsed.data.document.version) {
    throw new StoredDataError(`The severity policy stored for ${scopeName(projectKey)} is not in a shape Firebreak understands.`);
  }
  return parsed.data.document;
};

const parseLegacy = (value: unknown, projectKey: string | null): StoredPolicy => {
  const parsed = storedPolicySchema.safeParse(value);
  if (!parsed.success) throw new StoredDataError(`The severity policy stored for ${scopeName(projectKey)} is not in a shape Firebreak understands.`);
  return parsed.data;
};

const rowFor = (projectKey: string | null, record: PolicyRecord): PolicyRow => ({
  scope: projectKey === null ? 'site' : 'project',
  ...(projectKey === null ? {} : { projectKey }),
  version: record.version,
  document: policyRecordSchema.parse(record),
});

const policyRows = () => kvs.entity<PolicyRow>(ENTITY);

/**
 * Moves a policy from its old plain key into the entity, keeping its version and history: the row is
 * created only if none exists and the old key is deleted in the same transaction, so two readers
 * moving at once (or a save racing the move) leave one row and no old key.
 */
const moveLegacy = async (projectKey: string | null, legacy: StoredPolicy): Promise<PolicyRecord> => {
  const row = rowFor(projectKey, legacy);
  if ((await saveIfUnchanged(ENTITY, rowKey(projectKey), row, 0, [legacyKey(projectKey)])) === 'saved') return row.document;
  const current = await policyRows().get(rowKey(projectKey));
  if (current === undefined) throw new StoredDataError(`The severity policy for ${scopeName(projectKey)} could not be moved to its new place.`);
  return parseRow(current, projectKey);
};

/**
 * Everything kept for a scope, history included, with its version; `null` while nothing was ever
 * saved there. The row and the old key are read together, so the move costs no extra round trip.
 */
export const readPolicyRecord = async (projectKey: string | null): Promise<PolicyRecord | null> => {
  const [row, legacy] = await Promise.all([policyRows().get(rowKey(projectKey)), kvs.get(legacyKey(projectKey))]);
  if (row !== undefined) return parseRow(row, projectKey);
  if (legacy === undefined) return null;
  return moveLegacy(projectKey, parseLegacy(legacy, projectKey));
};

/** The scope's own policy in force: `null` when it has none (never saved, or a project's removed). */
export const readStoredPolicy = async (projectKey: string | null): Promise<StoredPolicy | null> => {
  const record = await readPolicyRecord(projectKey);
  if (record?.policy == null) return null;
  return { ...record, policy: record.policy };
};

/**
 * Saves a scope's record (`record.version` = `baseVersion + 1`) if nobody saved since `baseVersion`.
 * @see ./compare-and-swap.ts
 */
export const savePolicyRecord = async (projectKey: string | null, record: PolicyRecord, baseVersion: number): Promise<SwapOutcome> =>
  saveIfUnchanged(ENTITY, rowKey(projectKey), rowFor(projectKey, record), baseVersion);

/**
 * Every project's own policy, for work that spans projects (the cadence reminders): the entity's
 * `by-scope` index, one page per 100 projects, after moving any old keys no read has moved yet.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/storage-api-custom-entities/
 */
export const listProjectPolicies = async (): Promise<Array<{ readonly projectKey: string; readonly stored: StoredPolicy }>> => {
  await moveLegacyProjectPolicies();
  const found: Array<{ projectKey: string; stored: StoredPolicy }> = [];
  let cursor: string | undefined;
  do {
    let query = policyRows().query().index('by-scope', { partition: ['project'] }).limit(100);
    if (cursor !== undefined) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const entry of page.results) {
      const projectKey = entry.value.projectKey ?? entry.key.replace(/^project:/, '');
      const record = parseRow(entry.value, projectKey);
      if (record.policy !== null) found.push({ projectKey, stored: { ...record, policy: record.policy } });
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return found;
};

/**
 * Moves every policy still in an old plain key (the site's and each project's) into the entity: the
 * scheduled run calls it, so an old install's policies move even before anyone opens a page. When
 * nothing is left to move it costs the site's two reads (row and old key, together) and one query.
 */
export const moveLegacyPolicies = async (): Promise<void> => {
  await Promise.all([readPolicyRecord(null), moveLegacyProjectPolicies()]);
};

const moveLegacyProjectPolicies = async (): Promise<void> => {
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(LEGACY_PROJECT_PREFIX)).limit(100);
    if (cursor !== undefined) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const entry of page.results) {
      const projectKey = entry.key.slice(LEGACY_PROJECT_PREFIX.length);
      await moveLegacy(projectKey, parseLegacy(entry.value, projectKey));
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
};

/** The policy in force for a project: its own, else the site's, else Firebreak's default. */
export const readEffectivePolicy = async (projectKey: string): Promise<{ readonly policy: SeverityPolicy; readonly source: PolicySource }> => {
  const [project, site] = await Promise.all([readStoredPolicy(projectKey), readStoredPolicy(null)]);
  return effectivePolicy(project?.policy ?? null, site?.policy ?? null);
};
