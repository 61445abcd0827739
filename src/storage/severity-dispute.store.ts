import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';

import type { VersionedWrite } from './compare-and-swap';
import { saveTogether, type SwapOutcome } from './compare-and-swap';
import type { IssueRef } from './issue-state.store';
import { StoredDataError } from './stored-data-error';

/**
 * disputes (issue 16 part 4): each issue's latest severity dispute and what Firebreak still owes on
 * it, in the Forge custom entity `severity-dispute` keyed by issue id. The dispute's story (who
 * disputed, why, the ruling) is in the report's severity history; this row is the index the
 * scheduled run reads: `pending` is `remind` while a ruling is due (range: when it is due),
 * `notify` while the disputer has not been told of the ruling (range: when it was ruled), `none`
 * when nothing is owed. Saved compare-and-swap, in the same transaction as the report.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/storage-api-custom-entities/
 */
const ENTITY = 'severity-dispute';

const instant = z.iso.datetime({ offset: true });

export const storedDisputeSchema = z
  .object({
    disputeAt: instant,
    disputedBy: z.string().min(1).max(128),
    /** When the authority's time box ends. */
    dueAt: instant,
    status: z.enum(['open', 'ruled']),
    ruledBy: z.string().min(1).max(128).optional(),
    ruledAt: instant.optional(),
    outcome: z.enum(['kept', 'changed']).optional(),
    /** The level after the ruling. */
    level: z.string().max(32).optional(),
    /** What the disputer is told of the ruling: "Dispute ruled by Sam Okafor: Critical kept, because …". */
    notice: z.string().max(1_500).optional(),
    /** When the authority was reminded the ruling is overdue (once per dispute). */
    remindedAt: instant.optional(),
    /** When the disputer was told of the ruling (once per dispute). */
    noticeSentAt: instant.optional(),
  })
  .strict();
export type StoredDispute = z.infer<typeof storedDisputeSchema>;

type Pending = 'remind' | 'notify' | 'none';

interface DisputeRow {
  readonly issueKey: string;
  readonly projectKey: string;
  readonly version: number;
  readonly pending: Pending;
  readonly dueAt: string;
  readonly document: unknown;
}

export interface VersionedDispute {
  readonly dispute: StoredDispute;
  readonly version: number;
}

const rows = () => kvs.entity<DisputeRow>(ENTITY);

const pendingOf = (dispute: StoredDispute): { pending: Pending; dueAt: string } => {
  if (dispute.status === 'open') return dispute.remindedAt === undefined ? { pending: 'remind', dueAt: dispute.dueAt } : { pending: 'none', dueAt: dispute.dueAt };
  return dispute.noticeSentAt === undefined ? { pending: 'notify', dueAt: dispute.ruledAt ?? dispute.dueAt } : { pending: 'none', dueAt: dispute.dueAt };
};

export const readDispute = async (issueId: string): Promise<VersionedDispute | null> => {
  const row = await rows().get(issueId);
  if (row === undefined) return null;
  const parsed = storedDisputeSchema.safeParse(row.document);
  if (!parsed.success) throw new StoredDataError(`The severity dispute Firebreak keeps for ${row.issueKey} is not in a shape it understands.`);
  return { dispute: parsed.data, version: row.version };
};

/** The write that stores `dispute` if nobody saved since `baseVersion`, to go with the report's in one transaction. */
export const disputeWrite = (issue: IssueRef, dispute: StoredDispute, baseVersion: number): VersionedWrite => {
  const valid = storedDisputeSchema.parse(dispute);
  const row: DisputeRow = { issueKey: issue.key, projectKey: issue.projectKey, version: baseVersion + 1, ...pendingOf(valid), document: valid };
  return { entityName: ENTITY, key: issue.id, row, baseVersion };
};

export const saveDispute = (issue: IssueRef, dispute: StoredDispute, baseVersion: number): Promise<SwapOutcome> => saveTogether([disputeWrite(issue, dispute, baseVersion)]);

const rowSchema = z.object({ issueKey: z.string(), projectKey: z.string(), document: z.unknown(), version: z.number() }).loose();

/**
 * Disputes owing something by `by` (`remind`: a ruling overdue; `notify`: a ruling the disputer has
 * not been told of), oldest first, from the app's own index: no scan of issues, no JQL. A damaged
 * row is skipped (the issue's next dispute or ruling rewrites it), not fatal to the others.
 */
export const listPendingDisputes = async (pending: Exclude<Pending, 'none'>, by: string, limit = 200): Promise<Array<{ readonly issue: IssueRef; readonly stored: VersionedDispute }>> => {
  const found: Array<{ issue: IssueRef; stored: VersionedDispute }> = [];
  let cursor: string | undefined;
  do {
    let query = rows().query().index('by-pending', { partition: [pending] }).where(WhereConditions.lessThanEqualTo(by)).limit(100);
    if (cursor !== undefined) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const result of page.results) {
      const row = rowSchema.safeParse(result.value);
      const dispute = row.success ? storedDisputeSchema.safeParse(row.data.document) : undefined;
      if (row.success && dispute?.success === true) found.push({ issue: { id: result.key, key: row.data.issueKey, projectKey: row.data.projectKey }, stored: { dispute: dispute.data, version: row.data.version } });
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined && found.length < limit);
  return found;
};
