import { kvs, WhereConditions } from '@forge/kvs';

import { storedPolicySchema, type SeverityPolicy, type StoredPolicy } from '../contract/policy.contract';
import { DEFAULT_POLICY } from '../domain/policy/presets';
import { StoredDataError } from './stored-data-error';

const PROJECT_POLICY_PREFIX = 'policy:project:';

/** `policy:global` for the site, `policy:project:SHOP` for a project's override. */
export const policyKey = (projectKey: string | null): string => (projectKey === null ? 'policy:global' : `${PROJECT_POLICY_PREFIX}${projectKey}`);

const parseStored = (value: unknown, projectKey: string | null): StoredPolicy => {
  const parsed = storedPolicySchema.safeParse(value);
  if (!parsed.success) throw new StoredDataError(`The severity policy stored for ${projectKey ?? 'the site'} is not in a shape Firebreak understands.`);
  return parsed.data;
};

export const readStoredPolicy = async (projectKey: string | null): Promise<StoredPolicy | null> => {
  const value: unknown = await kvs.get(policyKey(projectKey));
  if (value === undefined) return null;
  return parseStored(value, projectKey);
};

/**
 * Every project's override, for work that spans projects (the cadence reminders). Overrides are
 * not registered anywhere else, so this walks the keys under `policy:project:`, one KVS query page
 * per 100 overrides.
 * @see https://developer.atlassian.com/platform/forge/runtime-reference/storage-api-query/
 */
export const listProjectPolicies = async (): Promise<Array<{ readonly projectKey: string; readonly stored: StoredPolicy }>> => {
  const found: Array<{ projectKey: string; stored: StoredPolicy }> = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(PROJECT_POLICY_PREFIX)).limit(100);
    if (cursor !== undefined) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const entry of page.results) {
      const projectKey = entry.key.slice(PROJECT_POLICY_PREFIX.length);
      found.push({ projectKey, stored: parseStored(entry.value, projectKey) });
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return found;
};

export const writeStoredPolicy = async (projectKey: string | null, stored: StoredPolicy): Promise<void> => {
  await kvs.set(policyKey(projectKey), storedPolicySchema.parse(stored));
};

export const removeStoredPolicy = async (projectKey: string): Promise<void> => {
  await kvs.delete(policyKey(projectKey));
};

/** The policy in force for a project: its override, else the site's, else Firebreak's default. */
export const readEffectivePolicy = async (projectKey: string): Promise<{ policy: SeverityPolicy; source: 'project' | 'site' | 'default' }> => {
  const [project, site] = await Promise.all([readStoredPolicy(projectKey), readStoredPolicy(null)]);
  if (project !== null) return { policy: project.policy, source: 'project' };
  if (site !== null) return { policy: site.policy, source: 'site' };
  return { policy: DEFAULT_POLICY, source: 'default' };
};
