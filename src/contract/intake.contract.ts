/**
 * intake (issue 17): alert sources and their mapping rules, as a project admin edits them.
 * A source is one sender (an Alertmanager receiver, a Sentry integration, a GitHub repository's
 * Dependabot webhook, …) with its own web trigger URL and secret; its rules turn what an alert says
 * into the incident's severity and report fields.
 * @see docs/research/intake.md
 */
import { z } from 'zod';

import { ALERT_SOURCE_KINDS, INTAKE_LIMITS, RULE_TARGETS } from './intake.values';
import { severityLevelIdSchema } from './severity.contract';

export * from './intake.values';

export const alertSourceIdSchema = z.string().regex(/^[a-z0-9-]{8,64}$/, 'Must be an alert source id.');

/**
 * "When label `severity` equals `page`, set severity to the top level." The label is an alert
 * label, or one of the names every parser fills (`severity`, `environment`, `service`, `customer`),
 * read from the labels first; the value compares trimmed and case-insensitively; `*` matches any
 * value that is present.
 */
export const mappingRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/),
    /** Shown in the severity history as "by rule <name>". */
    name: z.string().trim().min(1, 'Give the rule a name.').max(INTAKE_LIMITS.nameMax),
    when: z.object({
      label: z.string().trim().min(1, 'Name the label the rule reads.').max(INTAKE_LIMITS.ruleLabelMax),
      equals: z.string().trim().min(1, 'Give the value the label must have, or * for any.').max(INTAKE_LIMITS.ruleValueMax),
    }).strict(),
    set: z.enum(RULE_TARGETS),
    /** A severity level id when `set` is `severity`; text for the report field otherwise. */
    value: z.string().trim().min(1, 'Give the value the rule sets.').max(INTAKE_LIMITS.ruleSetMax),
  })
  .strict()
  .refine((rule) => rule.set !== 'severity' || severityLevelIdSchema.safeParse(rule.value).success, { message: 'Pick one of the severity levels.', path: ['value'] });
export type MappingRule = z.infer<typeof mappingRuleSchema>;

export const cvssBandSchema = z.object({ name: z.string().min(1).max(40), from: z.number().min(0).max(10) }).strict();

/** For vulnerability findings: CVSS bands onto severity levels, and days to fix per level. */
export const advisorySettingsSchema = z
  .object({
    /** Band names are severity level ids. */
    cvssTable: z.array(cvssBandSchema).min(1).max(10),
    /** Level id → days from the first report to the due date. */
    remediationDays: z.record(severityLevelIdSchema, z.number().int().min(1).max(INTAKE_LIMITS.remediationDaysMax)),
  })
  .strict();
export type AdvisorySettings = z.infer<typeof advisorySettingsSchema>;

/** What a project admin edits. The secret and the URL are not here: the app makes and keeps them. */
export const alertSourceSettingsSchema = z
  .object({
    name: z.string().trim().min(1, 'Give the source a name, e.g. “Checkout Alertmanager”.').max(INTAKE_LIMITS.nameMax),
    kind: z.enum(ALERT_SOURCE_KINDS),
    /** The issue type incidents are opened as, in the source's project. */
    issueTypeId: z.string().regex(/^\d{1,18}$/, 'Pick an issue type.'),
    rules: z.array(mappingRuleSchema).max(INTAKE_LIMITS.rulesPerSource),
    commentIntervalMinutes: z.number().int().min(INTAKE_LIMITS.commentIntervalMinutesMin).max(INTAKE_LIMITS.commentIntervalMinutesMax),
    /** Only for advisory kinds (`ADVISORY_KINDS`); null for the others. */
    advisory: advisorySettingsSchema.nullable(),
  })
  .strict();
export type AlertSourceSettings = z.infer<typeof alertSourceSettingsSchema>;

/**
 * A source as the back office reads it: the settings plus where it belongs. The front door
 * (web trigger, settings pages) keeps more (URL, secret hint, revision) in its own store.
 */
export interface AlertSource extends AlertSourceSettings {
  readonly id: string;
  readonly projectId: string;
}
