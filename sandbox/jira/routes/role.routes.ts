import { forbidden, notFound } from '../jira.errors.js';
import { canBrowse, hasPermission, type Caller } from '../jira.permissions.js';
import type { RouteContext, RouteDefinition } from '../jira.router.js';
import type { ScenarioProject, ScenarioProjectRole } from '../../scenarios/scenario.schema.js';

type Json = Record<string, unknown>;

/** The role Jira puts installed apps in; `excludeConnectAddons=true` leaves it out. */
const ADDONS_ROLE = 'atlassian-addons-project-access';

/**
 * The project, for a caller who may read its roles. Jira documents role details and a role's actors
 * as needing Administer projects for the project (or Administer Jira); a user who may browse the
 * project but not administer it is refused, one who may not browse it does not learn it exists.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-roles/#api-rest-api-3-project-projectidorkey-roledetails-get
 */
function projectForRoles(ctx: RouteContext): ScenarioProject {
  const ref = ctx.params['projectIdOrKey'] ?? '';
  const project = ctx.store.project(ref);
  if (project === undefined || !canBrowse(ctx.store, ctx.caller, project.key)) throw notFound(`No project could be found with key '${ref}'.`);
  if (!hasPermission(ctx.store, ctx.caller, 'ADMINISTER_PROJECTS', project.key)) throw forbidden('You cannot edit the configuration of this project.');
  return project;
}

/** Who holds `role` in `project`: its actors as the scenario names them, plus the app in the add-ons role. */
function actorsOf(ctx: RouteContext, project: ScenarioProject, role: ScenarioProjectRole): { users: string[]; groups: string[] } {
  const actors = project.roleActors[role.name] ?? { users: [], groups: [] };
  const users = role.name === ADDONS_ROLE ? [...actors.users, ctx.store.scenario.site.appAccountId] : actors.users;
  return { users, groups: actors.groups };
}

/** Whether the caller holds `role` in `project`, directly or through one of their groups. */
function holds(ctx: RouteContext, caller: Caller, project: ScenarioProject, role: ScenarioProjectRole): boolean {
  const accountId = caller.kind === 'app' ? ctx.store.scenario.site.appAccountId : caller.accountId;
  const { users, groups } = actorsOf(ctx, project, role);
  if (users.includes(accountId)) return true;
  return ctx.store.scenario.groups.some((group) => groups.includes(group.name) && group.members.includes(accountId));
}

const roleSelf = (ctx: RouteContext, project: ScenarioProject, role: ScenarioProjectRole): string => ctx.services.serialize.url(`/rest/api/3/project/${project.id}/role/${String(role.id)}`);

const roleDetails = (ctx: RouteContext, project: ScenarioProject, role: ScenarioProjectRole): Json => ({
  self: roleSelf(ctx, project, role),
  name: role.name,
  id: role.id,
  description: role.description,
  admin: role.admin,
  default: role.default,
  roleConfigurable: true,
  translatedName: role.name,
});

/**
 * All project roles with their details, or with `currentMember=true` only those the caller holds
 * (directly or through a group).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-roles/#api-rest-api-3-project-projectidorkey-roledetails-get
 */
function projectRoleDetails(ctx: RouteContext) {
  const project = projectForRoles(ctx);
  const currentMember = ctx.query.get('currentMember') === 'true';
  const excludeAddons = ctx.query.get('excludeConnectAddons') === 'true';
  const roles = ctx.store.scenario.projectRoles
    .filter((role) => !(excludeAddons && role.name === ADDONS_ROLE))
    .filter((role) => !currentMember || holds(ctx, ctx.caller, project, role))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { status: 200, body: roles.map((role) => roleDetails(ctx, project, role)), objects: roles.length };
}

/**
 * One role of a project with its actors, sorted by display name as Jira sorts them.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-roles/#api-rest-api-3-project-projectidorkey-role-id-get
 */
function projectRole(ctx: RouteContext) {
  const project = projectForRoles(ctx);
  const id = Number(ctx.params['id']);
  const role = ctx.store.scenario.projectRoles.find((candidate) => candidate.id === id);
  if (role === undefined) throw notFound(`Can not find a project role with id: ${ctx.params['id'] ?? ''}`);
  const { users, groups } = actorsOf(ctx, project, role);
  let actorId = role.id * 100;
  const userActors = users.map((accountId) => {
    actorId += 1;
    const displayName = ctx.store.user(accountId)?.displayName ?? (accountId === ctx.store.scenario.site.appAccountId ? ctx.store.scenario.site.appName : accountId);
    return { id: actorId, displayName, type: 'atlassian-user-role-actor', actorUser: { accountId } };
  });
  const groupActors = groups.map((name) => {
    actorId += 1;
    const group = ctx.store.scenario.groups.find((candidate) => candidate.name === name);
    return { id: actorId, displayName: name, type: 'atlassian-group-role-actor', name, actorGroup: { name, displayName: name, ...(group === undefined ? {} : { groupId: group.groupId }) } };
  });
  const actors = [...userActors, ...groupActors].sort((a, b) => a.displayName.localeCompare(b.displayName));
  return { status: 200, body: { ...roleDetails(ctx, project, role), actors }, objects: 1 };
}

/**
 * A group's members, a page at a time (at most 50). Jira needs Browse users and groups (the app has
 * it; a person without it is refused); an unknown group is 404.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-groups/#api-rest-api-3-group-member-get
 */
function groupMembers(ctx: RouteContext) {
  const name = ctx.query.get('groupname');
  const id = ctx.query.get('groupId');
  const group = ctx.store.scenario.groups.find((candidate) => (name !== null && candidate.name === name) || (id !== null && candidate.groupId === id));
  if (group === undefined) throw notFound(`Group '${name ?? id ?? ''}' does not exist.`);
  if (ctx.caller.kind === 'user' && ctx.store.user(ctx.caller.accountId)?.siteAdmin !== true) throw forbidden('You do not have the permission to browse users and groups.');
  const startAt = Math.max(0, Number(ctx.query.get('startAt') ?? '0') || 0);
  const maxResults = Math.min(50, Math.max(1, Number(ctx.query.get('maxResults') ?? '50') || 50));
  const values = group.members.slice(startAt, startAt + maxResults).map((accountId) => ctx.services.serialize.user(accountId));
  return {
    status: 200,
    body: { startAt, maxResults, total: group.members.length, isLast: startAt + values.length >= group.members.length, values },
    objects: values.length,
  };
}

export const roleRoutes: RouteDefinition[] = [
  { method: 'GET', template: '/rest/api/3/group/member', cost: 'read', handler: groupMembers },
  { method: 'GET', template: '/rest/api/3/project/{projectIdOrKey}/roledetails', cost: 'read', handler: projectRoleDetails },
  { method: 'GET', template: '/rest/api/3/project/{projectIdOrKey}/role/{id}', cost: 'read', handler: projectRole },
];
