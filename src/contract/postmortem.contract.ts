import { z } from 'zod';

import { issueKeySchema, projectKeySchema } from './issue-key';
import { ACTION_TRIAGE_DECISIONS, CONTRIBUTING_FACTOR_CATEGORIES, HISTORY_EVENTS, ITEM_ID_PATTERN, POSTMORTEM_LIMITS, REVIEW_LIMITS, POSTMORTEM_STATUSES, QUESTION_IDS, REMEDIATION_PRIORITIES, TIMELINE_KINDS } from './postmortem.values';
import { severityLevelIdSchema } from './severity.contract';

export * from './postmortem.values';

const instant = z.iso.datetime({ offset: true });
const accountId = z.string().min(1).max(128);
const text = (max: number) => z.string().max(max);

const questionId = z.enum(QUESTION_IDS);

export const timelineEntrySchema = z
  .object({
    id: z.string().max(80),
    at: instant,
    /** Who did it: an account id, or a name for manual entries (and `Firebreak` for the closing stakeholder update the app sends). */
    who: z.string().max(200),
    kind: z.enum(TIMELINE_KINDS),
    issueKey: issueKeySchema.nullable(),
    text: text(POSTMORTEM_LIMITS.entryText),
    /** Hidden entries stay (the history is not rewritten) but leave the published view and the export. */
    hidden: z.boolean(),
    note: text(POSTMORTEM_LIMITS.entryText),
  })
  .strict();
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

// ── actions part (issue 15): who decided, and who checked ─────────────────────────────────────────
export const actionTriageSchema = z.object({ decision: z.enum(ACTION_TRIAGE_DECISIONS), reason: text(POSTMORTEM_LIMITS.triageReason), by: accountId, at: instant }).strict();
export type ActionTriage = z.infer<typeof actionTriageSchema>;
export const actionVerificationSchema = z
  .object({ how: text(POSTMORTEM_LIMITS.verification), link: z.url({ protocol: /^https?$/ }).max(2_000).nullable(), by: accountId, at: instant })
  .strict();
export type ActionVerification = z.infer<typeof actionVerificationSchema>;

export const actionItemSchema = z
  .object({
    id: z.string().max(40),
    title: text(POSTMORTEM_LIMITS.title).min(1),
    owner: accountId.nullable(),
    /** YYYY-MM-DD */
    dueDate: z.iso.date().nullable(),
    question: questionId,
    /** The improvement issue once created in the backlog. */
    issueKey: issueKeySchema.nullable(),
    // ── actions part (issue 15): triage and proof. Optional, so postmortems stored before read as
    // they are; the server stamps who and when (a triage
    // decision on save, `stampTriage`; a verification through `postmortem/verifyAction`).
    /** Accepted, deferred or rejected, and why; absent while the action is only proposed. */
    triage: actionTriageSchema.optional(),
    /** How the team checked that the action worked, recorded once its issue is done. */
    verification: actionVerificationSchema.optional(),
  })
  .strict();
export type ActionItem = z.infer<typeof actionItemSchema>;

export const remediationItemSchema = z
  .object({
    id: z.string().max(40),
    title: text(POSTMORTEM_LIMITS.title).min(1),
    owner: accountId.nullable(),
    priority: z.enum(REMEDIATION_PRIORITIES),
    done: z.boolean(),
    // format part (issue 15): remediation filed as its own Jira issue. Optional, so items stored
    // before read as not filed. Like an action's, the key is the app's to write (`applyEdit`).
    issueKey: issueKeySchema.nullable().optional(),
    /** The Jira priority it was filed with, by name as Jira said it then (the issue's live priority is Jira's). */
    filedPriority: z.string().max(255).optional(),
  })
  .strict();
export type RemediationItem = z.infer<typeof remediationItemSchema>;

// ── format part (issue 15): contributing factors ──────────────────────────────────────────────
export const contributingFactorSchema = z
  .object({
    id: z.string().regex(ITEM_ID_PATTERN),
    text: text(POSTMORTEM_LIMITS.factorText).min(1),
    /** The kind of condition, or null when the team did not say. */
    category: z.enum(CONTRIBUTING_FACTOR_CATEGORIES).nullable(),
  })
  .strict();
export type ContributingFactor = z.infer<typeof contributingFactorSchema>;

// ── Review (issue 15, part "review"): reviewers, approvals, the published version, version history ──

/** One line of a postmortem's version history: who did what, when, and the revision it produced. */
export const historyEntrySchema = z
  .object({
    at: instant,
    by: accountId,
    event: z.enum(HISTORY_EVENTS),
    revision: z.number().int().positive(),
    /** For `saved`: the sections the save changed (`SECTION_LABELS` keys). */
    sections: z.array(z.string().max(40)).max(20).optional(),
    /** For `reviewers`: the reviewers named after the change. */
    people: z.array(accountId).max(REVIEW_LIMITS.reviewers).optional(),
    /** For `status`: the status moved to. */
    to: z.enum(POSTMORTEM_STATUSES).optional(),
  })
  .strict();
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const approvalSchema = z.object({ accountId, at: instant }).strict();

/** Where the published version is while a new revision is being written (the version itself is stored beside the document). */
/** `publishedBy` is null for a version published before reviews recorded who published. */
export const publishedVersionSchema = z.object({ revision: z.number().int().positive(), publishedAt: instant, publishedBy: accountId.nullable() }).strict();

export const postmortemSchema = z
  .object({
    schemaVersion: z.literal(1),
    id: z.string().regex(/^pm-[a-z0-9-]{4,40}$/),
    projectKey: projectKeySchema,
    title: text(POSTMORTEM_LIMITS.title).min(1),
    status: z.enum(POSTMORTEM_STATUSES),
    severity: severityLevelIdSchema.nullable(),
    owner: accountId,
    incidents: z.array(issueKeySchema).min(1).max(20),
    artifacts: z.array(z.object({ label: text(200), url: z.url({ protocol: /^https?$/ }).max(2_000) }).strict()).max(POSTMORTEM_LIMITS.artifacts),
    summary: text(POSTMORTEM_LIMITS.longText),
    customerImpact: text(POSTMORTEM_LIMITS.longText),
    impact: z
      .object({
        started: instant.nullable(),
        detected: instant.nullable(),
        mitigated: instant.nullable(),
        resolved: instant.nullable(),
        /** IANA time zone the times are shown in, e.g. Europe/Berlin. */
        timeZone: z.string().max(64),
        usersAffected: z.number().int().nonnegative().max(POSTMORTEM_LIMITS.usersAffected).nullable(),
      })
      .strict(),
    timeline: z.array(timelineEntrySchema).max(1_000),
    answers: z.partialRecord(questionId, text(POSTMORTEM_LIMITS.longText)),
    actions: z.array(actionItemSchema).max(POSTMORTEM_LIMITS.actions),
    remediation: z.array(remediationItemSchema).max(POSTMORTEM_LIMITS.remediation),
    revision: z.number().int().positive(),
    createdAt: instant,
    updatedAt: instant,
    updatedBy: accountId,
    publishedAt: instant.nullable(),
    // Review (part "review"); optional, so postmortems stored before review existed still read.
    /** Who published the version this document holds (set while `status` is published). */
    publishedBy: accountId.nullable().optional(),
    /** The people the owner asked to review; never the owner. */
    reviewers: z.array(accountId).max(REVIEW_LIMITS.reviewers).optional(),
    /** Approvals of the text as it stands; cleared when the text changes. */
    approvals: z.array(approvalSchema).max(REVIEW_LIMITS.reviewers).optional(),
    /** Set while a new revision is open: the published version stays readable until the revision replaces it. */
    publishedVersion: publishedVersionSchema.optional(),
    /** Most recent last; the oldest entries leave past `REVIEW_LIMITS.history`. */
    history: z.array(historyEntrySchema).max(REVIEW_LIMITS.history).optional(),
    // guards (issue 15): the recurrence watch. Written only by the app's issue trigger (never part of
    // an edit), from the app's own report records; absent on postmortems stored before it.
    recurrences: z
      .array(z.object({ issueKey: issueKeySchema, detectedAt: instant, matchedOn: z.enum(['product', 'customer']), value: z.string().max(500) }).strict())
      .max(50)
      .optional(),
    // format part (issue 15): more of the format teams use. Optional, so postmortems stored before
    // read as they are (no factors, nothing written); the page, export and print view treat absent as empty.
    contributingFactors: z.array(contributingFactorSchema).max(POSTMORTEM_LIMITS.contributingFactors).optional(),
    wentWell: text(POSTMORTEM_LIMITS.longText).optional(),
    gotLucky: text(POSTMORTEM_LIMITS.longText).optional(),
  })
  .strict();
export type Postmortem = z.infer<typeof postmortemSchema>;

// ── Resolver payloads and views ─────────────────────────────────────────────────────────────────

const postmortemId = z.string().regex(/^pm-[a-z0-9-]{4,40}$/, 'Must be a postmortem id.');
const revision = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const listPostmortemsPayloadSchema = z.object({ projectKey: projectKeySchema }).strict();
export const getPostmortemPayloadSchema = z.object({ id: postmortemId }).strict();

// ── fixes (issue 15): the Markdown export built for the viewer's locale, which the page knows from
// Forge's context and the resolver context does not carry. A BCP 47 tag; an unknown one reads en-GB.
export const exportMarkdownPayloadSchema = z.object({ id: postmortemId, locale: z.string().max(35).regex(/^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$/) }).strict();
export const markdownExportSchema = z.object({ markdown: z.string(), revision: z.number().int() });
export type MarkdownExport = z.infer<typeof markdownExportSchema>;
export const startPostmortemPayloadSchema = z.object({ issueKey: issueKeySchema }).strict();
export const postmortemForIssuePayloadSchema = z.object({ issueKey: issueKeySchema }).strict();

/** The parts a person edits; the server keeps ids, status, revision and the audit fields. */
export const postmortemEditSchema = postmortemSchema.pick({
  title: true,
  severity: true,
  owner: true,
  incidents: true,
  artifacts: true,
  summary: true,
  customerImpact: true,
  impact: true,
  timeline: true,
  answers: true,
  actions: true,
  remediation: true,
  // format part (issue 15)
  contributingFactors: true,
  wentWell: true,
  gotLucky: true,
});
export type PostmortemEdit = z.infer<typeof postmortemEditSchema>;

export const savePostmortemPayloadSchema = z
  .object({
    id: postmortemId,
    edit: postmortemEditSchema,
    baseRevision: revision,
    // guards (issue 15): incidents from another project the person confirmed linking after being
    // told who would lose access; a newly linked one from another project not named here is refused.
    confirmedLinks: z.array(issueKeySchema).max(20).optional(),
  })
  .strict();
export const setPostmortemStatusPayloadSchema = z.object({ id: postmortemId, to: z.enum(POSTMORTEM_STATUSES), baseRevision: revision }).strict();
/**
 * One click of "Create Jira issue": the UI makes an idempotency key per click and sends the same one
 * when it retries, so the server files one issue for it however often the request arrives.
 */
export const createActionIssuePayloadSchema = z
  .object({ id: postmortemId, actionId: z.string().regex(ITEM_ID_PATTERN), idempotencyKey: z.string().regex(/^[A-Za-z0-9-]{16,64}$/, 'Must be an idempotency key.'), baseRevision: revision })
  .strict();
// Review (part "review")
export const setReviewersPayloadSchema = z.object({ id: postmortemId, reviewers: z.array(accountId).max(REVIEW_LIMITS.reviewers), baseRevision: revision }).strict();
export const approvePostmortemPayloadSchema = z.object({ id: postmortemId, baseRevision: revision }).strict();
/** `confirmBlameHints`: the owner saw the blame hints still in the text and publishes anyway. */
export const publishPostmortemPayloadSchema = z.object({ id: postmortemId, baseRevision: revision, confirmBlameHints: z.boolean() }).strict();
export const openRevisionPayloadSchema = z.object({ id: postmortemId, baseRevision: revision }).strict();
export const searchReviewersPayloadSchema = z.object({ id: postmortemId, query: z.string().trim().min(1).max(100) }).strict();
export const reviewerCandidatesSchema = z.object({ people: z.array(z.object({ accountId: z.string(), displayName: z.string() })) });
export type ReviewerCandidates = z.infer<typeof reviewerCandidatesSchema>;

export const refreshTimelinePayloadSchema = z.object({ id: postmortemId, baseRevision: revision }).strict();

// ── actions part (issue 15): owner search, proof ───────────────────────────────────────
/** Finds owners by name: people who may be assigned issues in the postmortem's project, or in the backlog its actions are filed in. */
export const findPostmortemOwnersPayloadSchema = z.object({ id: postmortemId, query: z.string().trim().min(1).max(100), for: z.enum(['postmortem', 'action']) }).strict();
export const verifyActionPayloadSchema = z
  .object({
    id: postmortemId,
    actionId: z.string().regex(ITEM_ID_PATTERN),
    how: text(POSTMORTEM_LIMITS.verification),
    link: z.url({ protocol: /^https?$/ }).max(2_000).nullable(),
    baseRevision: revision,
  })
  .strict();

// ── format part (issue 15): remediation filed as Jira issues with their own priority ────────────
/** One click of "File as Jira issue" on a remediation item: like an action's, with the Jira priority chosen by id (null: Jira's default). */
export const createRemediationIssuePayloadSchema = z
  .object({
    id: postmortemId,
    remediationId: z.string().regex(ITEM_ID_PATTERN),
    priorityId: z.string().regex(/^[0-9]{1,18}$/, 'Must be a Jira priority id.').nullable(),
    idempotencyKey: z.string().regex(/^[A-Za-z0-9-]{16,64}$/, 'Must be an idempotency key.'),
    baseRevision: revision,
  })
  .strict();
export const jiraPrioritiesPayloadSchema = z.object({ id: postmortemId }).strict();
/** Jira's priorities, most urgent first as Jira orders them, by name. */
export const jiraPrioritiesSchema = z.object({ priorities: z.array(z.object({ id: z.string(), name: z.string() })) });
export type JiraPriorities = z.infer<typeof jiraPrioritiesSchema>;

export const postmortemViewSchema = z.object({
  postmortem: postmortemSchema,
  canEdit: z.boolean(),
  /** Advisory only: never blocks. */
  blameHints: z.array(z.object({ where: z.string(), phrase: z.string(), why: z.string(), suggestion: z.string() })),
  publishBlockers: z.array(z.string()),
  /**
   * Live status of each action's improvement issue, by key; `missing` when Jira no longer returns it
   * (deleted, or not visible to this person): the action can then be filed again or unlinked.
   */
  actionIssues: z.record(z.string(), z.object({ status: z.string(), done: z.boolean(), missing: z.boolean() })),
  overdueActionIds: z.array(z.string()),
  /** Display names for the account ids on the page. */
  names: z.record(z.string(), z.string()),
  /** People on the page who may be offered as owners (not apps such as Firebreak itself); Jira still has the last word on who may be assigned. */
  ownerCandidates: z.array(z.string()),
  markdown: z.string(),
  /** The postmortem's severity by name, under the project's policy in force (`severity-names.ts`); null when not set. */
  severityName: z.string().nullable(),
  /** Review (part "review"): the caller's roles, the reviewers, what publishing still needs, the published version while a revision is open, the history. */
  review: z.object({
    isOwner: z.boolean(),
    isReviewer: z.boolean(),
    approvedByYou: z.boolean(),
    /** May change the postmortem's text, or open a new revision of a published one (Edit issues on every incident). */
    mayEdit: z.boolean(),
    reviewers: z.array(z.object({ accountId: z.string(), approvedAt: z.string().nullable() })),
    /** Sentences naming what stands between this postmortem and publishing, beyond the text's blockers; empty when the owner may publish. */
    publishMissing: z.array(z.string()),
    published: z.object({ postmortem: postmortemSchema, publishedAt: z.string(), publishedBy: z.string().nullable() }).nullable(),
    history: z.array(historyEntrySchema),
  }),
  // record part: time to detect, mitigate and resolve from the saved impact times, worded once on the server (`impact-durations.ts`) for the page, the export and the print view.
  impactDurations: z.array(z.object({ label: z.string(), text: z.string() })).optional(),
  /** A sentence about the change just made that the person should read (what Jira did not take); `null` when all went as asked. */
  notice: z.string().nullable(),
});
export type PostmortemView = z.infer<typeof postmortemViewSchema>;

export const postmortemListSchema = z.object({
  postmortems: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      status: z.enum(POSTMORTEM_STATUSES),
      severity: z.string().nullable(),
      /** The severity by name, under the project's policy in force; null when not set. */
      severityName: z.string().nullable(),
      incidents: z.array(z.string()),
      owner: z.string(),
      ownerName: z.string(),
      createdAt: z.string(),
      updatedAt: z.string(),
      publishedAt: z.string().nullable(),
      overdueActions: z.number(),
      /** fixes (issue 15): a revision is open while a published version exists ("Published · revision in draft"). */
      revisionOfPublished: z.boolean().optional(),
    }),
  ),
  /** The names of the levels whose policy requires a postmortem, most severe first (the project's policy in force). */
  postmortemLevels: z.array(z.string()),
  /** Incidents decided at one of those levels with no postmortem yet. */
  missing: z.array(z.object({ key: z.string(), summary: z.string(), severity: z.string(), severityName: z.string() })),
});
export type PostmortemList = z.infer<typeof postmortemListSchema>;

/**
 * The ids Jira puts in the URLs of the app's full pages (`/jira/{type}/projects/{key}/apps/{appId}/{environmentId}`),
 * for the UI to navigate by URL when `router.navigate` to the module (a Preview feature) fails.
 */
export const appPageIdsSchema = z.object({ appId: z.string(), environmentId: z.string() });
export type AppPageIds = z.infer<typeof appPageIdsSchema>;

export const postmortemForIssueSchema = z.object({
  // fixes (issue 15): `revisionOfPublished` as in the list, so the panel says a published version exists.
  postmortem: z.object({ id: z.string(), title: z.string(), status: z.enum(POSTMORTEM_STATUSES), revisionOfPublished: z.boolean().optional() }).nullable(),
  canStart: z.boolean(),
  /** guards (issue 15): the earlier postmortem this incident is a recurrence of (same product or customer, within the project's window). */
  recurrenceOf: z.object({ id: z.string(), title: z.string(), matchedOn: z.enum(['product', 'customer']), value: z.string() }).nullable().optional(),
  appPage: appPageIdsSchema,
});
