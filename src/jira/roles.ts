import { route } from '@forge/api';
import { z } from 'zod';

import type { Triagers } from '../contract/project-config.contract';
import { isJiraError } from './jira-error';
import { readJson } from './jira-response';
import type { JiraClients, JiraTransport } from './jira-transport';

const myselfSchema = z
  .object({
    accountId: z.string(),
    groups: z.object({ items: z.array(z.object({ name: z.string() }).loose()).optional() }).loose().optional(),
  })
  .loose();

const roleDetailsSchema = z.array(z.object({ id: z.number(), name: z.string(), description: z.string().optional() }).loose());

const roleSchema = z
  .object({
    actors: z
      .array(
        z
          .object({
            type: z.string().optional(),
            actorUser: z.object({ accountId: z.string() }).loose().optional(),
            actorGroup: z.object({ name: z.string().optional() }).loose().optional(),
          })
          .loose(),
      )
      .optional(),
  })
  .loose();

export interface ProjectRoleSummary {
  readonly id: number;
  readonly name: string;
  readonly description: string;
}

/**
 * The invoking user's account id and group names: `GET /myself` with `expand=groups`, as the user.
 * Needs only access to Jira. Scope: read:jira-user.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/#api-rest-api-3-myself-get
 */
export const getMyGroups = async (asUser: JiraTransport): Promise<{ readonly accountId: string; readonly groups: readonly string[] }> => {
  const me = await readJson(await asUser.request(route`/rest/api/3/myself?expand=groups`), 'GET myself', myselfSchema);
  return { accountId: me.accountId, groups: (me.groups?.items ?? []).map((group) => group.name) };
};

/**
 * The project roles (shared by all company-managed projects), without the one Jira keeps for apps.
 * Jira answers only project admins, Jira admins and the app. Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-roles/#api-rest-api-3-project-projectidorkey-roledetails-get
 */
export const getProjectRoles = async (jira: JiraTransport, projectKey: string): Promise<ProjectRoleSummary[]> => {
  const roles = await readJson(await jira.request(route`/rest/api/3/project/${projectKey}/roledetails?excludeConnectAddons=true`), 'GET project roles', roleDetailsSchema);
  return roles.map((role) => ({ id: role.id, name: role.name, description: role.description ?? '' }));
};

/**
 * Who holds a role in a project: people by account id, groups by name. Jira answers only project
 * admins, Jira admins and the app. Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-roles/#api-rest-api-3-project-projectidorkey-role-id-get
 */
export const getRoleActors = async (jira: JiraTransport, projectKey: string, roleId: number): Promise<{ readonly accountIds: readonly string[]; readonly groups: readonly string[] }> => {
  const role = await readJson(await jira.request(route`/rest/api/3/project/${projectKey}/role/${String(roleId)}`), 'GET project role', roleSchema);
  const actors = role.actors ?? [];
  return {
    accountIds: actors.flatMap((actor) => (actor.actorUser === undefined ? [] : [actor.actorUser.accountId])),
    groups: actors.flatMap((actor) => (actor.actorGroup?.name === undefined ? [] : [actor.actorGroup.name])),
  };
};

export type TriagerMembership =
  | { readonly triager: true; readonly via: { readonly kind: 'role' | 'group'; readonly name: string } }
  | {
      readonly triager: false;
      /** Chosen roles this project does not have (renamed or deleted since). */
      readonly missingRoles: readonly string[];
      /** Chosen roles whose members Jira would not show Firebreak. */
      readonly unreadableRoles: readonly string[];
    };

/** `null` when Jira refuses to show it (permission scheme, deleted role). Other failures go on. */
export const unlessRefused = async <T>(read: Promise<T>): Promise<T | null> => {
  try {
    return await read;
  } catch (error) {
    if (isJiraError(error) && (error.kind === 'forbidden' || error.kind === 'not-found' || error.kind === 'unauthorized')) return null;
    throw error;
  }
};

/**
 * Whether the invoking user is one of the project's triagers: a member of one of the chosen project
 * roles (in person or through a group) or of one of the chosen groups.
 *
 * Who the user is and which groups they are in comes from Jira as the user (`/myself`). Jira shows
 * role membership only to project admins, Jira admins and the app (role details and a role's
 * actors both need Administer projects), and most triagers are neither, so the roles are read as
 * the app. Call this only after checking the user's own permission on that project: it then tells
 * nothing but whether that same user holds a role there.
 *
 * Requests: `/myself` and the project's roles together, then one per chosen role the project has,
 * together; none after the first round when a chosen group already matches.
 */
export const findTriagerMembership = async (jira: JiraClients, projectKey: string, triagers: Triagers): Promise<TriagerMembership> => {
  const [me, roles] = await Promise.all([
    getMyGroups(jira.asUser),
    triagers.roles.length === 0 ? Promise.resolve([]) : unlessRefused(getProjectRoles(jira.asApp, projectKey)),
  ]);
  const group = triagers.groups.find((name) => me.groups.includes(name));
  if (group !== undefined) return { triager: true, via: { kind: 'group', name: group } };
  if (roles === null) return { triager: false, missingRoles: [], unreadableRoles: triagers.roles };

  const chosen = roles.filter((role) => triagers.roles.includes(role.name));
  const missingRoles = triagers.roles.filter((name) => !roles.some((role) => role.name === name));
  const holders = await Promise.all(chosen.map(async (role) => ({ role, actors: await unlessRefused(getRoleActors(jira.asApp, projectKey, role.id)) })));
  const held = holders.find(({ actors }) => actors !== null && (actors.accountIds.includes(me.accountId) || actors.groups.some((name) => me.groups.includes(name))));
  if (held !== undefined) return { triager: true, via: { kind: 'role', name: held.role.name } };
  return { triager: false, missingRoles, unreadableRoles: holders.filter(({ actors }) => actors === null).map(({ role }) => role.name) };
};
