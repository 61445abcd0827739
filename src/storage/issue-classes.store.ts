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
 * Each stored `issue-report` row of these issues (by id) that `pick` reads something from, in
 * batches of 25, a few at a time. A batch item that fails for another reason than "not found"
 * throws: the caller cannot count then.
 */
const readRecords = async <T>(issueIds: readonly string[], pick: (value: unknown) => T | undefined): Promise<ReadonlyMap<string, T>> => {
  const batches: string[][] = [];
  const unique = [...new Set(issueIds)];
  for (let start = 0; start < unique.length; start += BATCH_KEYS) batches.push(unique.slice(start, start + BATCH_KEYS));
  const answers = await mapWithConcurrency(batches, BATCHES_IN_FLIGHT, (keys) => kvs.batchGet<unknown>(keys.map((key) => ({ entityName: REPORT_ENTITY, key }))));
  const found = new Map<string, T>();
  for (const answer of answers) {
    const failed = answer.failedKeys.find((item) => item.error.code !== 'KEY_NOT_FOUND');
    if (failed !== undefined) throw new Error(`Forge storage could not read issue ${failed.key}'s record (${failed.error.code}).`);
    for (const item of answer.successfulKeys) {
      const picked = pick(item.value);
      if (picked !== undefined) found.set(item.key, picked);
    }
  }
  return found;
};

/**
 * The class of service the app stored for each of these issues (by id). Issues with no record, no
 * classification or a record whose classification does not parse are left out (they have no class
 * the app vouches for).
 */
export const readClassesOfService = async (issueIds: readonly string[]): Promise<ReadonlyMap<string, ClassOfService>> =>
  readRecords(issueIds, (value) => {
    const row = classOnlySchema.safeParse(value);
    return row.success ? (row.data.document.classification?.classOfService ?? undefined) : undefined;
  });

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
export const readIssueClassifications = async (issueIds: readonly string[]): Promise<ReadonlyMap<string, IssueClassification>> =>
  readRecords(issueIds, (value) => {
    const row = searchOnlySchema.safeParse(value);
    if (!row.success) return undefined;
    const search = row.data.document.search;
    return { severity: search.decidedSeverity ?? search.reporterSeverity ?? null, kind: search.kind ?? null, classOfService: search.classOfService ?? null };
  });

/**
 * Whether the app holds any record for an issue of this project (one index read): issues of a
 * project with none cannot have a classification, so their records need not be looked up.
 */
export const projectHasReports = async (projectKey: string): Promise<boolean> =>
  (await kvs.entity<unknown>(REPORT_ENTITY).query().index('by-project', { partition: [projectKey] }).limit(1).getMany()).results.length > 0;
