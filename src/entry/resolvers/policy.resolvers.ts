import type { PolicyView, SeverityPolicy, StoredPolicy } from '../../contract/policy.contract';
import { fail, ok, type ResolverResult } from '../../contract/result';
import { describePolicyChanges } from '../../domain/policy/policy-diff';
import { DEFAULT_POLICY, POLICY_PRESETS } from '../../domain/policy/presets';
import { weeklyBudgetStatus } from '../../domain/policy/apply-policy';
import { getPriorityNames } from '../../jira/priorities';
import { countIssues } from '../../jira/search';
import { clearCapacityCache } from '../../storage/capacity-cache.store';
import { readStoredPolicy, removeStoredPolicy, writeStoredPolicy } from '../../storage/policy.store';
import { defineResolver, type HandlerContext } from './resolver-definition';

const HISTORY_KEPT = 50;

/**
 * Top-level issues decided this week, across what the viewer can see (JQL runs as the user). The
 * report's search copy holds the decided level, so one count query answers it.
 */
const budgetFor = async (policy: SeverityPolicy, handler: HandlerContext, projectKey: string | null): Promise<PolicyView['budget']> => {
  const top = policy.levels[0];
  if (top?.weeklyBudget == null) return null;
  const scope = projectKey === null ? '' : ` AND project = ${projectKey}`;
  const used = await countIssues(handler.jira.asUser, `decidedSeverity = "${top.id}" AND created >= -7d${scope}`);
  const status = weeklyBudgetStatus(policy, used);
  return status === null ? null : { levelName: status.level.name, used: status.used, budget: status.budget, exceeded: status.exceeded };
};

const buildView = async (projectKey: string | null, handler: HandlerContext, canEdit: boolean): Promise<PolicyView> => {
  const [own, site, jiraPriorities] = await Promise.all([
    readStoredPolicy(projectKey),
    projectKey === null ? Promise.resolve(null) : readStoredPolicy(null),
    getPriorityNames(handler.jira.asUser),
  ]);
  const policy = own?.policy ?? site?.policy ?? DEFAULT_POLICY;
  return {
    scope: projectKey === null ? { kind: 'global' } : { kind: 'project', projectKey },
    version: own?.version ?? 0,
    policy,
    source: own !== null ? (projectKey === null ? 'site' : 'project') : site !== null ? 'site' : 'default',
    canEdit,
    presets: POLICY_PRESETS.map(({ id, name, policy: presetPolicy }) => ({ id, name, policy: presetPolicy })),
    history: own?.history ?? [],
    jiraPriorities,
    budget: await budgetFor(policy, handler, projectKey),
  };
};

/** Saves a policy after a version check, recording who changed what and when. */
const savePolicy = async (projectKey: string | null, policy: SeverityPolicy | null, baseVersion: number, handler: HandlerContext): Promise<ResolverResult<PolicyView>> => {
  const current = await readStoredPolicy(projectKey);
  if ((current?.version ?? 0) !== baseVersion) {
    return fail('CONFLICT', 'Someone else changed this policy while you were editing. Review their version, then apply your change again.');
  }
  if (policy !== null) {
    const priorities = await getPriorityNames(handler.jira.asUser);
    const index = policy.levels.findIndex((level) => level.jiraPriority !== null && !priorities.includes(level.jiraPriority));
    const level = policy.levels[index];
    if (level !== undefined) {
      return fail(
        'INVALID_INPUT',
        `${level.name} maps to the Jira priority "${level.jiraPriority ?? ''}", which this site does not have. Choose one of: ${priorities.join(', ')}.`,
        `policy.levels.${String(index)}.jiraPriority`,
      );
    }
  }
  if (projectKey !== null && policy === null) {
    await removeStoredPolicy(projectKey);
    return ok(await buildView(projectKey, handler, true));
  }
  if (policy === null) return fail('INVALID_INPUT', 'The site needs a policy; choose a preset to start from.', 'policy');
  const before = current?.policy ?? (projectKey === null ? DEFAULT_POLICY : ((await readStoredPolicy(null))?.policy ?? DEFAULT_POLICY));
  const changes = describePolicyChanges(before, policy);
  const version = baseVersion + 1;
  const at = handler.now().toISOString();
  const stored: StoredPolicy = {
    schemaVersion: 1,
    version,
    policy,
    updatedAt: at,
    updatedBy: handler.access.accountId,
    history: [{ version, at, by: handler.access.accountId, changes: changes.length === 0 ? ['Saved without changes.'] : changes }, ...(current?.history ?? [])].slice(0, HISTORY_KEPT),
  };
  await writeStoredPolicy(projectKey, stored);
  await clearCapacityCache();
  return ok(await buildView(projectKey, handler, true));
};

const EXAMPLE_POLICY = DEFAULT_POLICY;

export const getSitePolicy = defineResolver({
  key: 'policy/getSite',
  access: { kind: 'global', permission: 'ADMINISTER' },
  examplePayload: () => ({}),
  async handle(_payload, handler) {
    return ok(await buildView(null, handler, true));
  },
});

export const saveSitePolicy = defineResolver({
  key: 'policy/saveSite',
  access: { kind: 'global', permission: 'ADMINISTER' },
  examplePayload: () => ({ policy: EXAMPLE_POLICY, baseVersion: 0 }),
  async handle({ policy, baseVersion }, handler) {
    return savePolicy(null, policy, baseVersion, handler);
  },
});

export const getProjectPolicy = defineResolver({
  key: 'policy/getProject',
  access: { kind: 'project', permission: 'BROWSE_PROJECTS', projectKey: (payload) => payload.projectKey },
  examplePayload: ({ projectKey }) => ({ projectKey }),
  async handle({ projectKey }, handler) {
    return ok(await buildView(projectKey, handler, handler.access.granted.has('ADMINISTER_PROJECTS')));
  },
});

export const saveProjectPolicy = defineResolver({
  key: 'policy/saveProject',
  access: { kind: 'project', permission: 'ADMINISTER_PROJECTS', projectKey: (payload) => payload.projectKey },
  examplePayload: ({ projectKey }) => ({ projectKey, policy: EXAMPLE_POLICY, baseVersion: 0 }),
  async handle({ projectKey, policy, baseVersion }, handler) {
    return savePolicy(projectKey, policy, baseVersion, handler);
  },
});
