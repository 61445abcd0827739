import type { ScenarioSecurityLevel } from '../scenarios/scenario.schema.js';
import { canBrowse, type Caller } from './jira.permissions.js';
import type { JiraStore, StoredIssue } from './jira.store.js';

/**
 * Issue security levels: an issue under a level is visible only to the level's members, on top of
 * Browse projects. Jira answers for such an issue as for one that does not exist (404 by key,
 * left out of searches, counts, permission checks and board listings), so nothing tells a
 * non-member it is there.
 * @see https://support.atlassian.com/jira-cloud-administration/docs/configure-issue-security-schemes/
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-security-level/
 */

/** The role Jira puts installed apps (Connect and Forge) in, in every project. */
const ADDONS_ROLE = 'atlassian-addons-project-access';

/**
 * The level an issue is under. A sub-task has no level of its own: Jira keeps it at its parent's.
 * @see https://support.atlassian.com/jira-cloud-administration/docs/configure-issue-security-schemes/
 */
export function securityLevelOf(store: JiraStore, issue: StoredIssue): ScenarioSecurityLevel | undefined {
  const parent = issue.parentKey === undefined || store.issueType(issue.issueTypeId)?.subtask !== true ? undefined : store.issueByKey(issue.parentKey);
  const levelId = parent?.securityLevelId ?? issue.securityLevelId;
  if (levelId === null) return undefined;
  return store.scenario.issueSecuritySchemes.flatMap((scheme) => scheme.levels).find((level) => level.id === levelId);
}

/** Whether the caller holds a project role in a project, directly or through a group; the app holds the add-ons role. */
export function holdsRole(store: JiraStore, caller: Caller, projectKey: string, roleName: string): boolean {
  const accountId = caller.kind === 'app' ? store.scenario.site.appAccountId : caller.accountId;
  if (caller.kind === 'app') return roleName === ADDONS_ROLE;
  const actors = store.project(projectKey)?.roleActors[roleName];
  if (actors === undefined) return false;
  return actors.users.includes(accountId) || store.scenario.groups.some((group) => actors.groups.includes(group.name) && group.members.includes(accountId));
}

/** Whether the caller is one of the level's members for this issue (reporter and assignee are read from the issue). */
export function isLevelMember(store: JiraStore, caller: Caller, issue: StoredIssue, level: ScenarioSecurityLevel): boolean {
  const accountId = caller.kind === 'app' ? store.scenario.site.appAccountId : caller.accountId;
  return level.members.some((member) => {
    switch (member.type) {
      case 'user':
        return member.accountId === accountId;
      case 'group':
        return caller.kind === 'user' && store.scenario.groups.some((group) => group.name === member.groupName && group.members.includes(accountId));
      case 'projectRole':
        return holdsRole(store, caller, issue.projectKey, member.roleName);
      case 'reporter':
        return caller.kind === 'user' && issue.reporter === accountId;
      case 'assignee':
        return caller.kind === 'user' && issue.assignee === accountId;
    }
  });
}

/** Whether the caller may see the issue at all: Browse projects for its project, and membership of its level if it has one. */
export function canSeeIssue(store: JiraStore, caller: Caller, issue: StoredIssue): boolean {
  if (!canBrowse(store, caller, issue.projectKey)) return false;
  const level = securityLevelOf(store, issue);
  return level === undefined || isLevelMember(store, caller, issue, level);
}

/** `fields.security` as Jira serves it: the level's self, id, name and description. */
export function securityLevelJson(base: string, level: ScenarioSecurityLevel): Record<string, unknown> {
  return { self: `${base}/rest/api/3/securitylevel/${level.id}`, id: level.id, description: level.description, name: level.name };
}
