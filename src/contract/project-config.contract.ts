import { z } from 'zod';

import { supportCriteriaSchema } from './capacity.contract';
import { LABEL_PATTERN } from './capacity.values';
import { issueKeySchema, projectKeySchema } from './issue-key';
import { ACCOUNT_ID_PATTERN, GROUP_NAME_MAX, ON_CALL_LIMITS, onCallProblems } from './on-call.values';
import { DEFAULT_TRIAGERS, FIELD_RULES, WIP_LIMIT_MAX, WIP_LIMIT_MESSAGE, WIP_LIMIT_MIN } from './project-config.values';
import { REPORT_FIELD_IDS } from './report.values';
import { CLASSES_OF_SERVICE } from './triage.values';

export * from './project-config.values';

const fieldRulesSchema = z.partialRecord(z.enum(REPORT_FIELD_IDS), z.enum(FIELD_RULES));
export type FieldRules = z.infer<typeof fieldRulesSchema>;

export const manualItemSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Item ids are lowercase words joined by hyphens, e.g. "reproduced-internally".'),
    label: z.string().trim().min(3, 'Give the item a label of at least 3 characters.').max(120),
    /** When true, ticking the item needs a note (for example a link to the reproduction). */
    needsNote: z.boolean(),
  })
  .strict();
export type ManualItem = z.infer<typeof manualItemSchema>;

/**
 * Who triages in a project: members of these Jira project roles or groups, by name as Jira shows
 * them. Only triagers decide a severity, classify, tick the triager's checklist items and send an
 * issue back (the report resolvers check it).
 */
export const triagersSchema = z
  .object({
    roles: z.array(z.string().trim().min(1).max(255)).max(20),
    groups: z.array(z.string().trim().min(1).max(255)).max(20),
  })
  .strict()
  .refine((triagers) => triagers.roles.length + triagers.groups.length > 0, { message: 'Choose at least one role or group: otherwise nobody could triage.', path: ['roles'] });
export type Triagers = z.infer<typeof triagersSchema>;

/**
 * Kanban's "limit work in progress" for production support: at most this many issues of each class
 * of service in an In Progress status at once (a class left out has no limit). The severity-policy
 * validator's "support WIP limits" rule enforces it when work starts.
 */
export const wipLimitsSchema = z
  .object({
    // One refinement rather than int/min/max, so every out-of-range value gets the same sentence.
    limits: z.partialRecord(
      z.enum(CLASSES_OF_SERVICE),
      z.number().refine((limit) => Number.isInteger(limit) && limit >= WIP_LIMIT_MIN && limit <= WIP_LIMIT_MAX, { error: WIP_LIMIT_MESSAGE }),
    ),
    /** Issues at the policy's top severity level may always start (an outage never waits for a slot). */
    topSeverityExempt: z.boolean(),
  })
  .strict();
export type WipLimits = z.infer<typeof wipLimitsSchema>;

const accountIdSchema = z.string().regex(ACCOUNT_ID_PATTERN, 'That is not a Jira account id; choose the person by name again.');
/** A swap's person: an account id, or empty while the admin has not chosen (`onCallProblems` says so). */
const swapPersonSchema = z.union([z.literal(''), accountIdSchema]);

/**
 * The on-call rotation (`on-call.values.ts` says what each field means). The limits are checked by
 * `onCallProblems` with the sentences the page shows, so the array caps here only stop abuse.
 */
export const onCallRotationSchema = z
  .object({
    people: z.array(accountIdSchema).max(ON_CALL_LIMITS.people * 5),
    shift: z.discriminatedUnion('length', [z.object({ length: z.literal('week') }).strict(), z.object({ length: z.literal('sprint'), boardId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }).strict()]),
    startsAt: z.string().max(16),
    timeZone: z.string().min(1).max(64),
    swaps: z
      .array(z.object({ from: z.string().max(16), to: z.string().max(16), covering: swapPersonSchema, coveredFor: swapPersonSchema }).strict())
      .max(ON_CALL_LIMITS.swaps * 5),
  })
  .strict()
  .superRefine((rotation, context) => {
    for (const problem of onCallProblems(rotation)) context.addIssue({ code: 'custom', path: [...problem.path], message: problem.message });
  });

/** Who the capacity gadget counts as the team: whoever logs work on the board's sprint issues during the sprint, or one Jira group. */
export const capacityTeamSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('worklog-authors') }).strict(),
  z.object({ source: z.literal('group'), groupName: z.string().trim().min(1, 'Enter the Jira group’s name.').max(GROUP_NAME_MAX) }).strict(),
]);

// disputes (issue 16 part 4): who has the final say on severity disputes in the project.
/**
 * One person (by account id, found by name on the page), the members of one Jira group (by name,
 * checked to exist when saved) or the members of one of the project's roles. Absent: the project's
 * Administrators role (`DEFAULT_DISPUTE_AUTHORITY`).
 */
export const disputeAuthoritySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), accountId: accountIdSchema }).strict(),
  z.object({ kind: z.literal('group'), groupName: z.string().trim().min(1, 'Enter the Jira group’s name.').max(GROUP_NAME_MAX) }).strict(),
  z.object({ kind: z.literal('role'), roleName: z.string().trim().min(1, 'Choose one of the project’s roles.').max(255) }).strict(),
]);
export type DisputeAuthority = z.infer<typeof disputeAuthoritySchema>;

/** What a project admin configures on the project settings page. */
export const projectConfigSchema = z
  .object({
    /** Issue types that carry the production report, by name. */
    productionIssueTypes: z.array(z.string().min(1).max(60)).min(1).max(20),
    /** Rules for every production issue type, and overrides by issue type name. */
    defaultFieldRules: fieldRulesSchema,
    fieldRulesByIssueType: z.record(z.string().max(60), fieldRulesSchema),
    manualItems: z.array(manualItemSchema).max(15),
    /** Status a sent-back issue moves to when the workflow has a transition to it; none = stay put. */
    sendBackStatus: z.string().max(60).nullable(),
    /** What the capacity gadget counts as production support, unless a gadget sets its own. */
    supportCriteria: supportCriteriaSchema.optional(),
    /** Where postmortem action items are filed; absent = this project, Task, label postmortem-action. */
    improvements: z
      .object({
        projectKey: projectKeySchema,
        issueType: z.string().trim().min(1).max(60),
        label: z.string().regex(LABEL_PATTERN, 'Labels have no spaces.'),
      })
      .strict()
      .optional(),
    triagers: triagersSchema,
    /** Support work-in-progress limits; absent = none (settings saved before they existed). */
    wipLimits: wipLimitsSchema.optional(),
    /** Who is on call, in turn; absent = no rotation (settings saved before it existed). */
    onCall: onCallRotationSchema.optional(),
    /** Who the capacity gadget counts as the team; absent = the worklog authors. */
    capacityTeam: capacityTeamSchema.optional(),
    /** guards (issue 15): days after an incident within which a new one on the same product or customer flags its postmortem "recurred"; absent = 30. */
    recurrenceWindowDays: z.number().int().min(1).max(365).optional(),
    /** disputes (issue 16 part 4): who has the final say on severity disputes; absent = the Administrators role. */
    disputeAuthority: disputeAuthoritySchema.optional(),
  })
  .strict()
  .superRefine((config, context) => {
    const ids = new Set<string>();
    config.manualItems.forEach((item, index) => {
      if (ids.has(item.id)) context.addIssue({ code: 'custom', path: ['manualItems', index, 'id'], message: `Two checklist items share the id "${item.id}".` });
      ids.add(item.id);
    });
  });
export type ProjectConfig = z.infer<typeof projectConfigSchema>;

/** Settings saved before "who triages" existed get the default on read. */
const withTriagers = (config: unknown): unknown =>
  typeof config === 'object' && config !== null && !Array.isArray(config) && !('triagers' in config) ? { ...config, triagers: DEFAULT_TRIAGERS } : config;

export const storedProjectConfigSchema = z
  .object({
    schemaVersion: z.literal(1),
    version: z.number().int().positive(),
    config: z.preprocess(withTriagers, projectConfigSchema),
    updatedAt: z.iso.datetime({ offset: true }),
    updatedBy: z.string().min(1).max(128),
  })
  .strict();
export type StoredProjectConfig = z.infer<typeof storedProjectConfigSchema>;

export const projectConfigViewSchema = z.object({
  projectKey: projectKeySchema,
  /** 0 while the project still runs on the defaults. */
  version: z.number().int().nonnegative(),
  config: projectConfigSchema,
  canEdit: z.boolean(),
  issueTypes: z.array(z.string()),
  statuses: z.array(z.string()),
  /** The project roles an admin can choose triagers from; `null` when the viewer may not read them (Jira lets project admins only). */
  roles: z.array(z.object({ name: z.string(), description: z.string() })).nullable(),
  /** Display names of the people the rotation names, as the viewer may see them (absent from older backends). */
  people: z.record(z.string(), z.string()).optional(),
});
export type ProjectConfigView = z.infer<typeof projectConfigViewSchema>;

export const getProjectConfigPayloadSchema = z.object({ projectKey: projectKeySchema }).strict();
export const saveProjectConfigPayloadSchema = z
  .object({ projectKey: projectKeySchema, config: projectConfigSchema, baseVersion: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) })
  .strict();

// ── Support work in progress, for the Definition of Ready panel ─────────────────────────────────

export const supportWipPayloadSchema = z.object({ issueKey: issueKeySchema }).strict();

/** Where an issue's class of service stands against its WIP limit; `wip: null` when no limit applies to it. */
export const supportWipViewSchema = z.object({
  wip: z
    .object({
      classOfService: z.enum(CLASSES_OF_SERVICE),
      limit: z.number().int().positive(),
      /** Other issues of the class in progress that the viewer may see (this one left out). */
      othersInProgress: z.number().int().nonnegative(),
      /** This issue is in an In Progress status itself. */
      thisInProgress: z.boolean(),
      /** The project exempts the top severity level and a triager decided this issue at it. */
      exempt: z.boolean(),
    })
    .strict()
    .nullable(),
});
export type SupportWipView = z.infer<typeof supportWipViewSchema>;
