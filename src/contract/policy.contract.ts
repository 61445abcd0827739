import { z } from 'zod';

import { projectKeySchema } from './issue-key';
import { COMMUNICATION_LIMITS, PLAYBOOK_LIMITS, POLICY_LIMITS, RELEASE_VEHICLES } from './policy.values';
import { severityLevelIdSchema } from './severity.contract';

export * from './policy.values';

const minutes = z.number().int().min(1).max(POLICY_LIMITS.minutesMax);

// ── part: updates (issue 16) ──
/** Who hears about an incident at one level, and how; see `levelCommunication` for the defaults. */
export const levelCommunicationSchema = z
  .object({
    direct: z.boolean(),
    groups: z.array(z.string().trim().min(1).max(COMMUNICATION_LIMITS.groupNameMax)).max(COMMUNICATION_LIMITS.groupsMax, `Name at most ${String(COMMUNICATION_LIMITS.groupsMax)} groups.`),
    roles: z.array(z.string().trim().min(1).max(COMMUNICATION_LIMITS.roleNameMax)).max(COMMUNICATION_LIMITS.rolesMax, `Name at most ${String(COMMUNICATION_LIMITS.rolesMax)} roles.`),
    subjectTemplate: z.string().trim().min(1, 'Give updates a subject.').max(COMMUNICATION_LIMITS.subjectMax),
    escalationContact: z.string().regex(/^[A-Za-z0-9:_-]{1,128}$/, 'Must be a Jira account id.').nullable(),
  })
  .strict();
// ── end part: updates ──

/** One level of the severity policy: what it means and what the team commits to when it is decided. */
export const policyLevelSchema = z
  .object({
    id: severityLevelIdSchema,
    name: z.string().trim().min(1, 'Give the level a name.').max(POLICY_LIMITS.nameMax),
    definition: z.string().trim().min(POLICY_LIMITS.definitionMin, 'Define the level in at least a sentence (10 characters).').max(POLICY_LIMITS.definitionMax),
    examples: z.array(z.string().trim().min(1).max(POLICY_LIMITS.exampleMax)).max(POLICY_LIMITS.examplesMax),
    /** "What response do you want from us?", for the reporter choosing a level. */
    response: z.string().max(POLICY_LIMITS.responseMax),
    /** Time to first response, from the moment the severity is decided. */
    responseTargetMinutes: minutes,
    /** How often stakeholders get an update; null = no cadence for this level. */
    updateCadenceMinutes: minutes.nullable(),
    releaseVehicle: z.enum(RELEASE_VEHICLES),
    allHands: z.boolean(),
    postmortemRequired: z.boolean(),
    /** Time box for the triager to confirm or downgrade the reporter's pick. */
    confirmWithinMinutes: minutes,
    /** The Jira priority this level sets, by name; null = leave priority alone. */
    jiraPriority: z.string().max(POLICY_LIMITS.priorityMax).nullable(),
    /** How many issues of this level a week the team can absorb before quality work takes precedence. */
    weeklyBudget: z.number().int().min(0).max(POLICY_LIMITS.budgetMax).nullable(),
    // ── playbook part (issue 16) ──
    /**
     * The checklist an all-hands incident works through, step by step; absent on policies saved
     * before the playbook existed, which read it through `playbookOf` (the usual sequence for
     * all-hands levels, none for others).
     */
    playbook: z
      .array(z.string().trim().min(1, 'A playbook step needs some words.').max(PLAYBOOK_LIMITS.stepMax, `Keep each playbook step to ${String(PLAYBOOK_LIMITS.stepMax)} characters.`))
      .max(PLAYBOOK_LIMITS.stepsMax, `Keep the playbook to ${String(PLAYBOOK_LIMITS.stepsMax)} steps or fewer.`)
      .optional(),
    // ── part: updates (issue 16) ── absent on policies saved before: read through `levelCommunication`.
    communication: levelCommunicationSchema.optional(),
    /** disputes (issue 16 part 4): minutes the authority has to rule on a dispute of this level; absent = `disputeTimeBoxOf`'s default. */
    disputeTimeBoxMinutes: minutes.optional(),
  })
  .strict();
export type PolicyLevel = z.infer<typeof policyLevelSchema>;

/** Levels from most to least severe. */
export const severityPolicySchema = z
  .object({ levels: z.array(policyLevelSchema).min(POLICY_LIMITS.levelsMin, 'A scale needs at least two levels.').max(POLICY_LIMITS.levelsMax, 'Keep the scale to six levels or fewer.') })
  .strict()
  .superRefine((policy, context) => {
    const seen = new Map<string, number>();
    policy.levels.forEach((level, index) => {
      const earlier = seen.get(level.id);
      if (earlier !== undefined) context.addIssue({ code: 'custom', path: ['levels', index, 'id'], message: `Levels ${earlier + 1} and ${index + 1} share the id "${level.id}".` });
      seen.set(level.id, index);
      const sameName = policy.levels.findIndex((other) => other.name.toLowerCase() === level.name.toLowerCase());
      if (sameName !== index) context.addIssue({ code: 'custom', path: ['levels', index, 'name'], message: `Two levels are called "${level.name}".` });
    });
  });
export type SeverityPolicy = z.infer<typeof severityPolicySchema>;

/** One recorded change: who, when, and what changed, in sentences. */
export const policyChangeSchema = z.object({
  version: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
  by: z.string().min(1).max(128),
  changes: z.array(z.string().max(300)).max(100),
});
export type PolicyChange = z.infer<typeof policyChangeSchema>;

export const storedPolicySchema = z
  .object({
    schemaVersion: z.literal(1),
    version: z.number().int().positive(),
    policy: severityPolicySchema,
    updatedAt: z.iso.datetime({ offset: true }),
    updatedBy: z.string().min(1).max(128),
    /** Newest first, the last 50 changes. */
    history: z.array(policyChangeSchema).max(50),
  })
  .strict();
export type StoredPolicy = z.infer<typeof storedPolicySchema>;

/**
 * What is kept for one scope (the site, or one project) with its history. A project's record with
 * `policy: null` says its own policy was removed (the site's applies again); the history stays.
 */
export const policyRecordSchema = storedPolicySchema.extend({
  policy: severityPolicySchema.nullable(),
  /** The plan that moves issues off the levels the last scale change removed (`action-plan` entity). */
  scaleChangePlanId: z.string().min(1).max(300).optional(),
});
export type PolicyRecord = z.infer<typeof policyRecordSchema>;

export const policyScopeSchema = z.union([z.object({ kind: z.literal('global') }).strict(), z.object({ kind: z.literal('project'), projectKey: projectKeySchema }).strict()]);
export type PolicyScope = z.infer<typeof policyScopeSchema>;

// ── Workflow validator configuration ────────────────────────────────────────────────────────────

/** The rules an admin combines on one transition, stored by Jira as the validator's configuration. */
export const validatorConfigSchema = z
  .object({
    rules: z
      .object({
        severityPicked: z.boolean(),
        severityConfirmed: z.boolean(),
        definitionOfReady: z.boolean(),
        /** Require an assignee when the severity is this level or more severe; null = off. */
        assigneeAtOrAbove: severityLevelIdSchema.nullable(),
        /** The reporter must have made the Verify transition before this one (New → … → Verified → Closed). */
        reporterVerification: z.boolean(),
        /** Levels whose policy requires a postmortem need a published one linked before this transition. */
        postmortemPublished: z.boolean().optional(),
        /** Starting work (a move into an In Progress status) respects the project's support WIP limits. Added later: absent = off. */
        supportWipLimits: z.boolean().optional(),
      })
      .strict(),
    /** What happens when Firebreak cannot decide (Jira error, damaged data): block (default) or allow. */
    failMode: z.enum(['closed', 'open']),
  })
  .strict();
export type ValidatorConfig = z.infer<typeof validatorConfigSchema>;

// ── What the trigger applied to an issue (issue property `firebreak-policy`) ───────────────────

export const appliedPolicyStateSchema = z
  .object({
    schemaVersion: z.literal(1),
    /** The decision this state belongs to, by the instant it was made (unique per issue). */
    decisionAt: z.iso.datetime({ offset: true }),
    level: severityLevelIdSchema,
    responseDueAt: z.iso.datetime({ offset: true }),
    /** When stakeholders next expect an update; null for levels without a cadence or resolved issues. */
    nextUpdateDueAt: z.iso.datetime({ offset: true }).nullable(),
    /** Whether the one policy comment for this decision was posted. */
    commented: z.boolean(),
    /** When a person first commented after the decision: the first response (absent until then). */
    firstResponseAt: z.iso.datetime({ offset: true }).optional(),
    /**
     * The Jira Due date (`YYYY-MM-DD`) the app settled for this decision: written, or left alone
     * because the issue's edit screen has no Due date. Absent until settled.
     */
    dueDate: z.iso.date().optional(),
    /** Due times a reminder was already posted for (never two for the same due time). */
    remindedFor: z.array(z.iso.datetime({ offset: true })).max(200),
  })
  .strict();
export type AppliedPolicyState = z.infer<typeof appliedPolicyStateSchema>;

// ── Resolver payloads and the admin view ────────────────────────────────────────────────────────

const baseVersion = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** Where the issues on one removed level move: `from` a level of the scale in force, `to` one of the new scale. */
export const levelMoveSchema = z.object({ from: severityLevelIdSchema, to: severityLevelIdSchema }).strict();
export type LevelMove = z.infer<typeof levelMoveSchema>;

/**
 * A save that removes levels (a preset switch, a deleted level, a new id) says where each removed
 * level's issues move; omitted, each moves to the level at its position (the last for the levels
 * past the end). Names one click, so a retried or doubled save finishes the same change.
 */
const scaleChangeFields = { mapping: z.array(levelMoveSchema).max(POLICY_LIMITS.levelsMax).optional(), actionId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'Must be an action id.').optional() };

export const getSitePolicyPayloadSchema = z.object({}).strict();
/** part: updates (issue 16): the site policy page's people search, for a level's escalation contact. */
export const findSitePeoplePayloadSchema = z.object({ query: z.string().trim().min(1).max(100) }).strict();
export const saveSitePolicyPayloadSchema = z.object({ policy: severityPolicySchema, baseVersion, ...scaleChangeFields }).strict();
export const getProjectPolicyPayloadSchema = z.object({ projectKey: projectKeySchema }).strict();
/** `policy: null` removes the project's override: the site policy applies again. */
export const saveProjectPolicyPayloadSchema = z.object({ projectKey: projectKeySchema, policy: severityPolicySchema.nullable(), baseVersion, ...scaleChangeFields }).strict();

/** How many of the scope's issues carry a level (by id, any level the app's records name, old ones included). */
export const levelUsageSchema = z.object({
  /** Issues whose severity history names the level anywhere: what a scale change rewrites. */
  issues: z.number().int().nonnegative(),
  /** Issues whose current reporter pick is the level. */
  picked: z.number().int().nonnegative(),
  /** Issues whose current decided severity is the level. */
  decided: z.number().int().nonnegative(),
});
export type LevelUsage = z.infer<typeof levelUsageSchema>;

/** The last scale change of this scope: what moved where, and how far moving the issues got. */
export const scaleChangeViewSchema = z.object({
  status: z.enum(['running', 'done', 'stuck']),
  moves: z.array(z.object({ from: z.string(), fromName: z.string(), to: z.string(), toName: z.string() })),
  /** Issues moved so far. */
  mapped: z.number().int().nonnegative(),
  /** Issues that still carry a removed level, as the app's records say now; null when they could not be counted just now. */
  remaining: z.number().int().nonnegative().nullable(),
  /** What was done and what is left, in a sentence. */
  message: z.string(),
  startedAt: z.iso.datetime({ offset: true }),
});
export type ScaleChangeView = z.infer<typeof scaleChangeViewSchema>;

export const policyViewSchema = z.object({
  scope: policyScopeSchema,
  /** 0 while nothing is saved for this scope. */
  version: z.number().int().nonnegative(),
  policy: severityPolicySchema,
  /** Where the policy shown comes from: this scope's own, the site's (for a project), or Firebreak's default. */
  source: z.enum(['project', 'site', 'default']),
  canEdit: z.boolean(),
  presets: z.array(z.object({ id: z.string(), name: z.string(), policy: severityPolicySchema })),
  history: z.array(policyChangeSchema),
  /** Display names of the people the history and the levels' escalation contacts name, as Jira shows them to the viewer; an id Jira would not name is missing. */
  names: z.record(z.string(), z.string()),
  jiraPriorities: z.array(z.string()),
  /**
   * The top level's weekly budget. `used` counts decisions to the top level in this UTC calendar week
   * (from Monday); `decidedAt` holds when each of those issues was decided to the top level over the
   * last eight days, so a page can count the viewer's own calendar week.
   */
  budget: z.object({ levelName: z.string(), used: z.number(), budget: z.number(), exceeded: z.boolean(), decidedAt: z.array(z.iso.datetime({ offset: true })).optional() }).nullable(),
  /** Per level id, how many of this scope's issues carry it (from the app's own records); null when they could not be counted just now. */
  usage: z.record(z.string(), levelUsageSchema).nullable(),
  scaleChange: scaleChangeViewSchema.nullable(),
});
export type PolicyView = z.infer<typeof policyViewSchema>;
