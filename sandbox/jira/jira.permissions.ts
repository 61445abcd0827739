import type { JiraStore } from './jira.store.js';

/** `viaApp`: a user's request the app made with `asUser()` (the runtime uses it to emulate `ignoreSelf`). */
export type Caller = { kind: 'user'; accountId: string; viaApp?: true } | { kind: 'app' };

/**
 * Jira permission keys the emulator knows, with the scenario grant that implies each.
 * Scenario grants are coarse (browse / edit / administer per project, plus site admin);
 * this table maps them onto Jira's built-in permission keys the way a default permission scheme would.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get
 */
export const PERMISSIONS = {
  ADMINISTER: { id: '0', name: 'Administer Jira', type: 'GLOBAL', grant: 'siteAdmin', description: 'Create and administer projects, issue types, fields, workflows, and schemes.' },
  BROWSE_PROJECTS: { id: '10', name: 'Browse Projects', type: 'PROJECT', grant: 'browse', description: 'Ability to browse projects and the issues within them.' },
  ADD_COMMENTS: { id: '15', name: 'Add Comments', type: 'PROJECT', grant: 'browse', description: 'Ability to comment on issues.' },
  CREATE_ISSUES: { id: '11', name: 'Create Issues', type: 'PROJECT', grant: 'edit', description: 'Ability to create issues.' },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', type: 'PROJECT', grant: 'edit', description: 'Ability to edit issues.' },
  ASSIGN_ISSUES: { id: '13', name: 'Assign Issues', type: 'PROJECT', grant: 'edit', description: 'Ability to assign issues to other people.' },
  ASSIGNABLE_USER: { id: '17', name: 'Assignable User', type: 'PROJECT', grant: 'edit', description: 'Users with this permission may be assigned to issues.' },
  TRANSITION_ISSUES: { id: '46', name: 'Transition Issues', type: 'PROJECT', grant: 'edit', description: 'Ability to transition issues.' },
  RESOLVE_ISSUES: { id: '14', name: 'Resolve Issues', type: 'PROJECT', grant: 'edit', description: 'Ability to resolve and reopen issues.' },
  CLOSE_ISSUES: { id: '18', name: 'Close Issues', type: 'PROJECT', grant: 'edit', description: 'Ability to close issues.' },
  LINK_ISSUES: { id: '21', name: 'Link Issues', type: 'PROJECT', grant: 'edit', description: 'Ability to link issues together.' },
  WORK_ON_ISSUES: { id: '20', name: 'Work On Issues', type: 'PROJECT', grant: 'edit', description: 'Ability to log work done against an issue.' },
  EDIT_OWN_WORKLOGS: { id: '40', name: 'Edit Own Worklogs', type: 'PROJECT', grant: 'edit', description: 'Ability to edit own worklogs made on issues.' },
  EDIT_ALL_WORKLOGS: { id: '41', name: 'Edit All Worklogs', type: 'PROJECT', grant: 'administer', description: 'Ability to edit all worklogs made on issues.' },
  DELETE_OWN_WORKLOGS: { id: '42', name: 'Delete Own Worklogs', type: 'PROJECT', grant: 'edit', description: 'Ability to delete own worklogs made on issues.' },
  DELETE_ALL_WORKLOGS: { id: '43', name: 'Delete All Worklogs', type: 'PROJECT', grant: 'administer', description: 'Ability to delete all worklogs made on issues.' },
  SCHEDULE_ISSUES: { id: '28', name: 'Schedule Issues', type: 'PROJECT', grant: 'edit', description: 'Ability to view or edit an issue due date.' },
  EDIT_OWN_COMMENTS: { id: '34', name: 'Edit Own Comments', type: 'PROJECT', grant: 'browse', description: 'Ability to edit own comments.' },
  EDIT_ALL_COMMENTS: { id: '35', name: 'Edit All Comments', type: 'PROJECT', grant: 'administer', description: 'Ability to edit all comments.' },
  DELETE_OWN_COMMENTS: { id: '37', name: 'Delete Own Comments', type: 'PROJECT', grant: 'browse', description: 'Ability to delete own comments.' },
  DELETE_ALL_COMMENTS: { id: '36', name: 'Delete All Comments', type: 'PROJECT', grant: 'administer', description: 'Ability to delete all comments.' },
  DELETE_ISSUES: { id: '16', name: 'Delete Issues', type: 'PROJECT', grant: 'administer', description: 'Ability to delete issues.' },
  ADMINISTER_PROJECTS: { id: '23', name: 'Administer Projects', type: 'PROJECT', grant: 'administer', description: 'Ability to administer a project in Jira.' },
  // Part: security. Granted with `administer`: the stricter reading of the coarse grants, since who may set a level decides who may see the issue.
  SET_ISSUE_SECURITY: { id: '26', name: 'Set Issue Security', type: 'PROJECT', grant: 'administer', description: 'Ability to set the level of security on an issue so that only people in that security level can see the issue.' },
  // Part: updates (issue 16). Jira's default permission scheme grants Manage watcher list to project
  // administrators, and View voters and watchers to the project's working roles; the coarse grants
  // map them to `administer` and `edit`.
  // @see https://support.atlassian.com/jira-cloud-administration/docs/manage-project-permissions/
  MANAGE_WATCHERS: { id: '32', name: 'Manage Watchers', type: 'PROJECT', grant: 'administer', description: 'Ability to manage the watchers of an issue.' },
  VIEW_VOTERS_AND_WATCHERS: { id: '31', name: 'View Voters and Watchers', type: 'PROJECT', grant: 'edit', description: 'Ability to view the voters and watchers of an issue.' },
} as const;

export type PermissionKey = keyof typeof PERMISSIONS;

export function isPermissionKey(key: string): key is PermissionKey {
  return Object.hasOwn(PERMISSIONS, key);
}

const COMMENT_PERMISSIONS: ReadonlySet<PermissionKey> = new Set(['ADD_COMMENTS', 'EDIT_OWN_COMMENTS', 'DELETE_OWN_COMMENTS']);

/** Whether the caller holds a permission; project permissions need a project key, global ones ignore it. */
export function hasPermission(store: JiraStore, caller: Caller, key: PermissionKey, projectKey?: string): boolean {
  if (caller.kind === 'app') return true;
  const user = store.user(caller.accountId);
  if (user === undefined) return false;
  const def = PERMISSIONS[key];
  if (def.grant === 'siteAdmin') return user.siteAdmin;
  if (projectKey === undefined) return false;
  if ((user.withheldPermissions[projectKey] ?? []).includes(key)) return false;
  const grants = user.projectPermissions[projectKey] ?? [];
  // disputes (issue 16 part 4): a scheme may grant Browse projects without Add comments; each permission is granted on its own.
  // @see https://support.atlassian.com/jira-cloud-administration/docs/manage-project-permissions/
  if (grants.includes('no-comments') && COMMENT_PERMISSIONS.has(key)) return false;
  const level = grants.includes('administer') || (def.grant === 'administer' && user.siteAdmin) ? 3 : grants.includes('edit') ? 2 : grants.includes('browse') ? 1 : 0;
  const needed = def.grant === 'browse' ? 1 : def.grant === 'edit' ? 2 : 3;
  return level >= needed;
}

export const canBrowse = (store: JiraStore, caller: Caller, projectKey: string): boolean =>
  hasPermission(store, caller, 'BROWSE_PROJECTS', projectKey);
