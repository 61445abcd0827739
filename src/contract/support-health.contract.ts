import { z } from 'zod';

import { supportCriteriaSchema } from './capacity.contract';
import { HEALTH_LIMITS } from './support-health.values';

export * from './support-health.values';

/** `capacity/health`: the board, how many periods, and the gadget's own criteria (null = the project's). */
export const supportHealthPayloadSchema = z
  .object({
    boardId: z.number().int().positive(),
    periods: z.number().int().min(HEALTH_LIMITS.periodsMin).max(HEALTH_LIMITS.periodsMax),
    criteria: supportCriteriaSchema.nullable(),
  })
  .strict();
export type SupportHealthPayload = z.infer<typeof supportHealthPayloadSchema>;

const complianceSchema = z.object({
  met: z.number().int().nonnegative(),
  breached: z.number().int().nonnegative(),
  pending: z.number().int().nonnegative(),
  /** met / (met + breached); null when no guideline date was settled yet. */
  share: z.number().min(0).max(1).nullable(),
});

/** Seconds, over `count` issues; null when none had one. */
const durationSchema = z.object({ count: z.number().int().positive(), meanSeconds: z.number().nonnegative(), medianSeconds: z.number().nonnegative() }).nullable();

const remediationSchema = z.object({
  /** Came due: onTime + late + openPastDue. */
  due: z.number().int().nonnegative(),
  onTime: z.number().int().nonnegative(),
  late: z.number().int().nonnegative(),
  openPastDue: z.number().int().nonnegative(),
  /** Counted but with no window to judge by (no level decided yet, or the level has none). */
  withoutWindow: z.number().int().nonnegative(),
  /** onTime / due; null when nothing came due. */
  share: z.number().min(0).max(1).nullable(),
});

/**
 * Support health per period, as numbers (seconds, shares 0–1) and names: the UI words them in the
 * viewer's locale (`support-health.format.ts`).
 */
export const supportHealthViewSchema = z.object({
  board: z.object({ id: z.number(), name: z.string(), projectKey: z.string().nullable() }),
  /** Sprints on a Scrum board with sprints; ISO weeks (Monday to Monday, UTC) otherwise. */
  periodKind: z.enum(['sprint', 'week']),
  aim: z.number(),
  /** Why nothing can be shown (a board of several projects, say); null when `periods` holds the figures. */
  empty: z.string().nullable(),
  /** Oldest first. */
  periods: z.array(
    z.object({
      name: z.string(),
      start: z.string(),
      end: z.string(),
      state: z.enum(['active', 'closed', 'week']),
      arrived: z.number().int().nonnegative(),
      resolved: z.number().int().nonnegative(),
      compliance: complianceSchema,
      /**
       * In the policy's order (most severe first), then levels the scale no longer has, then issues
       * not decided (id `not-decided`); `rank` is the level's place in the scale, null for the last two.
       */
      bySeverity: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          rank: z.number().int().nonnegative().nullable(),
          arrived: z.number().int().nonnegative(),
          resolved: z.number().int().nonnegative(),
          compliance: complianceSchema,
          acknowledge: durationSchema,
          resolve: durationSchema,
        }),
      ),
      byKind: z.array(z.object({ id: z.string(), name: z.string(), arrived: z.number().int().nonnegative(), resolved: z.number().int().nonnegative() })),
    }),
  ),
  /** Every period together. */
  overall: complianceSchema,
  /**
   * updates part (issue 16): on-time stakeholder updates of the incidents in the periods (support
   * issues the viewer may browse whose decided level has an update cadence and direct updates).
   * Newest incident first; `incidents` lists at most `HEALTH_LIMITS.updateIncidentsListed`, `total`
   * counts them all.
   */
  updates: z.object({
    incidents: z.array(
      z.object({
        key: z.string(),
        summary: z.string(),
        levelName: z.string(),
        due: z.number().int().nonnegative(),
        onTime: z.number().int().nonnegative(),
        late: z.number().int().nonnegative(),
        /** 1 when the last due time passed with no update; else 0. */
        missed: z.number().int().nonnegative(),
        /** onTime / due; null when nothing was due yet. */
        share: z.number().min(0).max(1).nullable(),
      }),
    ),
    /** Incidents counted in `total` but not listed. */
    unlisted: z.number().int().nonnegative(),
    total: z.object({ incidents: z.number().int().nonnegative(), due: z.number().int().nonnegative(), onTime: z.number().int().nonnegative(), share: z.number().min(0).max(1).nullable() }),
  }),
  /**
   * Vulnerabilities fixed within their window (issue 17, part 2): the security findings Firebreak
   * opened (its own alert record says so) that the viewer may browse, judged by the due date the app
   * keeps (the remediation window of the decided level from when the finding was first reported),
   * never Jira's editable Due date. Counted when resolved in the periods' span, due in it, or open
   * past due now.
   */
  vulnerabilities: z.object({
    /** In the policy's order, then levels the scale no longer has, then findings not yet decided (id `not-decided`). */
    levels: z.array(remediationSchema.extend({ id: z.string(), name: z.string(), rank: z.number().int().nonnegative().nullable() })),
    total: remediationSchema,
    /** Open past their due date, most overdue first; at most `HEALTH_LIMITS.overdueFindingsListed`. */
    overdue: z.array(
      z.object({
        key: z.string(),
        summary: z.string(),
        levelName: z.string(),
        /** `YYYY-MM-DD`: a calendar day, UTC. */
        dueDate: z.string(),
        daysOverdue: z.number().int().positive(),
        /** Jira's Due date when it differs from the window ('' when it was cleared); null when it agrees. */
        jiraDueDate: z.string().nullable(),
      }),
    ),
    unlisted: z.number().int().nonnegative(),
    /** Counted findings whose Jira Due date differs from (or was cleared of) the window's; the list shows which, for the listed ones. */
    jiraDueDateMoved: z.number().int().nonnegative(),
  }),
  /** What was counted and how, in sentences. */
  notes: z.array(z.string()),
});
export type SupportHealthView = z.infer<typeof supportHealthViewSchema>;
