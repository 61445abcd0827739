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
export const computeCapacityPayloadSchema = gadgetConfigurationSchema;
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
  support: z.number(),
  total: z.number(),
  share: z.number().nullable(),
});

/**
 * The gadget's figures as numbers in the measure's unit (time in seconds, story points, issues); the
 * UI words them in the viewer's locale (`capacity-format.ts`).
 */
export const capacityViewSchema = z.object({
  board: z.object({ id: z.number(), name: z.string(), projectKey: z.string().nullable() }),
  measure: z.enum(CAPACITY_MEASURES),
  /** Why nothing can be shown, when that is so (no sprints on the board, say). */
  empty: z.string().nullable(),
  sprint: sprintShareSchema.extend({
    /**
     * In the policy's order (most severe first), then levels the scale no longer has, then issues not
     * classified; `rank` is the level's place in the scale (0 = most severe), null for the last two.
     */
    bySeverity: z.array(z.object({ id: z.string(), name: z.string(), value: z.number(), rank: z.number().int().nonnegative().nullable() })),
    byKind: z.array(z.object({ id: z.string(), name: z.string(), value: z.number() })),
    notes: z.array(z.string()),
  }).nullable(),
  trend: z.array(sprintShareSchema),
  planning: z.object({
    sprints: z.number(),
    averageShare: z.number().nullable(),
    averageTotal: z.number().nullable(),
    suggestedFeatureCapacity: z.number().nullable(),
  }),
  budget: z.object({ levelName: z.string(), used: z.number(), budget: z.number(), exceeded: z.boolean() }).nullable(),
  /** Whether this came from the cache of closed sprints (0 Jira calls for them). */
  cached: z.boolean(),
});
export type CapacityView = z.infer<typeof capacityViewSchema>;

export const drillDownViewSchema = z.object({
  issues: z.array(
    z.object({
      key: z.string(),
      summary: z.string(),
      value: z.number(),
      support: z.boolean(),
      severity: z.string().nullable(),
      /** The severity by name under the board project's policy in force; null when not classified. */
      severityName: z.string().nullable(),
      kind: z.string().nullable(),
    }),
  ),
});
export type DrillDownView = z.infer<typeof drillDownViewSchema>;
