import { route } from '@forge/api';
import { z } from 'zod';

import { validatorConfigSchema } from '../contract/policy.contract';
import type { StatusCategory, WorkflowShape } from '../domain/policy/closing-coverage';
import { readJson } from './jira-response';
import type { JiraTransport } from './jira-transport';

/** The manifest key of Firebreak's workflow validator (`jira:workflowValidator`). */
export const VALIDATOR_MODULE_KEY = 'severity-policy-validator';

const ruleSchema = z.object({ ruleKey: z.string().optional(), parameters: z.record(z.string(), z.unknown()).nullable().optional() }).loose();

const bulkWorkflowsSchema = z
  .object({
    workflows: z.array(
      z
        .object({
          id: z.string().optional(),
          name: z.string(),
          transitions: z.array(
            z
              .object({
                id: z.union([z.string(), z.number()]).transform(String),
                name: z.string(),
                type: z.string().optional(),
                from: z.array(z.object({ statusReference: z.string() }).loose()).optional(),
                to: z.object({ statusReference: z.string() }).loose().optional(),
                validators: z.array(ruleSchema).nullable().optional(),
              })
              .loose(),
          ),
        })
        .loose(),
    ),
    statuses: z.array(z.object({ name: z.string(), statusReference: z.string(), statusCategory: z.string().optional() }).loose()),
  })
  .loose();

const CATEGORIES: readonly string[] = ['TODO', 'IN_PROGRESS', 'DONE'] satisfies StatusCategory[];

/**
 * Whether a validator is Firebreak's rule with "a published postmortem" ticked. A Forge rule names
 * its extension in `parameters.key` (`ari:cloud:ecosystem::extension/{app}/{env}/static/{module}`)
 * and carries the string its settings page saved in `parameters.config`; the reference gives no
 * fixed `ruleKey` for function validators, so that is not what is matched. A rule whose settings
 * cannot be read runs without the postmortem rule (the validator's unconfigured default), so it
 * does not cover the transition.
 */
const requiresPostmortem = (rule: z.infer<typeof ruleSchema>): boolean => {
  const key = rule.parameters?.['key'];
  if (typeof key !== 'string' || !key.endsWith(`/static/${VALIDATOR_MODULE_KEY}`)) return false;
  const config = rule.parameters?.['config'];
  if (typeof config !== 'string') return false;
  try {
    const parsed = validatorConfigSchema.safeParse(JSON.parse(config));
    return parsed.success && parsed.data.rules.postmortemPublished === true;
  } catch {
    return false;
  }
};

/**
 * One workflow as its saved version stands (not the editor's unsaved draft), by the id Jira gives
 * the rule's settings page (`context.extension.workflowId`); null when Jira returns none, which is
 * also what it does for a workflow the caller may not read. Read as the Jira admin on the page.
 * Scope: manage:jira-configuration (granular read:workflow:jira).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflows/#api-rest-api-3-workflows-post
 */
export const readWorkflow = async (jira: JiraTransport, workflowId: string): Promise<WorkflowShape | null> => {
  const response = await jira.request(route`/rest/api/3/workflows`, {
    method: 'POST',
    body: JSON.stringify({ workflowIds: [workflowId] }),
    headers: { 'Content-Type': 'application/json' },
  });
  const answer = await readJson(response, 'POST workflows (bulk get)', bulkWorkflowsSchema);
  const workflow = answer.workflows.find((candidate) => candidate.id === workflowId) ?? (answer.workflows.length === 1 ? answer.workflows[0] : undefined);
  if (workflow === undefined) return null;
  return {
    name: workflow.name,
    statuses: answer.statuses.map((status) => ({
      reference: status.statusReference,
      name: status.name,
      category: status.statusCategory !== undefined && CATEGORIES.includes(status.statusCategory) ? (status.statusCategory as StatusCategory) : null,
    })),
    transitions: workflow.transitions
      // The INITIAL transition creates issues; it is no way to close one.
      .filter((transition) => transition.to !== undefined && transition.type !== 'INITIAL')
      .map((transition) => ({
        id: transition.id,
        name: transition.name,
        from: (transition.from ?? []).map((from) => from.statusReference),
        to: transition.to?.statusReference ?? '',
        requiresPostmortem: (transition.validators ?? []).some(requiresPostmortem),
      })),
  };
};
