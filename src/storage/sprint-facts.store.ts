import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';

import type { SprintFacts } from '../domain/capacity/sprint-facts';
import type { SprintIssueRow, WorklogRow } from '../jira/sprint-issues';

/**
 * Capacity facts of closed sprints, read from Jira once and reused until something they were read
 * from changes, and the worklogs of active-sprint issues Jira truncates, reused while the issue's
 * `updated` stands. See README "Capacity facts: cache and who may see what".
 *
 * Values are JSON split into chunks well under Forge's 240 KiB per value, written under a fresh
 * generation before the head that names it, so a reader never mixes two reads, and a write that
 * dies half-way leaves the previous head (or none) in place.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/storage-api-basic/#limits
 */
/**
 * Characters per chunk. Stored as a JSON string, a character takes at most 3 bytes (a UTF-16 unit
 * outside ASCII in UTF-8) and a quote or backslash 2 (escaped), so 80,000 stay under 240 KiB whatever the text.
 */
const CHUNK_CHARS = 80_000;
/**
 * Entries live at most as long as the change journal keeps rows, so an entry never outlives the
 * record of what changed since it was read.
 */
const KEEP_DAYS = 30;
const ttl = { value: KEEP_DAYS, unit: 'DAYS' } as const;

const headSchema = z.object({ generation: z.string(), chunks: z.number().int().min(0).max(1_000), readAt: z.string() }).loose();
type Head = z.infer<typeof headSchema>;

const safe = (part: string): string => part.replace(/[^\w.-]/g, '_');

/** Splits `text` into chunks of at most `size` characters (at least one chunk, even for ''). */
export const chunkText = (text: string, size: number = CHUNK_CHARS): string[] => {
  const chunks: string[] = [];
  for (let start = 0; start < text.length; start += size) chunks.push(text.slice(start, start + size));
  return chunks.length === 0 ? [''] : chunks;
};

const writeChunked = async (key: string, value: unknown, readAt: string): Promise<void> => {
  const previous = headSchema.safeParse(await kvs.get(key));
  const generation = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const chunks = chunkText(JSON.stringify(value));
  await Promise.all(chunks.map((chunk, index) => kvs.set(`${key}:${generation}:${String(index)}`, chunk, { ttl })));
  const head: Head = { generation, chunks: chunks.length, readAt };
  await kvs.set(key, head, { ttl });
  // The old generation's chunks are no longer named by any head; their TTL removes them if this fails.
  if (previous.success && previous.data.generation !== generation) {
    await Promise.all(Array.from({ length: previous.data.chunks }, (_, index) => kvs.delete(`${key}:${previous.data.generation}:${String(index)}`))).catch(() => undefined);
  }
};

const readChunked = async (key: string): Promise<{ readonly value: unknown; readonly readAt: string } | null> => {
  const head = headSchema.safeParse(await kvs.get(key));
  if (!head.success) return null;
  const chunks = await Promise.all(Array.from({ length: head.data.chunks }, (_, index) => kvs.get<string>(`${key}:${head.data.generation}:${String(index)}`)));
  if (chunks.some((chunk) => typeof chunk !== 'string')) return null;
  try {
    return { value: JSON.parse(chunks.join('')) as unknown, readAt: head.data.readAt };
  } catch {
    return null;
  }
};

// ── Closed sprints ──────────────────────────────────────────────────────────────────────────────

/** A closed sprint's facts as read by the app, with what serving them to a viewer needs. */
export interface CachedSprintFacts {
  readonly facts: SprintFacts;
  /** Ids of issues under an issue security level: re-checked as each viewer. */
  readonly securedIssueIds: readonly string[];
}

const cachedSchema = z.object({ facts: z.custom<SprintFacts>((value) => typeof value === 'object' && value !== null && 'planned' in value && 'unplanned' in value), securedIssueIds: z.array(z.string()) });

const factsKey = (sprintId: number, variant: string): string => `sprint-facts:${String(sprintId)}:${safe(variant)}`;

export const readCachedFacts = async (sprintId: number, variant: string): Promise<CachedSprintFacts | null> => {
  const found = await readChunked(factsKey(sprintId, variant));
  if (found === null) return null;
  const parsed = cachedSchema.safeParse(found.value);
  return parsed.success ? parsed.data : null;
};

export const writeCachedFacts = (sprintId: number, variant: string, entry: CachedSprintFacts): Promise<void> => writeChunked(factsKey(sprintId, variant), entry, entry.facts.readAt);

/** Drops every cached sprint's facts (one query page per 100 keys), e.g. when how they are read changes. */
export const clearCachedFacts = async (): Promise<void> => {
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith('sprint-facts:')).limit(100);
    if (cursor !== undefined) query = query.cursor(cursor);
    const page = await query.getMany();
    await Promise.all(page.results.map((entry) => kvs.delete(entry.key)));
    cursor = page.nextCursor;
  } while (cursor !== undefined);
};

// ── What changed ────────────────────────────────────────────────────────────────────────────────

const CHANGE_ENTITY = 'sprint-facts-change';
const STREAM = 'facts';
interface ChangeRow {
  readonly stream: string;
  readonly at: string;
}
const changes = () => kvs.entity<ChangeRow>(CHANGE_ENTITY);

/**
 * Records that an issue changed in a way capacity facts may show (a worklog, its sprint, resolution,
 * estimate, classification), and the days worklogs started on when a worklog changed: issues outside
 * the sprint count by worklog day. One row per issue and per day, `at` the latest change, so the
 * journal grows with what changed, not with how often. Plain writes: two at once both say "now".
 */
export const markIssueFactsStale = async (issueId: string, worklogStarted: readonly string[] = [], at: Date = new Date()): Promise<void> => {
  const row: ChangeRow = { stream: STREAM, at: at.toISOString() };
  const days = [...new Set(worklogStarted.map((started) => Date.parse(started)).filter((ms) => !Number.isNaN(ms)).map((ms) => new Date(ms).toISOString().slice(0, 10)))];
  await Promise.all([changes().set(`issue:${safe(issueId)}`, row, { ttl }), ...days.map((day) => changes().set(`day:${day}`, row, { ttl }))]);
};

export interface ChangesSince {
  readonly issueIds: ReadonlyMap<string, string>;
  readonly days: ReadonlyMap<string, string>;
}

/** Every issue and worklog day changed after `since` (ISO), with when: one index page per 100. */
export const readChangesSince = async (since: string): Promise<ChangesSince> => {
  const issueIds = new Map<string, string>();
  const days = new Map<string, string>();
  let cursor: string | undefined;
  do {
    let query = changes().query().index('by-at', { partition: [STREAM] }).where(WhereConditions.greaterThan(since)).limit(100);
    if (cursor !== undefined) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const result of page.results) {
      if (result.key.startsWith('issue:')) issueIds.set(result.key.slice('issue:'.length), result.value.at);
      else if (result.key.startsWith('day:')) days.set(result.key.slice('day:'.length), result.value.at);
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return { issueIds, days };
};

// ── Refresh limit ───────────────────────────────────────────────────────────────────────────────

/**
 * Whether a forced re-read of this sprint may go ahead now: at most one a minute per sprint,
 * whoever asks, so a refresh button cannot spend the app's rate limit (65,000 points an hour for
 * the whole app). A key that expires by itself; a lost race lets two through, never more.
 * @see https://developer.atlassian.com/platform/forge/platform-quotas-and-limits/
 */
export const claimRefresh = async (sprintId: number, now: Date): Promise<boolean> => {
  const key = `sprint-facts-refresh:${String(sprintId)}`;
  const last: unknown = await kvs.get(key);
  if (typeof last === 'string' && now.getTime() - Date.parse(last) < 60_000) return false;
  await kvs.set(key, now.toISOString(), { ttl: { value: 2, unit: 'MINUTES' } });
  return true;
};

// ── Active sprints: worklogs of truncated issues ────────────────────────────────────────────────

const memoSchema = z.record(z.string(), z.object({ updated: z.string(), worklogs: z.array(z.object({ started: z.string(), seconds: z.number(), authorId: z.string(), authorName: z.string() })) }));
export type WorklogMemo = z.infer<typeof memoSchema>;

const memoKey = (sprintId: number, window: string): string => `sprint-worklogs:${String(sprintId)}:${safe(window)}`;

/**
 * Per issue id, the worklogs inside the window Jira answered for issues whose embedded list was
 * truncated, with the issue's `updated` then: any worklog change moves `updated`, so an entry whose
 * `updated` still matches is still right. Only ever used for issues the viewer's own search
 * returned, so it adds nothing they may not see.
 */
export const readWorklogMemo = async (sprintId: number, window: string): Promise<WorklogMemo> => {
  const found = await readChunked(memoKey(sprintId, window));
  const parsed = memoSchema.safeParse(found?.value);
  return parsed.success ? parsed.data : {};
};

export const writeWorklogMemo = (sprintId: number, window: string, memo: Readonly<Record<string, { readonly updated: string; readonly worklogs: readonly WorklogRow[] }>>, at: string): Promise<void> =>
  writeChunked(memoKey(sprintId, window), memo, at);

// ── Sprints read as the viewer: their issues as Jira last answered ──────────────────────────────

/** The issues of one sprint as a search last answered them, and when that read started. */
export interface SprintRowMemo {
  readonly readAt: string;
  readonly rows: readonly SprintIssueRow[];
}

const rowMemoSchema = z.object({ rows: z.array(z.object({ id: z.string(), key: z.string(), updated: z.string(), worklogs: z.array(z.unknown()), worklogTotal: z.number() }).loose()) });

const rowMemoKey = (sprintId: number, variant: string): string => `sprint-rows:${String(sprintId)}:${safe(variant)}`;

/**
 * The rows of an active (or planned, or just closed) sprint's issues as the last read found them,
 * whoever read them, so a later view asks Jira only what changed since. A row is only ever served
 * to a viewer whose own search, that same view, named the issue (see `sprintRows`).
 */
export const readSprintRowMemo = async (sprintId: number, variant: string): Promise<SprintRowMemo | null> => {
  const found = await readChunked(rowMemoKey(sprintId, variant));
  const parsed = rowMemoSchema.safeParse(found?.value);
  // Only the app writes this key: the schema guards against an older format, not against people.
  return found === null || !parsed.success ? null : { readAt: found.readAt, rows: parsed.data.rows as unknown as SprintIssueRow[] };
};

export const writeSprintRowMemo = (sprintId: number, variant: string, memo: SprintRowMemo): Promise<void> => writeChunked(rowMemoKey(sprintId, variant), { rows: memo.rows }, memo.readAt);
