import { kvs } from '@forge/kvs';

import { appliedPolicyStateSchema, type AppliedPolicyState } from '../contract/policy.contract';
import { storedReportSchema, type StoredReport } from '../contract/report.contract';
import { mapWithConcurrency } from '../jira/concurrency';
import { REPORT_ENTITY } from './issue-state.store';

/** Forge reads at most 25 keys in one batch. @see https://developer.atlassian.com/platform/forge/storage-reference/entities-batch/ */
const BATCH_KEYS = 25;
/** Batches in flight at once, so hundreds of issues do not burst storage. */
const BATCHES_IN_FLIGHT = 4;
const POLICY_ENTITY = 'issue-policy';

const documentOf = (value: unknown): unknown => (typeof value === 'object' && value !== null && 'document' in value ? value.document : undefined);

/**
 * The reports the app stored for these issues (by id): severity history, classification, send-backs.
 * From the `issue-report` entity in batches, never the issue property anyone with Edit issues can
 * rewrite. A record that does not parse counts as absent (one damaged record must not hide a team's
 * health); a batch item that fails for another reason than "not found" throws.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/entities-batch/
 */
export const readStoredReports = (issueIds: readonly string[]): Promise<ReadonlyMap<string, StoredReport>> =>
  readDocuments(REPORT_ENTITY, [...new Set(issueIds)], (value) => storedReportSchema.safeParse(value).data);

/** The severity policy as applied to these issues (guideline date, first response), the same way. */
export const readAppliedPolicies = (issueIds: readonly string[]): Promise<ReadonlyMap<string, AppliedPolicyState>> =>
  readDocuments(POLICY_ENTITY, [...new Set(issueIds)], (value) => appliedPolicyStateSchema.safeParse(value).data);

/** One entity's documents for these keys, in batches of 25, a few at a time; unparsable ones left out. */
const readDocuments = async <T>(entityName: string, keys: readonly string[], parse: (document: unknown) => T | undefined): Promise<ReadonlyMap<string, T>> => {
  const batches: string[][] = [];
  for (let start = 0; start < keys.length; start += BATCH_KEYS) batches.push(keys.slice(start, start + BATCH_KEYS));
  const answers = await mapWithConcurrency(batches, BATCHES_IN_FLIGHT, (batch) => kvs.batchGet<unknown>(batch.map((key) => ({ entityName, key }))));
  const documents = new Map<string, T>();
  for (const answer of answers) {
    const failed = answer.failedKeys.find((item) => item.error.code !== 'KEY_NOT_FOUND');
    if (failed !== undefined) throw new Error(`Forge storage could not read issue ${failed.key}'s record (${failed.error.code}).`);
    for (const item of answer.successfulKeys) {
      const parsed = parse(documentOf(item.value));
      if (parsed !== undefined) documents.set(item.key, parsed);
    }
  }
  return documents;
};
