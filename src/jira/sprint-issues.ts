import { route } from '@forge/api';
import { z } from 'zod';

import { REPORT_PROPERTY_KEY } from '../contract/report.contract';
import { readJson } from './jira-response';
import type { JiraTransport } from './jira-transport';
import { reportSearchCopySchema, type ReportSearchCopy } from './report-property';
import { bulkFetchIssues } from './issues';
import { searchAllAs } from './search';

/**
 * How many worklogs Jira embeds in an issue's `worklog` field; `total` says how many there are.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-worklogs/#api-rest-api-3-issue-issueidorkey-worklog-get
 */
export const EMBEDDED_WORKLOGS = 20;

const worklogSchema = z
  .object({ started: z.string(), timeSpentSeconds: z.number(), author: z.object({ accountId: z.string().optional(), displayName: z.string().optional() }).loose().nullable().optional() })
  .loose();

const sprintIssueSchema = z
  .object({
    id: z.string().default(''),
    key: z.string(),
    fields: z
      .object({
        summary: z.string().optional(),
        project: z.object({ key: z.string() }).loose().nullable().optional(),
        resolutiondate: z.string().nullable().optional(),
        updated: z.string().optional(),
        // Present (an object) when the issue is under an issue security level.
        security: z.object({ id: z.string().optional() }).loose().nullable().optional(),
        issuetype: z.object({ name: z.string().optional(), subtask: z.boolean().optional() }).loose().optional(),
        labels: z.array(z.string()).optional(),
        parent: z.object({ key: z.string() }).loose().optional(),
        worklog: z.object({ total: z.number().optional(), worklogs: z.array(worklogSchema).optional() }).loose().optional(),
      })
      .loose()
      .default({}),
    properties: z.object({ [REPORT_PROPERTY_KEY]: reportSearchCopySchema }).loose().optional(),
  })
  .loose();

/** A worklog as the capacity facts keep it: who, when, how long. */
export interface WorklogRow {
  readonly started: string;
  readonly seconds: number;
  readonly authorId: string;
  readonly authorName: string;
}

export interface SprintIssueRow {
  readonly id: string;
  readonly key: string;
  readonly projectKey: string;
  readonly resolvedAt: string | null;
  /** When Jira last changed the issue (a worklog change moves it too). */
  readonly updated: string;
  /** Whether an issue security level restricts who may see it. */
  readonly secured: boolean;
  readonly summary: string;
  readonly issueType: string;
  readonly isSubtask: boolean;
  readonly parentKey: string | null;
  readonly labels: readonly string[];
  /** The estimation field's value, when the board estimates in a number field. */
  readonly storyPoints: number | null;
  /** The worklogs Jira embedded (at most `EMBEDDED_WORKLOGS`) and how many the issue has in all. */
  readonly worklogs: readonly WorklogRow[];
  readonly worklogTotal: number;
  readonly report: ReportSearchCopy;
}

/**
 * Every issue of a sprint the caller may browse (up to 10,000, in ⌈N/100⌉ pages) with what the
 * capacity measures need: type, labels, parent, the estimate, the embedded worklogs when asked for,
 * and the report property's search copy. Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
 */
export const searchSprintIssues = async (jira: JiraTransport, sprintId: number, options: { readonly pointsField: string | null; readonly worklogs: boolean }): Promise<SprintIssueRow[]> =>
  searchIssueRows(jira, `sprint = ${String(sprintId)} ORDER BY key ASC`, options);

/** Reads one worklog of Jira's JSON (embedded or paged) as the facts keep it. */
export const toWorklogRow = (worklog: z.infer<typeof worklogSchema>): WorklogRow => ({
  started: worklog.started,
  seconds: worklog.timeSpentSeconds,
  authorId: worklog.author?.accountId ?? '',
  authorName: worklog.author?.displayName ?? worklog.author?.accountId ?? 'Someone',
});

export { worklogSchema };

/** The fields `searchIssueRows` reads. */
const rowFields = (options: { readonly pointsField: string | null; readonly worklogs: boolean }): string[] => [
  'summary', 'issuetype', 'labels', 'parent', 'project', 'resolutiondate', 'updated', 'security',
  ...(options.worklogs ? ['worklog'] : []),
  ...(options.pointsField === null ? [] : [options.pointsField]),
];

/**
 * Every issue a bounded JQL query matches (up to 10,000, in ⌈N/100⌉ pages) with what the capacity
 * facts need. Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
 */
export const searchIssueRows = async (jira: JiraTransport, jql: string, options: { readonly pointsField: string | null; readonly worklogs: boolean }): Promise<SprintIssueRow[]> =>
  (await searchAllAs(jira, sprintIssueSchema, jql, rowFields(options), [REPORT_PROPERTY_KEY], 10_000)).map((issue) => toRow(issue, options.pointsField));

/**
 * The rows of these issues as they are now, read by id (`bulkfetch`, one request per 100): unlike a
 * search, whose index lags behind writes, this sees a change made a moment ago. Issues deleted or
 * hidden from the caller are left out. Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-bulkfetch-post
 */
export const fetchIssueRows = async (jira: JiraTransport, issueIds: readonly string[], options: { readonly pointsField: string | null; readonly worklogs: boolean }): Promise<SprintIssueRow[]> =>
  issueIds.length === 0 ? [] : (await bulkFetchIssues(jira, issueIds, rowFields(options), [REPORT_PROPERTY_KEY])).map((issue) => toRow(sprintIssueSchema.parse(issue), options.pointsField));

const toRow = (issue: z.infer<typeof sprintIssueSchema>, pointsField: string | null): SprintIssueRow => {
  const f = issue.fields;
  // The estimation field is a custom field named at run time; anything but a number is no estimate.
  const points = pointsField === null ? undefined : (f as Record<string, unknown>)[pointsField];
  const worklogs = f.worklog?.worklogs ?? [];
  return {
    id: issue.id,
    key: issue.key,
    projectKey: f.project?.key ?? issue.key.slice(0, issue.key.lastIndexOf('-')),
    resolvedAt: f.resolutiondate ?? null,
    updated: f.updated ?? '',
    secured: f.security != null,
    summary: f.summary ?? '',
    issueType: f.issuetype?.name ?? '',
    isSubtask: f.issuetype?.subtask === true,
    parentKey: f.parent?.key ?? null,
    labels: f.labels ?? [],
    storyPoints: typeof points === 'number' ? points : null,
    worklogs: worklogs.map(toWorklogRow),
    worklogTotal: f.worklog?.total ?? 0,
    report: issue.properties?.[REPORT_PROPERTY_KEY],
  };
};

const DAY_MS = 86_400_000;
/** Account ids per query: keeps the JQL well under Jira's length limits. */
const AUTHORS_PER_QUERY = 50;

/** `yyyy-MM-dd` of an instant in a time zone, for a JQL date literal. */
const dayIn = (ms: number, timeZone: string): string => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);

const zoneSchema = z.object({ timeZone: z.string().optional() }).loose();

/**
 * The time zone Jira reads the caller's JQL dates in (their profile's), or null when Jira does not
 * say or names a zone this runtime does not know. Scope: read:jira-user.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/#api-rest-api-3-myself-get
 */
export const getSearcherTimeZone = async (jira: JiraTransport): Promise<string | null> => {
  const zone = (await readJson(await jira.request(route`/rest/api/3/myself`), 'GET myself', zoneSchema)).timeZone;
  if (zone === undefined) return null;
  try {
    dayIn(0, zone);
    return zone;
  } catch {
    return null;
  }
};

/**
 * The JQL of issues outside a sprint on which these authors (quoted ids) logged work on the days of
 * a window. `worklogDate` is a calendar day in the searcher's time zone: with it known, the days
 * are exactly those the window touches there; without, one more on each side (every zone is within
 * 14 h of UTC). Either way the caller keeps worklogs by instant. `sprint != X` alone would leave
 * out issues in no sprint (Jira's `!=` never matches an empty field).
 * @see https://support.atlassian.com/jira-software-cloud/docs/jql-fields/#Work-log-date
 */
export const workedJql = (quotedAuthors: string, startMs: number, endMs: number, outsideSprintId: number, timeZone: string | null): string => {
  const [from, to] = timeZone === null ? [dayIn(startMs - DAY_MS, 'UTC'), dayIn(endMs + DAY_MS, 'UTC')] : [dayIn(startMs, timeZone), dayIn(endMs, timeZone)];
  return `worklogAuthor in (${quotedAuthors}) AND worklogDate >= "${from}" AND worklogDate <= "${to}" AND (sprint IS EMPTY OR sprint != ${String(outsideSprintId)})`;
};

/** Account ids fit to quote into JQL, quoted and joined (ids are letters, digits, `:` and `-`). */
export const quotedAuthors = (authorIds: readonly string[]): string[] => {
  const safe = [...new Set(authorIds)].filter((id) => /^[\w:-]+$/.test(id));
  const chunks: string[] = [];
  for (let start = 0; start < safe.length; start += AUTHORS_PER_QUERY) chunks.push(safe.slice(start, start + AUTHORS_PER_QUERY).map((id) => `"${id}"`).join(', '));
  return chunks;
};

/**
 * Issues on which any of `authorIds` logged work during [startMs, endMs], with their worklogs
 * (`worklogAuthor` / `worklogDate`, see `workedJql`). Each clause is judged on its own and days
 * are not instants, so the caller keeps only the worklogs it wants, by instant and author.
 * ⌈N/100⌉ pages per 50 authors. Scope: read:jira-work.
 * @see https://support.atlassian.com/jira-software-cloud/docs/jql-fields/#Work-log-author
 * @see https://support.atlassian.com/jira-software-cloud/docs/jql-fields/#Work-log-date
 */
export const searchWorkedIssues = async (
  jira: JiraTransport,
  authorIds: readonly string[],
  startMs: number,
  endMs: number,
  options: { readonly pointsField: string | null; readonly outsideSprintId: number; readonly timeZone: string | null },
): Promise<SprintIssueRow[]> => {
  const rows = new Map<string, SprintIssueRow>();
  for (const authors of quotedAuthors(authorIds)) {
    for (const row of await searchIssueRows(jira, `${workedJql(authors, startMs, endMs, options.outsideSprintId, options.timeZone)} ORDER BY key ASC`, { pointsField: options.pointsField, worklogs: true })) rows.set(row.id, row);
  }
  return [...rows.values()];
};

const keyPageSchema = z.object({ issues: z.array(z.object({ id: z.string(), key: z.string() }).loose()), nextPageToken: z.string().optional(), isLast: z.boolean().optional() }).loose();

/**
 * Ids and keys of every issue a bounded JQL query matches, up to 5,000 a page (Jira serves that
 * many when only ids and keys are asked for). Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
 */
export const searchIssueKeys = async (jira: JiraTransport, jql: string, limit = 10_000): Promise<Array<{ readonly id: string; readonly key: string }>> => {
  const found: Array<{ id: string; key: string }> = [];
  let nextPageToken: string | undefined;
  do {
    const response = await jira.request(route`/rest/api/3/search/jql`, {
      method: 'POST',
      body: JSON.stringify({ jql, fields: ['key'], maxResults: 5000, ...(nextPageToken === undefined ? {} : { nextPageToken }) }),
      headers: { 'Content-Type': 'application/json' },
      retry: 'idempotent',
    });
    const page = await readJson(response, 'POST search/jql', keyPageSchema);
    found.push(...page.issues.map((issue) => ({ id: issue.id, key: issue.key })));
    nextPageToken = page.isLast === true ? undefined : page.nextPageToken;
  } while (nextPageToken !== undefined && found.length < limit);
  return found;
};
