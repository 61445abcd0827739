import { z } from 'zod';

import { issueKeySchema } from './issue-key';
import { INCIDENT_LOG_LIMITS, LOG_ENTRY_ID_PATTERN, SUBMISSION_ID_PATTERN } from './incident-log.values';

export * from './incident-log.values';

/**
 * log part (issue 16): the live incident log. Who wrote an entry and when it was recorded come from
 * the invocation context and the server's clock, never from these payloads; the client sends only
 * what the person typed and when they say it happened.
 */
const instant = z.iso.datetime({ offset: true });
const entryId = z.string().regex(LOG_ENTRY_ID_PATTERN, 'That is not an incident log entry id. Reload the issue and try again.');
const submissionId = z.string().regex(SUBMISSION_ID_PATTERN, 'That is not a submission key the panel makes. Reload the issue and try again.');
const entryText = z.string().max(INCIDENT_LOG_LIMITS.text);
const entryLink = z.url({ protocol: /^https?$/, error: 'The link must be a web address starting with http:// or https://.' }).max(INCIDENT_LOG_LIMITS.link).nullable();

/** One entry as stored in app storage (`incident-log-entry`, keyed by issue id and entry id). */
export const storedLogEntrySchema = z
  .object({
    schemaVersion: z.literal(1),
    id: entryId,
    issueId: z.string().regex(/^\d+$/),
    issueKey: issueKeySchema,
    author: z.string().min(1).max(128),
    text: entryText,
    link: entryLink,
    /** When it happened, as the person said (default: when it was recorded). */
    happenedAt: instant,
    recordedAt: instant,
    editedAt: instant.nullable(),
    /** Deleted by its author: kept as a tombstone so a late retry of the same submission does not bring it back. */
    deleted: z.boolean(),
    /** Set on an entry a playbook tick wrote: which step (its key) and whether it was ticked or unticked. */
    playbook: z.object({ step: z.string().max(40), done: z.boolean() }).strict().optional(),
  })
  .strict();
export type StoredLogEntry = z.infer<typeof storedLogEntrySchema>;

const personSchema = z.object({ accountId: z.string(), displayName: z.string() }).strict();

export const logEntryViewSchema = z
  .object({
    id: entryId,
    version: z.number().int().positive(),
    author: personSchema,
    text: z.string(),
    link: z.string().nullable(),
    happenedAt: instant,
    recordedAt: instant,
    editedAt: instant.nullable(),
    /** The viewer wrote it and the incident is open: they may correct or delete it. */
    mine: z.boolean(),
    /** A playbook tick: changed by ticking the step, not by editing the entry. */
    fromPlaybook: z.boolean(),
  })
  .strict();
export type LogEntryView = z.infer<typeof logEntryViewSchema>;

export const playbookStepViewSchema = z
  .object({
    key: z.string(),
    text: z.string(),
    done: z.boolean(),
    /** Who last ticked or unticked it, and when; null while nobody has. */
    by: personSchema.nullable(),
    at: instant.nullable(),
  })
  .strict();

export const incidentLogViewSchema = z
  .object({
    issueKey: issueKeySchema,
    /** The issue carries a production report and is not resolved: entries may be added. */
    open: z.boolean(),
    /** The viewer may add entries now; else `cannotAddReason` says why in a sentence. */
    canAdd: z.boolean(),
    cannotAddReason: z.string().nullable(),
    /** Newest first. */
    entries: z.array(logEntryViewSchema),
    // playbook part (issue 16): the all-hands checklist, shown while the decided level says all hands.
    playbook: z.object({ levelName: z.string(), steps: z.array(playbookStepViewSchema) }).strict().nullable(),
  })
  .strict();
export type IncidentLogView = z.infer<typeof incidentLogViewSchema>;

export const getIncidentLogPayloadSchema = z.object({ issueKey: issueKeySchema }).strict();

export const addLogEntryPayloadSchema = z
  .object({
    issueKey: issueKeySchema,
    /** A fresh key per submission from the panel: a double click or a retry adds one entry. */
    submissionId,
    text: entryText,
    link: entryLink.optional(),
    /** When it happened; absent or null: now. Never more than a minute ahead of the server's clock. */
    happenedAt: instant.nullable().optional(),
  })
  .strict();

export const editLogEntryPayloadSchema = z
  .object({ issueKey: issueKeySchema, entryId, baseVersion: z.number().int().positive(), text: entryText, link: entryLink, happenedAt: instant })
  .strict();

export const deleteLogEntryPayloadSchema = z.object({ issueKey: issueKeySchema, entryId, baseVersion: z.number().int().positive() }).strict();

// playbook part (issue 16)
export const tickPlaybookStepPayloadSchema = z.object({ issueKey: issueKeySchema, step: z.string().max(40), done: z.boolean() }).strict();
