import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';

import { projectKeySchema } from '../contract/issue-key';
import { severityLevelIdSchema } from '../contract/severity.contract';
import { saveIfUnchanged, type SwapOutcome, type VersionedWrite } from './compare-and-swap';
import { StoredDataError } from './stored-data-error';

/**
 * A severity scale change's plan: moving every issue of a scope off the levels the change removed.
 * It is recorded in the same transaction as the policy that removed them (`saveTogether`), in the
 * `action-plan` entity beside the per-issue plans, so the `by-status` index the scheduled run reads
 * finds it too when a failure or the function's time limit leaves it `running`. The plan names the
 * moves; progress is counted on the row. Which issues are done needs no list: an issue whose record
 * no longer names a removed level is done, so a rerun reads the scope again and moves only the rest.
 */
const PLAN_ENTITY = 'action-plan';
const KIND = 'scale-change';

const moveSchema = z.object({ from: severityLevelIdSchema, to: severityLevelIdSchema, fromName: z.string().max(100), toName: z.string().max(100) });

export const scaleChangePlanSchema = z.object({
  schemaVersion: z.literal(1),
  id: z.string().min(1).max(300),
  /** The site (every project using the site's scale) or one project. */
  projectKey: projectKeySchema.nullable(),
  /** The policy version that removed the levels. */
  policyVersion: z.number().int().positive(),
  moves: z.array(moveSchema).min(1).max(6),
  /** The admin who saved it; their permission on the scope was checked when it was recorded. */
  requestedBy: z.string().min(1).max(128),
  createdAt: z.iso.datetime({ offset: true }),
});
export type ScaleChangePlan = z.infer<typeof scaleChangePlanSchema>;

const progressSchema = z.object({
  mapped: z.number().int().nonnegative(),
  /** Postmortems whose severity moved to the new scale. */
  postmortems: z.number().int().nonnegative().default(0),
  /** Issues moved in app storage whose Jira copy (labels, JQL values) Jira refused: keys, for the admin. */
  jiraRefused: z.array(z.string().max(64)).max(50),
});
export type ScaleChangeProgress = z.infer<typeof progressSchema>;

const documentSchema = z.object({ plan: scaleChangePlanSchema, progress: progressSchema });

export type ScaleChangeStatus = 'running' | 'done' | 'stuck';

export interface StoredScaleChange {
  readonly plan: ScaleChangePlan;
  readonly progress: ScaleChangeProgress;
  readonly status: ScaleChangeStatus;
  readonly version: number;
  readonly outcome: string;
  readonly updatedAt: string;
}

/** The `action-plan` row's attributes (manifest.yml); `issueId` is empty: this plan spans issues. */
interface PlanRow {
  readonly issueId: string;
  readonly kind: string;
  readonly status: ScaleChangeStatus;
  readonly updatedAt: string;
  readonly version: number;
  readonly outcome: string;
  readonly document: unknown;
}

const rows = () => kvs.entity<PlanRow>(PLAN_ENTITY);

const rowOf = (plan: ScaleChangePlan, progress: ScaleChangeProgress, status: ScaleChangeStatus, version: number, outcome: string, updatedAt: string): PlanRow => ({
  issueId: '',
  kind: KIND,
  status,
  updatedAt,
  version,
  outcome: outcome.slice(0, 2_000),
  document: documentSchema.parse({ plan, progress }),
});

const parse = (id: string, row: PlanRow): StoredScaleChange => {
  const parsed = documentSchema.safeParse(row.document);
  if (row.kind !== KIND || !parsed.success) throw new StoredDataError(`The recorded scale change ${id} is not in a shape Firebreak understands.`);
  return { plan: parsed.data.plan, progress: parsed.data.progress, status: row.status, version: row.version, outcome: row.outcome, updatedAt: row.updatedAt };
};

/** The write that records a new plan, to go in the same transaction as the policy save. */
export const newScaleChangeWrite = (plan: ScaleChangePlan): VersionedWrite => ({
  entityName: PLAN_ENTITY,
  key: plan.id,
  row: rowOf(scaleChangePlanSchema.parse(plan), { mapped: 0, postmortems: 0, jiraRefused: [] }, 'running', 1, '', plan.createdAt),
  baseVersion: 0,
});

export const readScaleChange = async (id: string): Promise<StoredScaleChange | null> => {
  const row = await rows().get(id);
  return row === undefined ? null : parse(id, row);
};

/** Records how far the plan got (compare-and-swap on its version: two attempts never both count). */
export const recordScaleChange = (stored: StoredScaleChange, progress: ScaleChangeProgress, status: ScaleChangeStatus, outcome: string, now: string): Promise<SwapOutcome> =>
  saveIfUnchanged(PLAN_ENTITY, stored.plan.id, rowOf(stored.plan, progress, status, stored.version + 1, outcome, now), stored.version);

/** Scale changes still running, last touched before `before`: left by a failure or the function's time limit. */
export const listStalledScaleChanges = async (before: string): Promise<StoredScaleChange[]> => {
  const found: StoredScaleChange[] = [];
  let cursor: string | undefined;
  do {
    let query = rows().query().index('by-status', { partition: ['running'] }).where(WhereConditions.lessThan(before)).limit(100);
    if (cursor !== undefined) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const result of page.results) {
      if (result.value.kind !== KIND) continue;
      try {
        found.push(parse(result.key, result.value));
      } catch (error) {
        if (!(error instanceof StoredDataError)) throw error;
      }
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return found;
};
