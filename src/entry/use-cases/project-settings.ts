import type { ProjectConfig, ProjectConfigView, SupportWipView } from '../../contract/project-config.contract';
import { DEFAULT_PROJECT_CONFIG } from '../../domain/config/project-config';
import { IN_PROGRESS_CATEGORY, wipStandingOf } from '../../domain/config/wip-limits';
import { decidedSeverityOf } from '../../domain/report/report';
import { findGroupByName } from '../../jira/groups';
import { isJiraError } from '../../jira/jira-error';
import { getProjectIssueTypes, getStatusNames } from '../../jira/projects';
import { getProjectRoles, unlessRefused } from '../../jira/roles';
import { getIssueProgress } from '../../jira/statuses';
import { getDisplayNames } from '../../jira/users';
import { clearCapacityCache } from '../../storage/capacity-cache.store';
import { readProjectConfig, saveProjectConfig } from '../../storage/project-config.store';
import { refuse } from '../refusal';
import type { HandlerContext } from '../resolvers/resolver-definition';
import { loadIssueState } from './issue-state';
import { supportWorkInProgress } from './support-wip';

/**
 * The project settings page's view: the saved settings (or the defaults) with their version, and
 * for a project admin the project's roles to choose triagers from. The roles are read as that admin:
 * Jira shows them to project admins only, so others see who triages without the list.
 */
export const readProjectSettingsView = async (projectKey: string, handler: HandlerContext): Promise<ProjectConfigView> => {
  const canEdit = handler.access.granted.has('ADMINISTER_PROJECTS');
  const [stored, issueTypes, statuses, roles] = await Promise.all([
    readProjectConfig(projectKey),
    getProjectIssueTypes(handler.jira.asUser, projectKey),
    getStatusNames(handler.jira.asUser),
    canEdit ? unlessRefused(getProjectRoles(handler.jira.asUser, projectKey)) : Promise.resolve(null),
  ]);
  const config = stored?.config ?? DEFAULT_PROJECT_CONFIG;
  return {
    projectKey,
    version: stored?.version ?? 0,
    config,
    canEdit,
    issueTypes,
    statuses,
    roles: roles?.map(({ name, description }) => ({ name, description })) ?? null,
    people: await rotationNames(config, handler),
  };
};

/**
 * Names of the people the on-call rotation names, as the viewer may see them. Names are labels: when
 * Jira cannot answer, the page shows "someone Jira does not show you" rather than failing.
 */
const rotationNames = async (config: ProjectConfig, handler: HandlerContext): Promise<Record<string, string>> => {
  const onCall = config.onCall;
  // disputes (issue 16 part 4): the person with the final say on severity disputes is named too.
  const authority = config.disputeAuthority?.kind === 'person' ? [config.disputeAuthority.accountId] : [];
  const ids = [...(onCall?.people ?? []), ...(onCall?.swaps ?? []).flatMap((swap) => [swap.covering, swap.coveredFor]), ...authority].filter((id) => id !== '');

  if (ids.length === 0) return {};
  const names = await getDisplayNames(handler.jira.asUser, ids).catch((error: unknown) => {
    if (isJiraError(error)) return new Map<string, string>();
    throw error;
  });
  return Object.fromEntries(names);
};

/**
 * The capacity team's group as Jira spells it, checked as the admin saving it (a group that does not
 * exist would make the gadget count nobody). Unchanged since the last save: not asked again.
 */
const checkedCapacityTeam = async (config: ProjectConfig, saved: ProjectConfig | undefined, handler: HandlerContext): Promise<ProjectConfig> => {
  const team = config.capacityTeam;
  if (team?.source !== 'group') return config;
  const before = saved?.capacityTeam;
  if (before?.source === 'group' && before.groupName === team.groupName) return config;
  let found: string | null;
  try {
    found = await findGroupByName(handler.jira.asUser, team.groupName);
  } catch (error) {
    if (isJiraError(error) && (error.kind === 'forbidden' || error.kind === 'unauthorized'))
      refuse('FORBIDDEN', 'Jira did not let you look up groups (it needs the Browse users and groups permission). Nothing was saved; ask a Jira admin for it, or count the people who log work.', 'config.capacityTeam.groupName');
    throw error;
  }
  if (found === null) refuse('INVALID_INPUT', `Jira has no group called “${team.groupName}”. Check the name as Jira’s admin pages show it. Nothing was saved.`, 'config.capacityTeam.groupName');
  return { ...config, capacityTeam: { source: 'group', groupName: found ?? team.groupName } };
};

// disputes (issue 16 part 4)
/**
 * Who has the final say on severity disputes, checked as the admin saving it: a group Jira has (as
 * Jira spells it), a role the project has. A person was chosen from Jira's own search. Unchanged
 * since the last save: not asked again.
 */
const checkedDisputeAuthority = async (projectKey: string, config: ProjectConfig, saved: ProjectConfig | undefined, handler: HandlerContext): Promise<ProjectConfig> => {
  const authority = config.disputeAuthority;
  if (authority === undefined || authority.kind === 'person' || JSON.stringify(authority) === JSON.stringify(saved?.disputeAuthority)) return config;
  const field = `config.disputeAuthority.${authority.kind === 'group' ? 'groupName' : 'roleName'}`;
  try {
    if (authority.kind === 'group') {
      const found = await findGroupByName(handler.jira.asUser, authority.groupName);
      if (found === null) refuse('INVALID_INPUT', `Jira has no group called “${authority.groupName}”. Check the name as Jira’s admin pages show it. Nothing was saved.`, field);
      return { ...config, disputeAuthority: { kind: 'group', groupName: found ?? authority.groupName } };
    }
    const roles = await getProjectRoles(handler.jira.asUser, projectKey);
    const role = roles.find((candidate) => candidate.name.toLowerCase() === authority.roleName.toLowerCase());
    if (role === undefined) refuse('INVALID_INPUT', `This project has no role called “${authority.roleName}”. Choose one of its roles. Nothing was saved.`, field);
    return { ...config, disputeAuthority: { kind: 'role', roleName: role?.name ?? authority.roleName } };
  } catch (error) {
    if (isJiraError(error) && (error.kind === 'forbidden' || error.kind === 'unauthorized'))
      refuse('FORBIDDEN', `Jira did not let you look up ${authority.kind === 'group' ? 'groups (it needs the Browse users and groups permission)' : 'this project’s roles'}. Nothing was saved; ask a Jira admin for it.`, field);
    throw error;
  }
};

const conflict = (projectKey: string, newestVersion: number): never =>
  refuse(
    'CONFLICT',
    `Someone else saved ${projectKey}’s Firebreak settings while you were editing (they are now at version ${String(newestVersion)}). Their version is shown; apply your change to it and save again.`,
  );

/**
 * Saves the project's settings if nobody saved since `baseVersion`. Storage decides (compare-and-swap),
 * so of two admins saving from the same version one lands and the other is refused with CONFLICT.
 * The caller has checked Administer projects, as the user.
 */
export const saveProjectSettings = async (projectKey: string, config: ProjectConfig, baseVersion: number, handler: HandlerContext): Promise<ProjectConfigView> => {
  const current = await readProjectConfig(projectKey);
  if ((current?.version ?? 0) !== baseVersion) conflict(projectKey, current?.version ?? 0);
  const checked = await checkedDisputeAuthority(projectKey, await checkedCapacityTeam(config, current?.config, handler), current?.config, handler);
  const stored = { schemaVersion: 1 as const, version: baseVersion + 1, config: checked, updatedAt: handler.now().toISOString(), updatedBy: handler.access.accountId };
  if ((await saveProjectConfig(projectKey, stored, baseVersion)) === 'conflict') conflict(projectKey, (await readProjectConfig(projectKey))?.version ?? 0);
  // What counts as production support may have changed: cached gadget figures are stale.
  await clearCapacityCache();
  return readProjectSettingsView(projectKey, handler);
};

/**
 * Where an issue stands against its project's support WIP limit, as the Definition of Ready panel
 * shows it ("Emergency work in progress: 2 of 2"). The class, the decided level and the limits come
 * from app storage; the count from the same search the validator makes, run as the viewer, so Jira
 * counts only issues they may browse. A damaged record reads as unclassified (no line), since this
 * only informs. The caller has checked Browse projects on the issue, as the user.
 */
export const readSupportWip = async (issueKey: string, handler: HandlerContext): Promise<SupportWipView> => {
  // The panel passes the key Jira shows now, which names the issue's project: one without limits (most) costs no Jira read.
  const keyProject = issueKey.slice(0, issueKey.lastIndexOf('-'));
  if (Object.keys((await readProjectConfig(keyProject))?.config.wipLimits?.limits ?? {}).length === 0) return { wip: null };
  const issue = await getIssueProgress(handler.jira.asUser, issueKey);
  const state = await loadIssueState({ id: issue.id, key: issueKey, projectKey: issue.projectKey, issueType: issue.issueType }, { legacyReader: handler.jira.asApp, onDamaged: 'as-empty' });
  const report = state.stored?.report ?? null;
  const standing = wipStandingOf(state.config.wipLimits, {
    classOfService: report?.classification?.classOfService,
    decidedLevel: decidedSeverityOf(report)?.level,
    topLevel: state.policy.levels[0]?.id,
  });
  if (standing.kind === 'unlimited') return { wip: null };
  const others = await supportWorkInProgress(handler.jira.asUser, issue.projectKey, standing.classOfService, issue.id);
  return {
    wip: { classOfService: standing.classOfService, limit: standing.limit, othersInProgress: others.length, thisInProgress: issue.statusCategory === IN_PROGRESS_CATEGORY, exempt: standing.kind === 'exempt' },
  };
};
