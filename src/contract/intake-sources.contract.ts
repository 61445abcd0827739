/**
 * intake (issue 17): the project settings' "Alert sources" card: what its resolvers take and give.
 * The secret appears in one place only, `secret` of the answer to a create or a rotation; every
 * other answer carries its last four characters.
 */
import { z } from 'zod';

import { alertSourceIdSchema, alertSourceSettingsSchema, mappingRuleSchema, advisorySettingsSchema } from './intake.contract';
import { ALERT_SOURCE_KINDS } from './intake.values';
import { projectKeySchema } from './issue-key';

const baseVersion = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const isoInstant = z.iso.datetime({ offset: true });

export const PROTECTION_SCHEMES = ['signature-timestamp', 'signature-replay', 'shared-token'] as const;

/** One alert of the last received payload, with what the rules make of it (level and rule names, not ids). */
export const previewRowSchema = z
  .object({
    title: z.string(),
    status: z.enum(['firing', 'resolved']),
    fingerprint: z.string(),
    /** The level's name; null: the triager decides. */
    severity: z.string().nullable(),
    severityBy: z.string().nullable(),
    product: z.string().nullable(),
    environment: z.string().nullable(),
    customers: z.string().nullable(),
    matchedRules: z.array(z.string()),
    notes: z.array(z.string()),
  })
  .strict();
export type PreviewRow = z.infer<typeof previewRowSchema>;

export const alertSourceViewSchema = z
  .object({
    id: alertSourceIdSchema,
    settings: alertSourceSettingsSchema,
    version: z.number().int().positive(),
    kindName: z.string(),
    /** The issue type's name in the project; null when the project no longer has it. */
    issueTypeName: z.string().nullable(),
    url: z.string().nullable(),
    /** Last four characters of the secret, to tell secrets apart. */
    secretHint: z.string().nullable(),
    /** False when the URL or the secret is missing (a save half done): `notReady` says how to fix it. */
    ready: z.boolean(),
    notReady: z.string().nullable(),
    protection: z.object({ scheme: z.enum(PROTECTION_SCHEMES), sentence: z.string() }).strict(),
    example: z.object({ format: z.enum(['shell', 'yaml', 'steps']), text: z.string() }).strict(),
    lastReceived: z
      .object({
        at: isoInstant,
        test: z.boolean(),
        message: z.string(),
        note: z.string().nullable(),
        alertCount: z.number().int().nonnegative(),
        /** Keys of the incidents its alerts opened or updated, once the queue has processed them (up to 10 alerts are remembered). */
        incidents: z.array(z.string()),
      })
      .strict()
      .nullable(),
    updatedAt: isoInstant,
  })
  .strict();
export type AlertSourceView = z.infer<typeof alertSourceViewSchema>;

export const intakeSourcesViewSchema = z
  .object({
    projectKey: projectKeySchema,
    sources: z.array(alertSourceViewSchema),
    issueTypes: z.array(z.object({ id: z.string(), name: z.string() }).strict()),
    /** The severity policy's levels, for the rule editor and the CVSS table. */
    levels: z.array(z.object({ id: z.string(), name: z.string() }).strict()),
    kinds: z.array(z.object({ kind: z.enum(ALERT_SOURCE_KINDS), name: z.string(), advisory: z.boolean() }).strict()),
    maxSources: z.number().int().positive(),
  })
  .strict();
export type IntakeSourcesView = z.infer<typeof intakeSourcesViewSchema>;

/** The answer to a create or a rotation: the page, and the secret in full, this once. */
export const intakeSecretResultSchema = z
  .object({
    view: intakeSourcesViewSchema,
    sourceId: alertSourceIdSchema,
    /** The whole secret: shown now, never again. Null for an edit. */
    secret: z.string().nullable(),
    message: z.string(),
  })
  .strict();
export type IntakeSecretResult = z.infer<typeof intakeSecretResultSchema>;

export const intakePreviewSchema = z
  .object({
    sourceId: alertSourceIdSchema,
    /** When the payload the preview runs on was received; null when none was yet. */
    receivedAt: isoInstant.nullable(),
    test: z.boolean(),
    rows: z.array(previewRowSchema),
    message: z.string(),
  })
  .strict();
export type IntakePreview = z.infer<typeof intakePreviewSchema>;

export const intakeTestResultSchema = z
  .object({ view: intakeSourcesViewSchema, outcome: z.enum(['accepted', 'retry']), message: z.string() })
  .strict();
export type IntakeTestResult = z.infer<typeof intakeTestResultSchema>;

export const listIntakeSourcesPayloadSchema = z.object({ projectKey: projectKeySchema }).strict();
export const saveIntakeSourcePayloadSchema = z
  .object({ projectKey: projectKeySchema, sourceId: alertSourceIdSchema.nullable(), settings: alertSourceSettingsSchema, baseVersion })
  .strict();
export const rotateIntakeSourcePayloadSchema = z
  .object({
    projectKey: projectKeySchema,
    sourceId: alertSourceIdSchema,
    /** Also replace the URL (the old one then answers 404). */
    newUrl: z.boolean(),
    /** Sentry only: the integration's Client Secret, which Sentry makes (it cannot take ours). */
    senderSecret: z.string().trim().min(16, 'Paste the whole client secret.').max(256).optional(),
  })
  .strict();
export const deleteIntakeSourcePayloadSchema = z.object({ projectKey: projectKeySchema, sourceId: alertSourceIdSchema, baseVersion }).strict();
export const previewIntakeSourcePayloadSchema = z
  .object({
    projectKey: projectKeySchema,
    sourceId: alertSourceIdSchema,
    /** The rules being edited, to preview before saving; the saved ones when absent. */
    rules: z.array(mappingRuleSchema).max(50).optional(),
    advisory: advisorySettingsSchema.nullable().optional(),
  })
  .strict();
export const sendTestAlertPayloadSchema = z.object({ projectKey: projectKeySchema, sourceId: alertSourceIdSchema }).strict();
