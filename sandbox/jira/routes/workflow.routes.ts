import { badRequest } from '../jira.errors.js';
import { hasPermission } from '../jira.permissions.js';
import type { RouteContext, RouteDefinition } from '../jira.router.js';
import { bodyObject } from './route.helpers.js';

/**
 * Where a Forge rule's extension lives, as Jira names it in a rule's `parameters.key`
 * (`ari:cloud:ecosystem::extension/{appId}/{environmentId}/static/{moduleKey}`). The emulator does
 * not know the app's id, so it uses fixed ones; apps should match on the `/static/{moduleKey}` end.
 */
export const SANDBOX_EXTENSION_PREFIX = 'ari:cloud:ecosystem::extension/sandbox-app/sandbox-environment/static/';

/** Jira's new-API status categories, from the status category keys the scenario stores. */
const CATEGORY: Record<'new' | 'indeterminate' | 'done', 'TODO' | 'IN_PROGRESS' | 'DONE'> = { new: 'TODO', indeterminate: 'IN_PROGRESS', done: 'DONE' };

/**
 * A workflow's status reference. Jira gives each status in a workflow a reference of its own (a
 * UUID for new statuses) and says which status it is in the response's `statuses`: never assume it
 * equals the status id, so the sandbox makes it differ.
 */
const reference = (statusId: string): string => `status-ref-${statusId}`;

/**
 * Bulk get workflows: the workflows named by id or name (the sandbox's workflow id is its key), with
 * their transitions in the default (deprecated `from`/`to`) format, each transition's validators as
 * `{ id, ruleKey, parameters }`, and the statuses they reference with their category. Who may read:
 * Administer Jira for every workflow; a team-managed project's workflow (scope `PROJECT`) also its
 * project admins. Workflows the caller may not read are left out rather than refused.
 * A Forge function validator shows as `parameters.key` (its extension ARI) and `parameters.config`
 * (the string its configuration page saved); the reference gives no example of a Forge function
 * validator's `ruleKey`, so the sandbox's is one the app must not depend on.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflows/#api-rest-api-3-workflows-post
 */
function bulkGetWorkflows(ctx: RouteContext) {
  const body = bodyObject(ctx);
  const strings = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined);
  const ids = strings(body['workflowIds']) ?? [];
  const names = strings(body['workflowNames']) ?? [];
  if (ids.length === 0 && names.length === 0 && body['projectAndIssueTypes'] === undefined) throw badRequest('Provide workflowIds, workflowNames or projectAndIssueTypes.');
  const statuses = ctx.store.scenario.statuses;
  const readable = [...ctx.store.workflows.values()].filter((workflow) => {
    if (!ids.includes(workflow.key) && !names.includes(workflow.name)) return false;
    const teamProject = ctx.store.scenario.projects.find((project) => project.workflowKey === workflow.key && project.style === 'next-gen');
    return hasPermission(ctx.store, ctx.caller, 'ADMINISTER') || (teamProject !== undefined && hasPermission(ctx.store, ctx.caller, 'ADMINISTER_PROJECTS', teamProject.key));
  });
  const workflows = readable.map((workflow) => {
    const teamProject = ctx.store.scenario.projects.find((project) => project.workflowKey === workflow.key && project.style === 'next-gen');
    return {
      id: workflow.key,
      name: workflow.name,
      description: '',
      scope: teamProject === undefined ? { type: 'GLOBAL' } : { type: 'PROJECT', project: { id: teamProject.id } },
      statuses: workflow.statuses.map((statusId) => ({ statusReference: reference(statusId), properties: {} })),
      transitions: workflow.transitions.map((transition) => ({
        id: transition.id,
        name: transition.name,
        description: '',
        type: transition.from.length === 0 ? 'GLOBAL' : 'DIRECTED',
        from: transition.from.map((statusId) => ({ statusReference: reference(statusId) })),
        to: { statusReference: reference(transition.to) },
        conditions: null,
        validators: transition.rules.map((rule) => ({
          id: rule.id,
          ruleKey: 'forge:function-validator',
          parameters: { key: `${SANDBOX_EXTENSION_PREFIX}${rule.key}`, ...(rule.configuration === undefined ? {} : { config: rule.configuration }) },
        })),
        actions: [],
        properties: {},
      })),
      version: { id: `${workflow.key}-version`, versionNumber: 1 },
    };
  });
  const referenced = new Set(readable.flatMap((workflow) => workflow.statuses));
  return {
    status: 200,
    body: {
      workflows,
      statuses: statuses
        .filter((status) => referenced.has(status.id))
        .map((status) => ({ id: status.id, name: status.name, statusCategory: CATEGORY[status.category], statusReference: reference(status.id), scope: { type: 'GLOBAL' } })),
    },
    objects: workflows.length,
  };
}

export const workflowRoutes: RouteDefinition[] = [{ method: 'POST', template: '/rest/api/3/workflows', cost: 'read', handler: bulkGetWorkflows }];
