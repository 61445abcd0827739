import { z } from 'zod';

import { issueKeySchema } from './issue-key';

/**
 * The production report lives on the issue as one entity property, so Jira users find it where they
 * expect it and JQL can search it (via `jira:entityProperty`).
 * Property keys may hold letters, digits, dots and hyphens.
 * @see https://developer.atlassian.com/cloud/jira/platform/jira-entity-properties/
 */
export const REPORT_PROPERTY_KEY = 'firebreak-report';

/**
 * Jira rejects an entity property whose JSON is longer than 32,768 characters.
 * @see https://developer.atlassian.com/cloud/jira/platform/jira-entity-properties/#limitations
 */
export const ENTITY_PROPERTY_MAX_CHARS = 32_768;

/** Text longer than the whole property can hold is rejected at the payload boundary already. */
const reportText = z.string().max(ENTITY_PROPERTY_MAX_CHARS, 'This text is longer than a Jira issue property can hold (32,768 characters).');

export const reportFieldsSchema = z
  .object({
    stepsToReproduce: reportText,
  })
  .strict();
export type ReportFields = z.infer<typeof reportFieldsSchema>;

export const REPORT_FIELD_LABELS: Readonly<Record<keyof ReportFields, string>> = {
  stepsToReproduce: 'Steps to reproduce',
};

/** What is stored in the issue property, versioned so later shapes can migrate old ones on read. */
export const storedReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    /** Increases by one on every save; a save names the revision it was based on. */
    revision: z.number().int().positive(),
    fields: reportFieldsSchema,
    updatedAt: z.iso.datetime({ offset: true }),
    updatedBy: z.string().min(1).max(128),
  })
  .strict();
export type StoredReport = z.infer<typeof storedReportSchema>;

export const reportViewSchema = z.object({
  issueKey: issueKeySchema,
  report: storedReportSchema.nullable(),
  canEdit: z.boolean(),
});
export type ReportView = z.infer<typeof reportViewSchema>;

export const getReportPayloadSchema = z.object({ issueKey: issueKeySchema }).strict();
export type GetReportPayload = z.infer<typeof getReportPayloadSchema>;

export const saveReportPayloadSchema = z
  .object({
    issueKey: issueKeySchema,
    fields: reportFieldsSchema,
    /** The revision the editor started from; 0 when the issue had no report yet. */
    baseRevision: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  })
  .strict();
export type SaveReportPayload = z.infer<typeof saveReportPayloadSchema>;
