import { kvs } from '@forge/kvs';
import { z } from 'zod';

import { classificationSchema } from '../contract/report.contract';
import { mapWithConcurrency } from '../jira/concurrency';
import type { ClassOfService } from '../contract/triage.values';
import type { IssueClassification } from '../domain/capacity/issue-classification';
import { REPORT_ENTITY } from './issue-state.store';

/** Forge reads at most 25 keys in one batch. @see https://developer.atlassian.com/platform/forge/storage-reference/entities-batch/ */
const BATCH_KEYS = 25;
/** Batches in flight at once: a project with hundreds of issues in progress must not burst storage. */
const BATCHES_IN_FLIGHT = 4;

/** Only the classification of a stored report row: a report damaged elsewhere still says its class. */
const classOnlySchema = z.object({ document: z.object({ classification: classificationSchema.nullable() }).loose() }).loose();

/**
 * The class of service the app stored for each of these issues (by id), from the `issue-report`
 * entity in batches of 25, a few at a time. Issues with no record, no classification or a record
 * whose classification does not parse are left out (they have no class the app vouches for). A
 * batch item that fails for another reason than "not found" throws: the caller cannot count then.
 */
export const readClassesOfService = async (issueIds: readonly string[]): Promise<ReadonlyMap<string, ClassOfService>> => {
  const batches: string[][] = [];
  const unique = [...new Set(issueIds)];
  for (let start = 0; start < unique.length; start += BATCH_KEYS) batches.push(unique.slice(start, start + BATCH_KEYS));
  const answers = await mapWithConcurrency(batches, BATCHES_IN_FLIGHT, (keys) => kvs.batchGet<unknown>(keys.map((key) => ({ entityName: REPORT_ENTITY, key }))));
  const classes = new Map<string, ClassOfService>();
  for (const answer of answers) {
    const failed = answer.failedKeys.find((item) => item.error.code !== 'KEY_NOT_FOUND');
    if (failed !== undefined) throw new Error(`Forge storage could not read issue ${failed.key}'s record (${failed.error.code}).`);
    for (const item of answer.successfulKeys) {
      const row = classOnlySchema.safeParse(item.value);
      const classOfService = row.success ? row.data.document.classification?.classOfService : undefined;
      if (classOfService !== undefined) classes.set(item.key, classOfService);
    }
  }
  return classes;
};

/** The search copy the app derives from its own record on every save (not the issue property). */
const searchOnlySchema = z
  .object({
    document: z
      .object({
        search: z
          .object({ decidedSeverity: z.string().optional(), reporterSeverity: z.string().optional(), kind: z.string().optional(), classOfService: z.string().optional() })
          .loose(),
      })
      .loose(),
  })
  .loose();

/**
 * What the app's own records say of each of these issues (by id), for capacity figures: the decided
 * severity (else the reporter's pick), the kind and the class of service, from the `issue-report`
 * entity's search copy, which every save re-derives. Read like `readClassesOfService` (batches of
 * 25, four at a time); issues with no record, or a record that does not parse, are left out.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/entities-batch/
 */
export const readIssueClassifications = async (issueIds: readonly string[]): Promise<ReadonlyMap<string, IssueClassification>> => {
  const batches: string[][] = [];
  const unique = [...new Set(issueIds)];
  for (let start = 0; start < unique.length; start += BATCH_KEYS) batches.push(unique.slice(start, start + BATCH_KEYS));
  const answers = await mapWithConcurrency(batches, BATCHES_IN_FLIGHT, (keys) => kvs.batchGet<unknown>(keys.map((key) => ({ entityName: REPORT_ENTITY, key }))));
  const found = new Map<string, IssueClassification>();
  for (const answer of answers) {
    const failed = answer.failedKeys.find((item) => item.error.code !== 'KEY_NOT_FOUND');
    if (failed !== undefined) throw new Error(`Forge storage could not read issue ${failed.key}'s record (${failed.error.code}).`);
    for (const item of answer.successfulKeys) {
      const row = searchOnlySchema.safeParse(item.value);
      if (!row.success) continue;
      const search = row.data.document.search;
      found.set(item.key, { severity: search.decidedSeverity ?? search.reporterSeverity ?? null, kind: search.kind ?? null, classOfService: search.classOfService ?? null });
    }
  }
  return found;
};

/**
 * Whether the app holds any record for an issue of this project (one index read): issues of a
 * project with none cannot have a classification, so their records need not be looked up.
 */
export const projectHasReports = async (projectKey: string): Promise<boolean> =>
  (await kvs.entity<unknown>(REPORT_ENTITY).query().index('by-project', { partition: [projectKey] }).limit(1).getMany()).results.length > 0;
