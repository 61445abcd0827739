import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';

import { severityLevelIdSchema } from '../contract/severity.contract';
import { StoredDataError } from './stored-data-error';
import { saveIfUnchanged, type SwapOutcome, type VersionedWrite } from './compare-and-swap';

/**
 * Multi-step actions (send back, return to triage, applying a decision's policy) as recorded plans.
 * A plan is written in the same KVS transaction as the change it carries out, before any step runs,
 * and holds everything needed to finish the steps or undo them later: a retry of the same click
 * (same id), the trigger or the scheduled run finishes a plan left `running` by a failure or a
 * stopped function. Steps are idempotent by checking Jira's state first, so progress need not be
 * stored step by step (one storage write per action, not one per step).
 */
const PLAN_ENTITY = 'action-plan';

const accountIdSchema = z.string().min(1).max(128);
const personSchema = z.object({ accountId: accountIdSchema, displayName: z.string().max(200) });
const issueRefSchema = z.object({ id: z.string().regex(/^\d+$/), key: z.string().max(64), projectKey: z.string().max(64) });

const sendBackParamsSchema = z.object({
  kind: z.literal('send-back'),
  reporter: personSchema,
  previousAssignee: accountIdSchema.nullable(),
  previousStatus: z.string().max(100),
  /** The status the project sends issues back to, when its workflow can reach it. */
  waitingStatus: z.string().max(100).nullable(),
  /** The comment, exactly as it is posted, so a retry can find it instead of posting it twice. */
  comment: z.object({ type: z.literal('doc'), version: z.literal(1), content: z.array(z.unknown()).readonly() }),
});

const returnParamsSchema = z.object({
  kind: z.literal('return-to-triage'),
  /** Who gets the issue back: whoever had it before the send-back, else the triager who sent it. */
  to: personSchema,
  previousStatus: z.string().max(100),
});

const applyPolicyParamsSchema = z.object({ kind: z.literal('apply-policy'), level: severityLevelIdSchema, decisionAt: z.iso.datetime({ offset: true }) });

export const actionPlanSchema = z.object({
  schemaVersion: z.literal(1),
  id: z.string().min(1).max(300),
  issue: issueRefSchema,
  /** The person whose action this is; their permission on the issue was checked before it was recorded. */
  requestedBy: accountIdSchema,
  createdAt: z.iso.datetime({ offset: true }),
  params: z.discriminatedUnion('kind', [sendBackParamsSchema, returnParamsSchema, applyPolicyParamsSchema]),
});
export type ActionPlan = z.infer<typeof actionPlanSchema>;
export type PlanParams = ActionPlan['params'];
export type SendBackParams = z.infer<typeof sendBackParamsSchema>;
export type ReturnParams = z.infer<typeof returnParamsSchema>;

/** `running` until finished (`done`) or undone (`undone`); `stuck` when neither could be completed and a person must look. */
export type PlanStatus = 'running' | 'done' | 'undone' | 'stuck';

interface PlanRow {
  readonly issueId: string;
  readonly kind: string;
  readonly status: PlanStatus;
  readonly updatedAt: string;
  readonly version: number;
  /** What the last attempt said, for the person and for whoever looks at a stuck plan. */
  readonly outcome: string;
  readonly document: unknown;
}

const plans = () => kvs.entity<PlanRow>(PLAN_ENTITY);

export interface StoredPlan {
  readonly plan: ActionPlan;
  readonly status: PlanStatus;
  readonly version: number;
  readonly outcome: string;
  readonly updatedAt: string;
}

/** The write that records a new plan, to go in the same transaction as the change it carries out. */
export const newPlanWrite = (plan: ActionPlan): VersionedWrite => {
  const valid = actionPlanSchema.parse(plan);
  const row: PlanRow = { issueId: valid.issue.id, kind: valid.params.kind, status: 'running', updatedAt: valid.createdAt, version: 1, outcome: '', document: valid };
  return { entityName: PLAN_ENTITY, key: valid.id, row, baseVersion: 0 };
};

export const readPlan = async (id: string): Promise<StoredPlan | null> => {
  const row = await plans().get(id);
  if (row === undefined) return null;
  const parsed = actionPlanSchema.safeParse(row.document);
  if (!parsed.success) throw new StoredDataError(`The recorded action ${id} is not in a shape Firebreak understands.`);
  return { plan: parsed.data, status: row.status, version: row.version, outcome: row.outcome, updatedAt: row.updatedAt };
};

/** Moves a plan on (finished, undone, stuck, or still running with a new outcome), compare-and-swap. */
export const settlePlan = (stored: StoredPlan, status: PlanStatus, outcome: string, now: string): Promise<SwapOutcome> => {
  const row: PlanRow = { issueId: stored.plan.issue.id, kind: stored.plan.params.kind, status, updatedAt: now, version: stored.version + 1, outcome: outcome.slice(0, 2_000), document: stored.plan };
  return saveIfUnchanged(PLAN_ENTITY, stored.plan.id, row, stored.version);
};

/** Plans still running that were last touched before `before`: left by a failure or a stopped function. */
export const listStalledPlans = async (before: string, limit = 50): Promise<StoredPlan[]> => {
  const page = await plans().query().index('by-status', { partition: ['running'] }).where(WhereConditions.lessThan(before)).limit(limit).getMany();
  const found: StoredPlan[] = [];
  for (const result of page.results) {
    const parsed = actionPlanSchema.safeParse(result.value.document);
    if (parsed.success) found.push({ plan: parsed.data, status: result.value.status, version: result.value.version, outcome: result.value.outcome, updatedAt: result.value.updatedAt });
  }
  return found;
};
