import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';

import type { EscalationRecord } from '../domain/updates/update-escalation';
import { saveTogether, type SwapOutcome } from './compare-and-swap';
import type { IssueRef } from './issue-state.store';

/**
 * Missed stakeholder updates and their escalation (issue 16, part: updates), in the Forge custom
 * entity `update-escalation` keyed by issue id: the latest missed due time of each issue, when its
 * assignee was reminded, when the level's escalation contact hears, and what happened. The applied
 * policy state drops an issue from its index of due times once the reminder is sent, so this row is
 * the index the escalation pass reads: `pending` is `yes` while the contact may still have to hear
 * (range: `escalateAt`), `no` once that is settled. Saved compare-and-swap: taking a record to send
 * it is itself a conditional save, so of two runs at once exactly one sends.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/storage-api-custom-entities/
 */
const ENTITY = 'update-escalation';

const instant = z.iso.datetime({ offset: true });

const recordSchema = z
  .object({
    dueAt: instant,
    remindedAt: instant,
    escalateAt: instant,
    status: z.enum(['pending', 'sending', 'escalated', 'cancelled', 'no-contact', 'undeliverable', 'failed']),
    attempts: z.number().int().nonnegative(),
    sendingSince: instant.optional(),
    contact: z.object({ accountId: z.string().min(1).max(128), displayName: z.string().max(255) }).strict().optional(),
    escalatedAt: instant.optional(),
    note: z.string().max(1_000).optional(),
  })
  .strict();

interface EscalationRow {
  readonly issueKey: string;
  readonly projectKey: string;
  readonly version: number;
  readonly pending: 'yes' | 'no';
  readonly escalateAt: string;
  readonly document: unknown;
}

export interface VersionedEscalation {
  readonly record: EscalationRecord;
  readonly version: number;
}

const rows = () => kvs.entity<EscalationRow>(ENTITY);

/** The issue's record, or null (none, or one this version cannot read: the next reminder writes a fresh one). */
export const readEscalation = async (issueId: string): Promise<VersionedEscalation | null> => {
  const row = await rows().get(issueId);
  if (row === undefined) return null;
  const parsed = recordSchema.safeParse(row.document);
  return parsed.success ? { record: stripUndefined(parsed.data), version: row.version } : { record: DAMAGED, version: row.version };
};

/** A row that does not parse: overwritten by the next reminder, never acted on. */
const DAMAGED: EscalationRecord = { dueAt: new Date(0).toISOString(), remindedAt: new Date(0).toISOString(), escalateAt: new Date(0).toISOString(), status: 'failed', attempts: 0 };

const stripUndefined = (record: z.infer<typeof recordSchema>): EscalationRecord => JSON.parse(JSON.stringify(record)) as EscalationRecord;

/** Saves `record` if nobody saved since `baseVersion` (0: no row yet). */
export const saveEscalation = (issue: IssueRef, record: EscalationRecord, baseVersion: number): Promise<SwapOutcome> => {
  const valid = recordSchema.parse(record);
  const row: EscalationRow = {
    issueKey: issue.key,
    projectKey: issue.projectKey,
    version: baseVersion + 1,
    pending: valid.status === 'pending' || valid.status === 'sending' ? 'yes' : 'no',
    escalateAt: valid.escalateAt,
    document: valid,
  };
  return saveTogether([{ entityName: ENTITY, key: issue.id, row, baseVersion }]);
};

/**
 * Changes the issue's record compare-and-swap, retried on top of what another save stored; `change`
 * answers null when nothing is left to do. Answers the record saved, or null when nothing was.
 */
export const changeEscalation = async (issue: IssueRef, change: (current: EscalationRecord | null) => EscalationRecord | null): Promise<EscalationRecord | null> => {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const stored = await readEscalation(issue.id);
    const next = change(stored?.record ?? null);
    if (next === null) return null;
    if ((await saveEscalation(issue, next, stored?.version ?? 0)) === 'saved') return next;
  }
  return null;
};

const rowSchema = z.object({ issueKey: z.string(), projectKey: z.string(), document: z.unknown(), version: z.number() }).loose();

/**
 * Records whose contact may have to hear by `by`, oldest first, from the app's own index: no scan of
 * issues, no JQL. A damaged row is skipped, not fatal to the others.
 */
export const listDueEscalations = async (by: string, limit = 200): Promise<Array<{ readonly issue: IssueRef; readonly stored: VersionedEscalation }>> => {
  const found: Array<{ issue: IssueRef; stored: VersionedEscalation }> = [];
  let cursor: string | undefined;
  do {
    let query = rows().query().index('by-pending', { partition: ['yes'] }).where(WhereConditions.lessThanEqualTo(by)).limit(100);
    if (cursor !== undefined) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const result of page.results) {
      const row = rowSchema.safeParse(result.value);
      const record = row.success ? recordSchema.safeParse(row.data.document) : undefined;
      if (row.success && record?.success === true) found.push({ issue: { id: result.key, key: row.data.issueKey, projectKey: row.data.projectKey }, stored: { record: stripUndefined(record.data), version: row.data.version } });
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined && found.length < limit);
  return found;
};
