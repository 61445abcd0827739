import { forbidden } from '../jira.errors.js';
import type { RouteContext, RouteDefinition } from '../jira.router.js';
import { intParam } from './route.helpers.js';

/**
 * Groups by name or id (exact), paged. Jira needs the Browse users and groups global permission for
 * it and answers 403 without; its default permission scheme grants that to every licensed user, so
 * here every person of the scenario holds it and an app call is allowed too.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-groups/#api-rest-api-3-group-bulk-get
 * @see https://jira.atlassian.com/browse/JRACLOUD-81445 (the 403 and its message)
 */
function bulkGroups(ctx: RouteContext) {
  if (ctx.caller.kind === 'user' && ctx.store.user(ctx.caller.accountId) === undefined) throw forbidden('Browse users and groups permission is required to view groups.');
  // Repeated parameters, never comma lists: a group's name may hold a comma.
  const names = ctx.query.has('groupName') ? ctx.query.getAll('groupName') : undefined;
  const ids = ctx.query.has('groupId') ? ctx.query.getAll('groupId') : undefined;
  const groups = ctx.store.scenario.groups.filter(
    (group) => (names === undefined && ids === undefined) || (names ?? []).some((name) => name.toLowerCase() === group.name.toLowerCase()) || (ids ?? []).includes(group.groupId),
  );
  const startAt = intParam(ctx, 'startAt', 0);
  const maxResults = Math.min(intParam(ctx, 'maxResults', 50), 50);
  const values = groups.slice(startAt, startAt + maxResults).map((group) => ({ name: group.name, groupId: group.groupId }));
  return { status: 200, body: { startAt, maxResults, total: groups.length, isLast: startAt + values.length >= groups.length, values }, objects: values.length };
}

export const groupRoutes: RouteDefinition[] = [{ method: 'GET', template: '/rest/api/3/group/bulk', cost: 'read', handler: bulkGroups }];
