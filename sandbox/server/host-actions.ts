import { randomUUID } from 'node:crypto';

import { z } from 'zod';

import type { Sandbox } from '../sandbox';
import { resolveNavigation } from './app-pages';
import { mayAdminister, offersRule } from './config-pages';

export interface HostAnswer {
  readonly status: number;
  readonly body: unknown;
}

const addGadgetSchema = z.object({ moduleKey: z.string() });
const configureGadgetSchema = z.object({ configuration: z.unknown() });
const saveRuleSchema = z.object({
  workflowKey: z.string(),
  transitionId: z.string(),
  key: z.string(),
  ruleId: z.string().optional(),
  configuration: z.string().max(32_768, 'Jira stores at most 32 KB of validator configuration.').optional(),
});
const removeRuleSchema = z.object({ workflowKey: z.string(), transitionId: z.string(), ruleId: z.string() });

const parse = (raw: string): unknown => {
  try {
    return raw === '' ? {} : JSON.parse(raw);
  } catch {
    return undefined;
  }
};

/**
 * What Jira's own front end does through its internal APIs on the sandbox's host pages: keeping the
 * dashboard's gadgets and a workflow's transition rules. Acts as the signed-in user, with Jira's
 * rule that only admins edit workflows.
 */
export const handleHostAction = (sandbox: Sandbox, accountId: string, method: string, path: string, rawBody: string): HostAnswer => {
  const body = parse(rawBody);
  if (method === 'POST' && path === '/__host/navigation') {
    // The host's half of router.navigate/open/getUrl: a NavigationLocation becomes a page URL.
    try {
      const projectOf = (key: string) => sandbox.scenario.projects.find((project) => project.key === key);
      const location = (body as { location?: unknown } | undefined)?.location;
      if (sandbox.refuseModuleNavigation && (location as { target?: unknown } | null | undefined)?.target === 'module') {
        // Navigating to a module is a Preview feature of the router; the control API plays it failing.
        throw new Error('The host could not navigate to the module (router target "module" is a Preview feature; refused by the sandbox switch refuseModuleNavigation).');
      }
      return { status: 200, body: { url: resolveNavigation(sandbox.manifest, projectOf, location) } };
    } catch (error) {
      return { status: 400, body: { message: error instanceof Error ? error.message : String(error) } };
    }
  }
  if (path === '/__host/consent') {
    // Atlassian's consent screen: what the app asks for (GET), and the user's "Accept" (POST).
    if (method === 'GET') return { status: 200, body: { scopes: sandbox.manifest.scopes } };
    if (method === 'POST') {
      sandbox.runtime.setAllowedAccess(accountId, true);
      return { status: 200, body: { allowedAppAccess: true } };
    }
  }
  const gadget = /^\/__host\/dashboard\/gadgets\/([\w-]+)$/.exec(path);
  if (method === 'POST' && path === '/__host/dashboard/gadgets') {
    const parsed = addGadgetSchema.safeParse(body);
    if (!parsed.success || sandbox.manifest.module(parsed.data.moduleKey)?.type !== 'jira:dashboardGadget') return { status: 400, body: { message: 'Unknown gadget.' } };
    const added = { id: randomUUID().slice(0, 8), moduleKey: parsed.data.moduleKey, configuration: null };
    sandbox.dashboardGadgets.push(added);
    return { status: 201, body: added };
  }
  if (gadget?.[1] !== undefined) {
    const target = sandbox.dashboardGadgets.find((candidate) => candidate.id === gadget[1]);
    if (target === undefined) return { status: 404, body: { message: 'No such gadget.' } };
    if (method === 'DELETE') {
      sandbox.dashboardGadgets = sandbox.dashboardGadgets.filter((candidate) => candidate !== target);
      return { status: 204, body: undefined };
    }
    if (method === 'PUT') {
      const parsed = configureGadgetSchema.safeParse(body);
      if (!parsed.success) return { status: 400, body: { message: 'Malformed configuration.' } };
      target.configuration = parsed.data.configuration ?? {};
      return { status: 200, body: target };
    }
  }
  if (path === '/__host/workflow-rules') {
    if (!mayAdminister(sandbox, accountId, undefined)) return { status: 403, body: { message: 'Only Jira admins can edit workflows.' } };
    if (method === 'POST') {
      const parsed = saveRuleSchema.safeParse(body);
      if (!parsed.success) return { status: 400, body: { message: z.prettifyError(parsed.error) } };
      const { workflowKey, transitionId, key, ruleId, configuration } = parsed.data;
      const module = sandbox.manifest.module(key);
      if (module?.type !== 'jira:workflowValidator') return { status: 400, body: { message: `${key} is not a workflow validator.` } };
      // Jira lists a rule only on workflows of the project types its module names (`projectTypes`).
      if (!offersRule(sandbox, module, workflowKey)) return { status: 400, body: { message: `${sandbox.manifest.titleOf(module)} is not offered on this workflow's projects.` } };
      return { status: 200, body: sandbox.jira.upsertTransitionRule(workflowKey, transitionId, { ...(ruleId === undefined ? {} : { id: ruleId }), key, configuration }) };
    }
    if (method === 'DELETE') {
      const parsed = removeRuleSchema.safeParse(body);
      if (!parsed.success) return { status: 400, body: { message: z.prettifyError(parsed.error) } };
      sandbox.jira.removeTransitionRule(parsed.data.workflowKey, parsed.data.transitionId, parsed.data.ruleId);
      return { status: 204, body: undefined };
    }
  }
  return { status: 404, body: { message: `No host action ${method} ${path}.` } };
};
