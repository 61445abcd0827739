import { Filter, FilterConditions, ForgeKvsAPIError, kvs } from '@forge/kvs';
import { z } from 'zod';

import { issueKeySchema, projectKeySchema } from '../contract/issue-key';
import { StoredDataError } from './stored-data-error';

/**
 * Filing a postmortem action as a Jira issue is a small recorded plan, one per action, in the
 * `postmortem-action-plan` custom entity (manifest.yml). Jira has no idempotency key for creating an
 * issue, so the plan is what makes a double click, a retry after a timeout and a concurrent caller
 * file one issue: whoever claims the plan (a `FAIL_IF_EXISTS` write, or a conditional transaction on
 * `version` to replace a finished one) is the only one to send the create; everyone after that
 * completes the same plan.
 *
 * Steps: `creating` (claimed; the create may have been sent since `attemptAt`) → `created` (Jira
 * answered with the issue, or it was found by its origin property) → `done` (linked or said why not,
 * and the key recorded in the postmortem). `undone`: Jira refused the create, nothing was filed, and
 * the action may be filed again.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/transactions-entities/
 * @see https://developer.atlassian.com/platform/forge/storage-reference/kvs-api/ (keyPolicy FAIL_IF_EXISTS)
 */
export const ACTION_PLAN_STEPS = ['creating', 'created', 'done', 'undone'] as const;
export type ActionPlanStep = (typeof ACTION_PLAN_STEPS)[number];

const refusedFieldSchema = z.object({ field: z.enum(['description', 'labels', 'duedate', 'assignee', 'priority']), notOnScreen: z.boolean(), message: z.string() }).strict();

export const actionPlanSchema = z
  .object({
    schemaVersion: z.literal(1),
    /** Goes into the issue's `firebreak-origin` property, so the issue can be found when Jira's answer was lost. */
    id: z.uuid(),
    postmortemId: z.string(),
    actionId: z.string(),
    /** The user action (one click of "Create Jira issue") this plan performs; a retry sends the same one. */
    idempotencyKey: z.string(),
    requestedBy: z.string(),
    step: z.enum(ACTION_PLAN_STEPS),
    /** When the current create attempt was claimed (its lease), and by whom. */
    attemptAt: z.iso.datetime({ offset: true }),
    attemptBy: z.string(),
    backlog: z.object({ projectKey: projectKeySchema, issueType: z.string(), label: z.string() }).strict(),
    incident: issueKeySchema,
    issue: z.object({ id: z.string(), key: issueKeySchema }).strict().nullable(),
    refused: z.array(refusedFieldSchema),
    /** The sentence the person was told when the plan finished, for a retry that asks again. */
    notice: z.string().nullable(),
    // format part (issue 15): a remediation item is filed by the same plan. Absent on plans stored
    // before (they are actions'); the priority is the Jira priority chosen for it, by id and name.
    kind: z.enum(['action', 'remediation']).optional(),
    priority: z.object({ id: z.string(), name: z.string() }).strict().optional(),
    /** When a finisher claimed telling the owner (so two finishing at once tell them once). Absent before. */
    notifiedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type ActionPlan = z.infer<typeof actionPlanSchema>;

interface PlanRow {
  readonly postmortemId: string;
  readonly step: string;
  readonly version: number;
  readonly updatedAt: string;
  readonly document: unknown;
}

export interface StoredActionPlan {
  readonly plan: ActionPlan;
  readonly version: number;
}

const ENTITY = 'postmortem-action-plan';
const plans = () => kvs.entity<PlanRow>(ENTITY);
/** Item ids never hold `:`, so a remediation item's plan (`r:` before its id) never meets an action's. */
const keyOf = (postmortemId: string, actionId: string, kind: FiledKindId = 'action'): string => (kind === 'remediation' ? `${postmortemId}:r:${actionId}` : `${postmortemId}:${actionId}`);
export type FiledKindId = NonNullable<ActionPlan['kind']>;

export const readActionPlan = async (postmortemId: string, actionId: string, kind: FiledKindId = 'action'): Promise<StoredActionPlan | null> => {
  const row = await plans().get(keyOf(postmortemId, actionId, kind));
  if (row === undefined) return null;
  const parsed = actionPlanSchema.safeParse(row.document);
  if (!parsed.success) throw new StoredDataError(`The plan for filing action ${actionId} of postmortem ${postmortemId} is not stored in a shape Firebreak understands.`);
  return { plan: parsed.data, version: row.version };
};

const rowOf = (plan: ActionPlan, version: number, now: string): PlanRow => ({ postmortemId: plan.postmortemId, step: plan.step, version, updatedAt: now, document: actionPlanSchema.parse(plan) });

/** A `FAIL_IF_EXISTS` write that found the key taken (409; the code is not documented, so the status decides too). */
const isKeyConflict = (error: unknown): boolean => error instanceof ForgeKvsAPIError && (error.code === 'KEY_CONFLICT' || error.responseDetails.status === 409);

/**
 * Writes the plan if it is still the version read (`from`), or if there was none (`from` null);
 * `false` when someone else wrote first. Storage decides, atomically.
 */
export const writeActionPlan = async (plan: ActionPlan, from: StoredActionPlan | null, now: string): Promise<StoredActionPlan | null> => {
  const key = keyOf(plan.postmortemId, plan.actionId, plan.kind);
  const version = (from?.version ?? 0) + 1;
  try {
    if (from === null) {
      await plans().set(key, rowOf(plan, version, now), { keyPolicy: 'FAIL_IF_EXISTS' });
    } else {
      await kvs
        .transact()
        .set(key, rowOf(plan, version, now), { entityName: ENTITY, conditions: new Filter<PlanRow>().and('version', FilterConditions.equalTo(from.version)) })
        .execute();
    }
    return { plan, version };
  } catch (error) {
    if (from === null && isKeyConflict(error)) return null;
    if (from !== null && error instanceof ForgeKvsAPIError) {
      // What a failed condition answers is not documented: the stored version tells.
      const current = await plans().get(key);
      if (current?.version === version && JSON.stringify(current.document) === JSON.stringify(actionPlanSchema.parse(plan))) return { plan, version };
      if (current?.version !== from.version) return null;
    }
    throw error;
  }
};
