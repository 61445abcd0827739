import { z } from 'zod';

import { issueKeySchema } from './issue-key';
import { severityLevelIdSchema } from './severity.contract';
import { CLASSES_OF_SERVICE, ENTITY_PROPERTY_MAX_CHARS, ISSUE_KINDS, RAISED_VIA, SEND_BACK_NOTE_MAX, TRIAGE_LEVELS, WORKAROUND } from './report.values';

export * from './report.values';

/** Text longer than the whole property can hold is rejected at the payload boundary already. */
const reportText = z.string().max(ENTITY_PROPERTY_MAX_CHARS, 'This text is longer than a Jira issue property can hold (32,768 characters).');
const shortText = z.string().max(500);
const accountId = z.string().min(1).max(128);
const instant = z.iso.datetime({ offset: true });

// ── The template ────────────────────────────────────────────────────────────────────────────────

export const reportFieldsSchema = z
  .object({
    stepsToReproduce: reportText,
    actualResult: reportText,
    expectedResult: reportText,
    environment: shortText,
    customers: shortText,
    affectedUsers: z.number().int().nonnegative().max(1_000_000_000).nullable(),
    product: shortText,
    raisedVia: z.enum(RAISED_VIA).nullable(),
    workaround: z.enum(WORKAROUND).nullable(),
    workaroundDescription: reportText,
    links: z.array(z.url({ protocol: /^https?$/, hostname: /.+/ }).max(2_000)).max(20),
  })
  .strict();
export type ReportFields = z.infer<typeof reportFieldsSchema>;
export type ReportFieldId = keyof ReportFields;

// ── Triage ──────────────────────────────────────────────────────────────────────────────────────

export const classificationSchema = z
  .object({
    level: z.enum(TRIAGE_LEVELS),
    kind: z.enum(ISSUE_KINDS),
    classOfService: z.enum(CLASSES_OF_SERVICE),
    classifiedBy: accountId,
    classifiedAt: instant,
  })
  .strict();
export type Classification = z.infer<typeof classificationSchema>;

/**
 * One entry of the severity history: the reporter's pick, a triager's decision, or an admin's change
 * of the severity scale that moved the issue's levels to the new scale (`level` is where it moved,
 * `reason` says from what: the old level's name is gone from the scale).
 */
export const severityEventSchema = z
  .object({
    // disputes (issue 16 part 4): `dispute` (someone disputes the decided level; `level` is the one
    // they think is right) and `ruling` (the authority kept the decided level). A ruling that changes
    // the level is a `decision` with `ruling: 'changed'`, so everything that reads decisions sees it.
    kind: z.enum(['reporter-pick', 'decision', 'scale-change', 'dispute', 'ruling']),
    level: severityLevelIdSchema,
    /**
     * The level's name when it was picked or decided, so the history still names a level a later
     * scale change removed (`severityName` in severity-names.ts). Absent on older entries.
     */
    levelName: z.string().max(40).optional(),
    by: accountId,
    at: instant,
    reason: z.string().max(1_000).optional(),
    /** A reporter's pick made by a triager for the reporter: whose pick it stands for. */
    onBehalfOf: accountId.optional(),
    /** disputes (issue 16 part 4): on a ruling, whether the authority kept the decided level or changed it. */
    ruling: z.enum(['kept', 'changed']).optional(),
    /**
     * intake (issue 17): a decision an alert source's mapping rule made (`by` is the app's account):
     * the rule's name, shown as "by rule <name>" (a CVSS table band reads "CVSS 9.8").
     */
    rule: z.string().min(1).max(120).optional(),
  })
  .strict();
export type SeverityEvent = z.infer<typeof severityEventSchema>;

export const sendBackSchema = z
  .object({
    sentAt: instant,
    sentBy: accountId,
    /** What was missing, as the comment listed it. */
    missing: z.array(z.string().max(300)).max(40),
    /** Who had the issue and where it stood, so it can go back to them. */
    previousAssignee: accountId.nullable(),
    previousAssigneeName: z.string().max(200).optional(),
    previousStatus: z.string().max(100),
    returnedAt: instant.optional(),
  })
  .strict();
export type SendBack = z.infer<typeof sendBackSchema>;

export const manualCheckSchema = z.object({ checked: z.boolean(), note: z.string().max(1_000), by: accountId, at: instant }).strict();
export type ManualCheck = z.infer<typeof manualCheckSchema>;

/**
 * Flat copies of the values people search by, indexed through `jira:entityProperty` (search aliases
 * in manifest.yml). Derived on every save; never edited directly.
 */
export const reportSearchIndexSchema = z
  .object({
    reporterSeverity: z.string().max(32).optional(),
    decidedSeverity: z.string().max(32).optional(),
    kind: z.string().max(32).optional(),
    classOfService: z.string().max(32).optional(),
    ready: z.enum(['yes', 'no']),
    customer: z.string().max(500).optional(),
    product: z.string().max(500).optional(),
    waitingForReporter: z.enum(['yes', 'no']),
    /** disputes (issue 16 part 4): `open` while a dispute of the decided severity awaits a ruling, `ruled` after; absent when never disputed. */
    disputed: z.enum(['open', 'ruled']).optional(),
  })
  .strict();
export type ReportSearchIndex = z.infer<typeof reportSearchIndexSchema>;

/** What is stored in the issue property. `schemaVersion` lets later shapes migrate older ones on read. */
export const storedReportSchema = z
  .object({
    schemaVersion: z.literal(2),
    /** Increases by one on every save; a save names the revision it was based on. */
    revision: z.number().int().positive(),
    fields: reportFieldsSchema,
    severityHistory: z.array(severityEventSchema).max(50),
    classification: classificationSchema.nullable(),
    manualChecks: z.record(z.string().max(40), manualCheckSchema),
    sendBacks: z.array(sendBackSchema).max(20),
    search: reportSearchIndexSchema,
    updatedAt: instant,
    updatedBy: accountId,
  })
  .strict();
export type StoredReport = z.infer<typeof storedReportSchema>;

/**
 * What the issue property holds since Firebreak keeps its own record in app storage: a projection,
 * rewritten after every change, for JQL (the `search` paths are indexed, see manifest.yml) and for
 * anyone reading the issue through Jira's API. Anyone with Edit issues can overwrite it; the app
 * never reads it back for anything it decides or does (the next change repairs it).
 */
export const reportProjectionSchema = z
  .object({
    schemaVersion: z.literal(3),
    /** Says where the truth is, for whoever finds this property. */
    note: z.string(),
    revision: z.number().int().positive(),
    updatedAt: instant,
    search: reportSearchIndexSchema,
  })
  .strict();
export type ReportProjection = z.infer<typeof reportProjectionSchema>;

/** The first stored shape (foundation slice): only the steps. Migrated on read. */
export const storedReportV1Schema = z
  .object({
    schemaVersion: z.literal(1),
    revision: z.number().int().positive(),
    fields: z.object({ stepsToReproduce: reportText }).strict(),
    updatedAt: instant,
    updatedBy: accountId,
  })
  .strict();

// ── Resolver payloads and the panel view ────────────────────────────────────────────────────────

/**
 * Names one click of a multi-step action: the UI makes a new one per click and sends the same one
 * again on a retry, so a double click or a retried request finishes the same action instead of
 * starting a second.
 */
export const actionIdSchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'Must be an action id.');

const baseRevision = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const getReportPayloadSchema = z.object({ issueKey: issueKeySchema }).strict();
export type GetReportPayload = z.infer<typeof getReportPayloadSchema>;

export const saveReportPayloadSchema = z
  .object({
    issueKey: issueKeySchema,
    fields: reportFieldsSchema,
    /** The reporter's severity pick; omitted or null leaves the current pick as it is. */
    reporterSeverity: severityLevelIdSchema.nullable().optional(),
    /** The revision the editor started from; 0 when the issue had no report yet. */
    baseRevision,
  })
  .strict();
export type SaveReportPayload = z.infer<typeof saveReportPayloadSchema>;

export const decideSeverityPayloadSchema = z
  .object({ issueKey: issueKeySchema, level: severityLevelIdSchema, reason: z.string().max(1_000), baseRevision, actionId: actionIdSchema.optional() })
  .strict();

export const classifyPayloadSchema = z
  .object({
    issueKey: issueKeySchema,
    level: z.enum(TRIAGE_LEVELS),
    kind: z.enum(ISSUE_KINDS),
    classOfService: z.enum(CLASSES_OF_SERVICE),
    baseRevision,
  })
  .strict();

export const checkItemPayloadSchema = z
  .object({ issueKey: issueKeySchema, itemId: z.string().max(40).regex(/^[a-z0-9][a-z0-9-]*$/, 'Must be a checklist item id.'), checked: z.boolean(), note: z.string().max(1_000), baseRevision })
  .strict();

export const sendBackPayloadSchema = z
  .object({
    issueKey: issueKeySchema,
    baseRevision,
    actionId: actionIdSchema.optional(),
    /** The triager's own words for the reporter, added to the comment as plain text. */
    note: z.string().max(SEND_BACK_NOTE_MAX).optional(),
  })
  .strict();

const personSchema = z.object({ accountId: z.string(), displayName: z.string() });

export const readinessItemSchema = z.object({
  id: z.string(),
  label: z.string(),
  owner: z.enum(['reporter', 'triager']),
  met: z.boolean(),
  detail: z.string().optional(),
});

export const reportViewSchema = z.object({
  issueKey: issueKeySchema,
  issue: z.object({
    summary: z.string(),
    issueType: z.string(),
    status: z.string(),
    projectKey: z.string(),
    reporter: personSchema.nullable(),
    assignee: personSchema.nullable(),
    /** Whether the project's settings put the production template on this issue type. */
    isProductionType: z.boolean(),
  }),
  report: storedReportSchema.nullable(),
  canEdit: z.boolean(),
  viewer: z.object({
    accountId: z.string(),
    isReporter: z.boolean(),
    /** Whether the viewer triages in this project (project settings, "Who triages"). */
    isTriager: z.boolean(),
    /** When not: who triages here and what to do, for the controls the viewer may not use. */
    notTriagerReason: z.string().nullable(),
  }),
  /** The template for this issue type: visible fields with their rule. */
  fields: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      prompt: z.string(),
      kind: z.enum(['long-text', 'text', 'number', 'choice', 'links']),
      rule: z.enum(['required', 'optional']),
    }),
  ),
  scale: z.array(z.object({ id: z.string(), name: z.string(), definition: z.string(), examples: z.array(z.string()), response: z.string() })),
  readiness: z.object({ ready: z.boolean(), items: z.array(readinessItemSchema) }),
  problems: z.array(z.object({ field: z.string(), message: z.string() })),
  manualItems: z.array(z.object({ id: z.string(), label: z.string(), needsNote: z.boolean() })),
  /**
   * Where a send-back moves the issue (project settings), when the workflow has a transition there;
   * null when the project keeps the status. The send-back confirmation names it.
   */
  sendBackStatus: z.string().nullable(),
  /**
   * The decided level's due times as the app applied them (app storage, never the issue property):
   * first response and next stakeholder update. Null before a decision's policy is applied.
   */
  dueTimes: z
    .object({
      level: z.string(),
      responseDueAt: z.string(),
      /** When a person first commented after the decision; null while the response is still owed. */
      firstResponseAt: z.string().nullable(),
      /** Null for levels without an update cadence and for resolved issues. */
      nextUpdateDueAt: z.string().nullable(),
    })
    .nullable(),
  /**
   * intake (issue 17): when the issue is an alert's incident, how often the alert fired on it and
   * when last (app storage, never an issue property). Absent (or null) for other issues.
   */
  alert: z.object({ sourceName: z.string(), occurrences: z.number().int().nonnegative(), lastSeenAt: z.string().nullable() }).nullable().optional(),
  /** Seconds spent waiting for the reporter so far (response targets exclude it). */
  waitingSeconds: z.number().nonnegative(),
  /**
   * Display names for the account ids the view mentions that are not the reporter, assignee or
   * viewer, as Jira shows them to the viewer. An id Jira would not name for them is missing.
   */
  names: z.record(z.string(), z.string()),
  /**
   * What the change just made did, when it did more than save the report (a send-back, a return to
   * triage, a decision's policy): a sentence saying what was done and, when something is not done
   * yet, what and what happens next. Null on a plain read or save.
   */
  /** `info`: nothing needed changing (the request matched what is stored), so nothing was written. */
  outcome: z.object({ tone: z.enum(['success', 'warning', 'info']), message: z.string() }).nullable(),
});
export type ReportView = z.infer<typeof reportViewSchema>;
export type ActionOutcome = NonNullable<ReportView['outcome']>;
