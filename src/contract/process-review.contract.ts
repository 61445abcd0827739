import { z } from 'zod';

import { issueKeySchema, projectKeySchema } from './issue-key';
import { PROCESS_REVIEW_LIMITS } from './process-review.values';

export * from './process-review.values';

/**
 * Issue 16, part 5: when the production support process is reviewed. Kept beside the severity
 * policy of the same scope (the site, or a project with its own), in its own record, so the policy
 * editor's versions and merges stay as they are. `null`: no scheduled review.
 */
export const processReviewSettingSchema = z
  .object({
    firstAfterMonths: z.number().int().min(1, 'Give a number of months from 1 to 24.').max(PROCESS_REVIEW_LIMITS.monthsMax, 'Give a number of months from 1 to 24.'),
    everyMonths: z.number().int().min(1, 'Give a number of months from 1 to 24.').max(PROCESS_REVIEW_LIMITS.monthsMax, 'Give a number of months from 1 to 24.'),
  })
  .strict();
export type ProcessReviewSetting = z.infer<typeof processReviewSettingSchema>;

export const storedProcessReviewSchema = z
  .object({
    schemaVersion: z.literal(1),
    version: z.number().int().positive(),
    setting: processReviewSettingSchema.nullable(),
    updatedAt: z.iso.datetime({ offset: true }),
    updatedBy: z.string().min(1).max(128),
  })
  .strict();
export type StoredProcessReview = z.infer<typeof storedProcessReviewSchema>;

/** The admin's view: the setting, when the next review is due, and the last one filed. */
export const processReviewViewSchema = z
  .object({
    projectKey: projectKeySchema.nullable(),
    /** This scope's own setting; null: none (a project then follows the site's). */
    setting: processReviewSettingSchema.nullable(),
    /** For a project: the site's setting, which applies while the project has none. */
    siteSetting: processReviewSettingSchema.nullable(),
    version: z.number().int().nonnegative(),
    /** When the policy in force was first saved (what the first review counts from); null before. */
    anchorAt: z.iso.datetime({ offset: true }).nullable(),
    /** The next review date under the schedule in force; null without one or without a saved policy. */
    nextReviewAt: z.iso.datetime({ offset: true }).nullable(),
    /** Review tasks filed for this scope's projects, newest first (at most 10). */
    filed: z.array(z.object({ projectKey: projectKeySchema, issueKey: issueKeySchema, dueAt: z.iso.datetime({ offset: true }) }).strict()).max(10),
    canEdit: z.boolean(),
  })
  .strict();
export type ProcessReviewView = z.infer<typeof processReviewViewSchema>;

const baseVersion = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const getSiteProcessReviewPayloadSchema = z.object({}).strict();
export const saveSiteProcessReviewPayloadSchema = z.object({ setting: processReviewSettingSchema.nullable(), baseVersion }).strict();
export const getProjectProcessReviewPayloadSchema = z.object({ projectKey: projectKeySchema }).strict();
export const saveProjectProcessReviewPayloadSchema = z.object({ projectKey: projectKeySchema, setting: processReviewSettingSchema.nullable(), baseVersion }).strict();
