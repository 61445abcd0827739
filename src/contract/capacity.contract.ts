import { z } from 'zod';

import { CAPACITY_LIMITS, CAPACITY_MEASURES, LABEL_PATTERN } from './capacity.values';
import { projectKeySchema } from './issue-key';
import { supportJqlError } from './support-jql';
import { CLASSES_OF_SERVICE, ISSUE_KINDS } from './triage.values';

export * from './capacity.values';

/** What counts as production support: any one criterion matching is enough. */
export const supportCriteriaSchema = z
  .object({
    kinds: z.array(z.enum(ISSUE_KINDS)).max(ISSUE_KINDS.length),
    classesOfService: z.array(z.enum(CLASSES_OF_SERVICE)).max(CLASSES_OF_SERVICE.length),
    issueTypes: z.array(z.string().min(1).max(CAPACITY_LIMITS.issueTypeMax)).max(CAPACITY_LIMITS.issueTypesMax),
    labels: z.array(z.string().regex(LABEL_PATTERN, 'Labels have no spaces.')).max(CAPACITY_LIMITS.labelsMax),
    /**
     * A JQL clause for what else counts, e.g. `component = "Ops"`; searched as `sprint = N AND (…)`,
     * so one that would close that parenthesis (`X) OR (Y`) or sort is refused (`support-jql.ts`).
     */
    jql: z
      .string()
      .trim()
      .max(CAPACITY_LIMITS.jqlMax)
      .superRefine((clause, context) => {
        const error = supportJqlError(clause);
        if (error !== null) context.addIssue({ code: 'custom', message: error });
      })
      .optional(),
  })
  .strict();
export type SupportCriteriaInput = z.infer<typeof supportCriteriaSchema>;

/** The gadget's saved configuration (its edit view submits this). */
export const gadgetConfigurationSchema = z
  .object({
    boardId: z.number().int().positive(),
    /** The active sprint, or a chosen one by id. */
    sprint: z.union([z.literal('active'), z.number().int().positive()]),
    measure: z.enum(CAPACITY_MEASURES),
    /** How many sprints the trend shows, ending with the one shown. */
    trendSprints: z.number().int().min(CAPACITY_LIMITS.trendSprintsMin).max(CAPACITY_LIMITS.trendSprintsMax),
    /** How many closed sprints the planning aid averages. */
    planningSprints: z.number().int().min(CAPACITY_LIMITS.planningSprintsMin).max(CAPACITY_LIMITS.planningSprintsMax),
    /** null = the project's defaults (project settings), else this gadget's own criteria. */
    criteria: supportCriteriaSchema.nullable(),
  })
  .strict();
export type GadgetConfiguration = z.infer<typeof gadgetConfigurationSchema>;

export const listBoardsPayloadSchema = z.object({}).strict();
export const listSprintsPayloadSchema = z.object({ boardId: z.number().int().positive() }).strict();
/** The configuration, and `refresh` to read closed sprints from Jira again rather than reuse them. */
export const computeCapacityPayloadSchema = gadgetConfigurationSchema.extend({ refresh: z.boolean().optional() });
export const drillDownPayloadSchema = z
  .object({
    boardId: z.number().int().positive(),
    sprintId: z.number().int().positive(),
    measure: z.enum(CAPACITY_MEASURES),
    criteria: supportCriteriaSchema.nullable(),
  })
  .strict();

/** The project's default support criteria, as "Use the project's defaults" shows them. */
export const projectCriteriaPayloadSchema = z.object({ projectKey: projectKeySchema }).strict();
export const projectCriteriaSchema = z.object({
  criteria: supportCriteriaSchema,
  /** `project`: the project's settings set them; `firebreak`: the project has none, so Firebreak's built-in ones apply. */
  source: z.enum(['project', 'firebreak']),
});

export const boardListSchema = z.object({ boards: z.array(z.object({ id: z.number(), name: z.string(), projectKey: z.string().nullable(), type: z.string() })) });
export const sprintListSchema = z.object({ sprints: z.array(z.object({ id: z.number(), name: z.string(), state: z.string(), startDate: z.string().nullable(), endDate: z.string().nullable() })) });

const sprintShareSchema = z.object({
  id: z.number(),
  name: z.string(),
  state: z.string(),
  start: z.string(),
  end: z.string(),
  /** Both queues together: planned.support + unplanned.support of planned.total + unplanned.support. */
  support: z.number(),
  total: z.number(),
  share: z.number().nullable(),
  /** Support work inside the sprint, of all the sprint's work. */
  planned: z.object({ support: z.number(), total: z.number() }),
  /** The team's support work outside the sprint during its window. */
  unplanned: z.object({ support: z.number() }),
  /** Of the sprint's own issues: everything in it, and what was resolved inside its window (null for time). */
  committed: z.number().nullable(),
  completed: z.number().nullable(),
});

const namedValueSchema = z.object({ id: z.string(), name: z.string(), value: z.number() });

/**
 * The gadget's figures as numbers in the measure's unit (time in seconds, story points, issues); the
 * UI words them in the viewer's locale (`capacity-format.ts`).
 */
export const capacityViewSchema = z.object({
  board: z.object({ id: z.number(), name: z.string(), projectKey: z.string().nullable() }),
  measure: z.enum(CAPACITY_MEASURES),
  /** Why nothing can be shown, when that is so (no sprints on the board, say). */
  empty: z.string().nullable(),
  sprint: sprintShareSchema
    .extend({
      /**
       * In the policy's order (most severe first), then levels the scale no longer has, then issues not
       * classified; `rank` is the level's place in the scale (0 = most severe), null for the last two.
       */
      bySeverity: z.array(namedValueSchema.extend({ rank: z.number().int().nonnegative().nullable() })),
      byKind: z.array(namedValueSchema),
      notes: z.array(z.string()),
      /** Who the team is for the unplanned queue, by name. */
      team: z.object({ source: z.enum(['worklog-authors', 'group']), groupName: z.string().nullable(), members: z.array(z.string()) }),
      /** Each person's time in the sprint's window (seconds), most support first, and their share of it on call. */
      people: z.array(z.object({ accountId: z.string(), name: z.string(), supportSeconds: z.number(), totalSeconds: z.number(), onCallShare: z.number() })),
    })
    .nullable(),
  trend: z.array(sprintShareSchema),
  planning: z.object({
    /** Closed sprints the figures come from, oldest first. */
    history: z.array(z.object({ name: z.string(), committed: z.number().nullable(), completed: z.number().nullable(), feature: z.number(), supportItemsPlanned: z.number() })),
    averageCommitted: z.number().nullable(),
    averageCompleted: z.number().nullable(),
    averageShare: z.number().nullable(),
    /** What one support item in a sprint's plan cost, in the measure's unit; null when the sprints cannot tell. */
    perSupportItem: z.number().nullable(),
    target: z.object({
      /** The planned sprint, or null for "the next sprint" when Jira has none planned yet. */
      name: z.string().nullable(),
      supportItemsPlanned: z.number().nullable(),
      /** The support items the plan assumes: those in the planned sprint, else the average. */
      assumedSupportItems: z.number(),
      teamSize: z.number(),
      onCall: z.array(z.object({ name: z.string(), share: z.number() })),
    }),
    /** Feature work to plan, in the measure's unit; null before the first closed sprint with figures. */
    range: z.object({ low: z.number(), likely: z.number(), high: z.number() }).nullable(),
  }),
  budget: z.object({ levelName: z.string(), used: z.number(), budget: z.number(), exceeded: z.boolean() }).nullable(),
  /** Whether closed sprints' figures were reused rather than read from Jira for this view. */
  cached: z.boolean(),
  /** When the oldest figure in the view was read from Jira (ISO instant). */
  computedAt: z.string(),
  // ── Part "progress" (issue 14): the background read the view is waiting for ──
  /**
   * Present while closed sprints too large to read within a view are read by the `sprint-facts`
   * background job (then `empty` says why): how far it got, so the gadget can show a bar and ask
   * again until the figures come. `failed` ends the run: nothing goes on until the viewer retries.
   */
  reading: z
    .object({
      status: z.enum(['running', 'failed']),
      /** Sprints read so far (successfully or not), of `total`. */
      done: z.number().int().nonnegative(),
      total: z.number().int().positive(),
      /** Sprints that could not be read (counted in `done`). */
      failed: z.number().int().nonnegative(),
      /** Why the first of them could not be read, as the job recorded it; null while none failed. */
      reason: z.string().nullable(),
      /** Issues in the sprints to read, as Jira's approximate count says. */
      issues: z.number().int().nonnegative(),
      startedAt: z.string(),
    })
    .optional(),
});
export type CapacityView = z.infer<typeof capacityViewSchema>;

export const drillDownViewSchema = z.object({
  issues: z.array(
    z.object({
      key: z.string(),
      summary: z.string(),
      value: z.number(),
      /** In the sprint (planned) or worked on outside it during the sprint (unplanned). */
      queue: z.enum(['planned', 'unplanned']),
      support: z.boolean(),
      severity: z.string().nullable(),
      /** The severity by name under the board project's policy in force; null when not classified. */
      severityName: z.string().nullable(),
      kind: z.string().nullable(),
    }),
  ),
});
export type DrillDownView = z.infer<typeof drillDownViewSchema>;
