import { kvs } from '@forge/kvs';

import { storedPolicySchema, type SeverityPolicy, type StoredPolicy } from '../contract/policy.contract';
import { DEFAULT_POLICY } from '../domain/policy/presets';
import { StoredDataError } from './stored-data-error';

/** `policy:global` for the site, `policy:project:SHOP` for a project's override. */
export const policyKey = (projectKey: string | null): string => (projectKey === null ? 'policy:global' : `policy:project:${projectKey}`);

export const readStoredPolicy = async (projectKey: string | null): Promise<StoredPolicy | null> => {
  const value: unknown = await kvs.get(policyKey(projectKey));
  if (value === undefined) return null;
  const parsed = storedPolicySchema.safeParse(value);
  if (!parsed.success) throw new StoredDataError(`The severity policy stored for ${projectKey ?? 'the site'} is not in a shape Firebreak understands.`);
  return parsed.data;
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
