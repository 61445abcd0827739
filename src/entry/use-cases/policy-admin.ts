import type { PolicyRecord, PolicyView, SeverityPolicy } from '../../contract/policy.contract';
import { weeklyBudgetStatus } from '../../domain/policy/apply-policy';
import { describePolicyChanges } from '../../domain/policy/policy-diff';
import { DEFAULT_POLICY, POLICY_PRESETS } from '../../domain/policy/presets';
import { getPriorityNames } from '../../jira/priorities';
import { countIssues } from '../../jira/search';
import { clearCapacityCache } from '../../storage/capacity-cache.store';
import { readPolicyRecord, savePolicyRecord } from '../../storage/policy.store';
import { refuse } from '../refusal';
import type { HandlerContext } from '../resolvers/resolver-definition';

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

/** The admin page's view of a scope: its own policy (or the one it falls back on), version and history. */
export const readPolicyView = async (projectKey: string | null, handler: HandlerContext, canEdit: boolean): Promise<PolicyView> => {
  const [own, site, jiraPriorities] = await Promise.all([
    readPolicyRecord(projectKey),
    projectKey === null ? Promise.resolve(null) : readPolicyRecord(null),
    getPriorityNames(handler.jira.asUser),
  ]);
  const policy = own?.policy ?? site?.policy ?? DEFAULT_POLICY;
  return {
    scope: projectKey === null ? { kind: 'global' } : { kind: 'project', projectKey },
    version: own?.version ?? 0,
    policy,
    source: own?.policy != null ? (projectKey === null ? 'site' : 'project') : site?.policy != null ? 'site' : 'default',
    canEdit,
    presets: POLICY_PRESETS.map(({ id, name, policy: presetPolicy }) => ({ id, name, policy: presetPolicy })),
    history: own?.history ?? [],
    jiraPriorities,
    budget: await budgetFor(policy, handler, projectKey),
  };
};

const conflict = (projectKey: string | null, newest: PolicyRecord | null): never =>
  refuse(
    'CONFLICT',
    `Someone else changed ${projectKey === null ? 'the site’s severity policy' : `${projectKey}’s severity policy`} while you were editing (it is now at version ${String(newest?.version ?? 0)}). Their version is shown; apply your change to it and save again.`,
  );

/**
 * Saves a scope's policy (or, for a project, `null`: back to the site's), recording who changed what
 * and when. Storage decides whether the version the person started from is still the newest: of two
 * saves from the same version exactly one lands, and the other is refused with CONFLICT so that
 * person can reapply their change to the newer version (nothing is overwritten, the history
 * included).
 */
export const savePolicy = async (projectKey: string | null, policy: SeverityPolicy | null, baseVersion: number, handler: HandlerContext): Promise<PolicyView> => {
  if (policy === null && projectKey === null) refuse('INVALID_INPUT', 'The site needs a policy; choose a preset to start from.', 'policy');
  const [current, site] = await Promise.all([readPolicyRecord(projectKey), projectKey === null ? Promise.resolve(null) : readPolicyRecord(null)]);
  if ((current?.version ?? 0) !== baseVersion) conflict(projectKey, current);
  if (policy !== null) await checkPriorities(policy, handler);
  const fallback = site?.policy ?? DEFAULT_POLICY;
  const before = current?.policy ?? (projectKey === null ? DEFAULT_POLICY : fallback);
  if (policy === null && current?.policy == null) return readPolicyView(projectKey, handler, true);

  const changes = policy === null ? ['Removed this project’s own policy: the site’s policy applies again.'] : describePolicyChanges(before, policy);
  const version = baseVersion + 1;
  const at = handler.now().toISOString();
  const record: PolicyRecord = {
    schemaVersion: 1,
    version,
    policy,
    updatedAt: at,
    updatedBy: handler.access.accountId,
    history: [{ version, at, by: handler.access.accountId, changes: changes.length === 0 ? ['Saved without changes.'] : changes }, ...(current?.history ?? [])].slice(0, HISTORY_KEPT),
  };
  if ((await savePolicyRecord(projectKey, record, baseVersion)) === 'conflict') conflict(projectKey, await readPolicyRecord(projectKey));
  await clearCapacityCache();
  return readPolicyView(projectKey, handler, true);
};

/** Each level's Jira priority must exist on this site (read as the admin). */
const checkPriorities = async (policy: SeverityPolicy, handler: HandlerContext): Promise<void> => {
  const priorities = await getPriorityNames(handler.jira.asUser);
  const index = policy.levels.findIndex((level) => level.jiraPriority !== null && !priorities.includes(level.jiraPriority));
  const level = policy.levels[index];
  if (level !== undefined) {
    refuse(
      'INVALID_INPUT',
      `${level.name} maps to the Jira priority "${level.jiraPriority ?? ''}", which this site does not have. Choose one of: ${priorities.join(', ')}.`,
      `policy.levels.${String(index)}.jiraPriority`,
    );
  }
};
