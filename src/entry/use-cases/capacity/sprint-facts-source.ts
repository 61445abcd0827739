import { createHash } from 'node:crypto';

import type { SprintWindow } from '../../../domain/capacity/capacity';
import type { IssueClassification } from '../../../domain/capacity/issue-classification';
import type { FactIssue, FactWorklog, SprintFacts, TeamFacts, TeamMember } from '../../../domain/capacity/sprint-facts';
import { getWorklogsInWindow, type Board } from '../../../jira/agile';
import { browsableProjectKeys } from '../../../jira/browsable-projects';
import { mapWithConcurrency } from '../../../jira/concurrency';
import { listGroupMembers } from '../../../jira/groups';
import { MAX_REQUESTS_IN_FLIGHT } from '../../../jira/in-flight-limit';
import { isJiraError } from '../../../jira/jira-error';
import { issuesViewerMayBrowse } from '../../../jira/permissions';
import { countIssues } from '../../../jira/search';
import type { JiraTransport } from '../../../jira/jira-transport';
import { EMBEDDED_WORKLOGS, getSearcherTimeZone, quotedAuthors, fetchIssueRows, searchIssueKeys, searchIssueRows, searchSprintIssues, searchWorkedIssues, workedJql, type SprintIssueRow, type WorklogRow } from '../../../jira/sprint-issues';
import { projectHasReports, readIssueClassifications } from '../../../storage/issue-classes.store';
import { readProjectConfig } from '../../../storage/project-config.store';
import {
  claimRefresh,
  readCachedFacts,
  readChangesSince,
  readSprintRowMemo,
  readWorklogMemo,
  writeCachedFacts,
  writeSprintRowMemo,
  writeWorklogMemo,
  type CachedSprintFacts,
  type ChangesSince,
  type SprintRowMemo,
  type WorklogMemo,
} from '../../../storage/sprint-facts.store';
import type { HandlerContext } from '../../resolvers/resolver-definition';

/**
 * How long after a sprint closes its facts may still move. Jira's search is eventually consistent
 * ("recent updates might not be immediately visible") and worklogs are often logged just after the
 * fact, so a sprint closed less than this ago is read like an active one, as the viewer, uncached.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-get
 */
export const SETTLE_AFTER_CLOSE_MS = 15 * 60_000;

/**
 * A change recorded up to this long before a read started may still be missing from it (search
 * lags behind writes, events arrive late), so it still makes the read stale.
 */
const CHANGE_MARGIN_MS = 60_000;

export interface FactsRequest {
  readonly board: Board;
  readonly window: SprintWindow;
  readonly pointsField: string | null;
  /** The support criteria's JQL clause, already validated; null when the criteria have none. */
  readonly jql: string | null;
  /** Read a closed sprint from Jira again (at most once a minute per sprint; else the cache answers). */
  readonly refresh?: boolean;
}

export interface FactsAnswer {
  readonly facts: SprintFacts;
  /** Whether the facts were reused from an earlier read (`facts.readAt` says when). */
  readonly fromCache: boolean;
}

/** Who the team is, as the project settings name it; worklog authors when they name nothing usable. */
export type TeamSetting = { readonly source: 'worklog-authors' } | { readonly source: 'group'; readonly groupName: string };

/**
 * The project's `capacityTeam` setting, read defensively: the field is added to the project config
 * contract elsewhere, and anything but a well-formed group choice means the worklog authors.
 */
export const teamSettingOf = (config: unknown): TeamSetting => {
  const team = (config as { capacityTeam?: unknown } | null | undefined)?.capacityTeam as { source?: unknown; groupName?: unknown } | undefined;
  if (team?.source === 'group' && typeof team.groupName === 'string' && team.groupName.trim() !== '') return { source: 'group', groupName: team.groupName.trim() };
  return { source: 'worklog-authors' };
};

const readTeamSetting = async (projectKey: string | null): Promise<TeamSetting> =>
  projectKey === null ? { source: 'worklog-authors' } : teamSettingOf((await readProjectConfig(projectKey))?.config);

/** Everything a read depends on besides the sprint: a change to any of them is a different entry. */
const variantOf = (request: FactsRequest, team: TeamSetting): string =>
  createHash('sha256')
    .update(JSON.stringify({ v: 1, start: request.window.start, end: request.window.end, points: request.pointsField, jql: request.jql?.trim() ?? null, team }))
    .digest('hex')
    .slice(0, 24);

/** A closed sprint whose facts can no longer move on their own: read once as the app, then reused. */
export const isSettled = (window: SprintWindow, now: Date): boolean => window.state === 'closed' && Date.parse(window.end) <= now.getTime() - SETTLE_AFTER_CLOSE_MS;

const inWindow = (started: string, window: SprintWindow): boolean => {
  const at = Date.parse(started);
  return at >= Date.parse(window.start) && at < Date.parse(window.end);
};

const isTruncated = (row: SprintIssueRow): boolean => row.worklogTotal > Math.min(row.worklogs.length, EMBEDDED_WORKLOGS);

/**
 * Worklogs of each row inside the window: the embedded ones when complete, else the memo's when
 * the issue's `updated` still matches, else Jira's (one paged call per issue, ≤ 8 in flight).
 */
const windowWorklogs = async (jira: JiraTransport, rows: readonly SprintIssueRow[], window: SprintWindow, memo: WorklogMemo, used: WorklogMemo): Promise<Map<string, readonly WorklogRow[]>> => {
  const found = new Map<string, readonly WorklogRow[]>();
  const toFetch: SprintIssueRow[] = [];
  for (const row of rows) {
    if (!isTruncated(row)) found.set(row.id, row.worklogs.filter((worklog) => inWindow(worklog.started, window)));
    else {
      const remembered = memo[row.id];
      if (remembered !== undefined && remembered.updated === row.updated && row.updated !== '') {
        found.set(row.id, remembered.worklogs);
        used[row.id] = remembered;
      } else toFetch.push(row);
    }
  }
  await mapWithConcurrency(toFetch, MAX_REQUESTS_IN_FLIGHT, async (row) => {
    // startedBefore is inclusive in Jira; the window's end is not, so the filter below settles it.
    const worklogs = (await getWorklogsInWindow(jira, row.id, Date.parse(window.start), Date.parse(window.end))).filter((worklog) => inWindow(worklog.started, window));
    found.set(row.id, worklogs);
    used[row.id] = { updated: row.updated, worklogs: [...worklogs] };
  });
  return found;
};

const toFactWorklog = (worklog: WorklogRow): FactWorklog => ({ authorId: worklog.authorId, authorName: worklog.authorName, started: worklog.started, seconds: worklog.seconds });

const toFactIssue = (row: SprintIssueRow, worklogs: readonly WorklogRow[], inWindowCount: number, classification: IssueClassification | undefined): FactIssue => ({
  id: row.id,
  key: row.key,
  projectKey: row.projectKey,
  summary: row.summary,
  issueType: row.issueType,
  isSubtask: row.isSubtask,
  parentKey: row.parentKey,
  labels: row.labels,
  storyPoints: row.storyPoints,
  resolvedAt: row.resolvedAt,
  severity: classification?.severity ?? null,
  kind: classification?.kind ?? null,
  classOfService: classification?.classOfService ?? null,
  worklogs: worklogs.map(toFactWorklog),
  worklogsOutside: Math.max(0, row.worklogTotal - inWindowCount),
});

/**
 * The app's classification of these issues, looked up only in projects where the app holds any
 * record (one index read per project): a sprint of a project Firebreak never triaged costs no reads.
 */
const classificationsOf = async (rows: readonly SprintIssueRow[]): Promise<ReadonlyMap<string, IssueClassification>> => {
  const projects = [...new Set(rows.map((row) => row.projectKey))];
  const withReports = new Set((await Promise.all(projects.map(async (key) => ((await projectHasReports(key)) ? key : null)))).filter((key): key is string => key !== null));
  return readIssueClassifications(rows.filter((row) => withReports.has(row.projectKey)).map((row) => row.id));
};

/** A group's members as the app; none when the group was renamed or deleted since it was chosen (no team, which the view says, not a failure). */
const groupMembersOrNone = async (app: JiraTransport, groupName: string): Promise<TeamMember[]> => {
  try {
    return await listGroupMembers(app, groupName);
  } catch (error) {
    if (isJiraError(error) && error.kind === 'not-found') return [];
    throw error;
  }
};

const teamOf = async (setting: TeamSetting, app: JiraTransport, plannedWorklogs: readonly WorklogRow[]): Promise<TeamFacts> => {
  if (setting.source === 'group') {
    const members = await groupMembersOrNone(app, setting.groupName);
    return { source: 'group', groupName: setting.groupName, members: [...members].sort((a, b) => a.displayName.localeCompare(b.displayName)) };
  }
  const byId = new Map<string, string>();
  for (const worklog of plannedWorklogs) if (worklog.authorId !== '') byId.set(worklog.authorId, worklog.authorName);
  return {
    source: 'worklog-authors',
    groupName: null,
    members: [...byId].map(([accountId, displayName]) => ({ accountId, displayName })).sort((a, b) => a.displayName.localeCompare(b.displayName)),
  };
};

interface ReadOutcome {
  readonly entry: CachedSprintFacts;
  readonly memo: WorklogMemo;
}

/**
 * One sprint's facts from Jira and app storage, through `jira` (the viewer, or the app for a
 * settled sprint); group members always through `app` (reading a group needs Browse users and
 * groups). Calls: ⌈N/100⌉ sprint pages, ⌈U/100⌉ pages of work outside the sprint per 50 team
 * members, one per truncated issue the memo cannot answer, a group's pages, two key searches
 * when the criteria have a JQL clause, and the searcher's time zone once per view.
 */
const readFromJira = async (
  jira: JiraTransport,
  app: JiraTransport,
  request: FactsRequest,
  team: TeamSetting,
  memo: WorklogMemo,
  now: Date,
  zone: () => Promise<string | null>,
  sprintRowsRead?: readonly SprintIssueRow[],
): Promise<ReadOutcome> => {
  const { window, pointsField } = request;
  const readAt = now.toISOString();
  const used: WorklogMemo = {};
  const plannedRows = sprintRowsRead ?? (await searchSprintIssues(jira, window.id, { pointsField, worklogs: true }));
  const plannedWorklogs = await windowWorklogs(jira, plannedRows, window, memo, used);
  const teamFacts = await teamOf(team, app, [...plannedWorklogs.values()].flat());
  const memberIds = new Set(teamFacts.members.map((member) => member.accountId));
  const plannedIds = new Set(plannedRows.map((row) => row.id));
  const startMs = Date.parse(window.start);
  const endMs = Date.parse(window.end);
  const candidates = memberIds.size === 0 ? [] : (await searchWorkedIssues(jira, [...memberIds], startMs, endMs, { pointsField, outsideSprintId: window.id, timeZone: await zone() })).filter((row) => !plannedIds.has(row.id));
  const candidateWorklogs = await windowWorklogs(jira, candidates, window, memo, used);
  const unplannedRows = candidates.filter((row) => (candidateWorklogs.get(row.id) ?? []).some((worklog) => memberIds.has(worklog.authorId)));
  const classifications = await classificationsOf([...plannedRows, ...unplannedRows]);
  const matchedByJql = await jqlMatches(jira, request, [...memberIds], unplannedRows.length > 0 ? await zone() : undefined);
  const planned = plannedRows.map((row) => {
    const worklogs = plannedWorklogs.get(row.id) ?? [];
    return toFactIssue(row, worklogs, worklogs.length, classifications.get(row.id));
  });
  const unplanned = unplannedRows.map((row) => {
    const all = candidateWorklogs.get(row.id) ?? [];
    return toFactIssue(row, all.filter((worklog) => memberIds.has(worklog.authorId)), all.length, classifications.get(row.id));
  });
  const keptKeys = new Set([...planned, ...unplanned].map((issue) => issue.key));
  const facts: SprintFacts = { sprint: window, planned, unplanned, team: teamFacts, matchedByJql: matchedByJql.filter((key) => keptKeys.has(key)), readAt };
  const securedIssueIds = [...plannedRows, ...unplannedRows].filter((row) => row.secured).map((row) => row.id);
  return { entry: { facts, securedIssueIds }, memo: used };
};

// ── Sprints read for each view: only what changed ──────────────────────────────────────────────

/**
 * How far back a search for changed issues reaches before the last read started: Jira's search
 * index may lag behind writes, so an issue changed just before that read may have been missing
 * from it. The change journal (issue and worklog events) covers a lag longer than this.
 */
const ROW_MEMO_OVERLAP_MS = SETTLE_AFTER_CLOSE_MS;
/** A sprint's remembered rows older than this are read again whole: a bound on anything both the index and the events missed. */
const ROW_MEMO_MAX_AGE_MS = 6 * 3_600_000;
/** The watermark moves on at least this often, so the search for changed issues stays small. */
const ROW_MEMO_ADVANCE_MS = 10 * 60_000;
/**
 * Whole minutes back from Jira's now that reach past `ms` ago, with a minute to spare for clocks:
 * JQL's documented relative dates (`-90m`) need no time zone, where a date literal is read in the
 * searcher's.
 * @see https://support.atlassian.com/jira-software-cloud/docs/jql-fields/#Updated
 */
const minutesBack = (ms: number): number => Math.ceil(ms / 60_000) + 1;

const rowsVariant = (pointsField: string | null): string => `rows-v1-${pointsField ?? 'none'}`;

/**
 * The issues of a sprint read for every view (active, planned, just closed), as the viewer may see
 * them. The rows come from the app's memo of the sprint, brought up to date as the app: the issues
 * changed since its last read (less `ROW_MEMO_OVERLAP_MS`), those the journal names, and those it
 * lacks (these two read by id, which sees what the index may not yet); then only issues the
 * viewer's own search of the sprint names are kept. So a later view of a sprint of N issues costs
 * ⌈N/5,000⌉ id searches, one search of the changed ones and one bulk read per 100 issues the memo
 * lacks or the journal names, not ⌈N/100⌉ pages; without a memo (or with one older than 6 hours, or on
 * Refresh) the sprint is read whole as the app. The app reads only a sprint of a board the viewer
 * may open (checked before), and what it read reaches the viewer only through their own search.
 * `write` is the memo to store when it moved, else null.
 */
export const sprintRows = async (
  viewer: JiraTransport,
  app: JiraTransport,
  sprintId: number,
  pointsField: string | null,
  memo: SprintRowMemo | null,
  now: Date,
): Promise<{ readonly rows: SprintIssueRow[]; readonly write: SprintRowMemo | null }> => {
  const readAt = now.toISOString();
  const visibleIds = searchIssueKeys(viewer, `sprint = ${String(sprintId)} ORDER BY key ASC`);
  const whole = async () => {
    const [visible, rows] = await Promise.all([visibleIds, searchSprintIssues(app, sprintId, { pointsField, worklogs: true })]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return { rows: visible.flatMap(({ id }) => byId.get(id) ?? []), write: { readAt, rows } };
  };
  if (memo === null || now.getTime() - Date.parse(memo.readAt) > ROW_MEMO_MAX_AGE_MS) return whole();
  const since = Date.parse(memo.readAt) - ROW_MEMO_OVERLAP_MS;
  const [visible, changedRows, journal] = await Promise.all([
    visibleIds,
    searchIssueRows(app, `sprint = ${String(sprintId)} AND updated >= "-${String(minutesBack(now.getTime() - since))}m" ORDER BY key ASC`, { pointsField, worklogs: true }),
    readChangesSince(new Date(since).toISOString()),
  ]);
  const known = new Map(memo.rows.map((row) => [row.id, row]));
  const changed = new Map(changedRows.map((row) => [row.id, row]));
  // Read by id, not searched: the journal names changes the index may not show yet.
  const missing = visible.map(({ id }) => id).filter((id) => (!known.has(id) && !changed.has(id)) || journal.issueIds.has(id));
  const fetched = await fetchIssueRows(app, missing, { pointsField, worklogs: true });
  const fresh = new Map([...changed, ...fetched.map((row) => [row.id, row] as const)]);
  const rows = visible.flatMap(({ id }) => fresh.get(id) ?? known.get(id) ?? []);
  const moved = [...fresh.values()].some((row) => known.get(row.id)?.updated !== row.updated) || now.getTime() - Date.parse(memo.readAt) > ROW_MEMO_ADVANCE_MS;
  // Rows of issues this viewer may not see are kept for others: nothing is dropped but by age.
  return { rows, write: moved ? { readAt, rows: [...new Map([...known, ...fresh]).values()] } : null };
};

/** Keys the criteria's JQL clause matches among the sprint's issues and the team's work outside it. */
const jqlMatches = async (jira: JiraTransport, request: FactsRequest, memberIds: readonly string[], unplannedZone: string | null | undefined): Promise<string[]> => {
  const clause = request.jql?.trim() ?? '';
  if (clause === '') return [];
  const { window } = request;
  const keys = (await searchIssueKeys(jira, `sprint = ${String(window.id)} AND (${clause})`)).map((issue) => issue.key);
  if (unplannedZone !== undefined) {
    for (const authors of quotedAuthors(memberIds)) {
      const jql = `${workedJql(authors, Date.parse(window.start), Date.parse(window.end), window.id, unplannedZone)} AND (${clause})`;
      keys.push(...(await searchIssueKeys(jira, jql)).map((issue) => issue.key));
    }
  }
  return [...new Set(keys)];
};

// ── Serving reused facts to one viewer ─────────────────────────────────────────────────────────

/**
 * Reused facts cut down to what this viewer may browse: issues of projects where Jira says they have
 * Browse projects (one call for all the sprints of a view), and issues under a security level
 * re-checked as the viewer (one bulk permission check per 1,000). JQL matches follow the issues kept.
 */
const forViewer = async (viewer: JiraTransport, entries: readonly CachedSprintFacts[]): Promise<SprintFacts[]> => {
  const projects = new Set(entries.flatMap((entry) => [...entry.facts.planned, ...entry.facts.unplanned].map((issue) => issue.projectKey)));
  const browsable = projects.size === 0 ? new Set<string>() : await browsableProjectKeys(viewer, [...projects]);
  const secured = [...new Set(entries.flatMap((entry) => entry.securedIssueIds))].filter((id) => /^\d+$/.test(id));
  const visibleSecured = secured.length === 0 ? new Set<string>() : await issuesViewerMayBrowse(viewer, secured);
  return entries.map(({ facts, securedIssueIds }) => {
    const securedSet = new Set(securedIssueIds);
    const visible = (issue: FactIssue): boolean => browsable.has(issue.projectKey) && (!securedSet.has(issue.id) || visibleSecured.has(issue.id));
    const planned = facts.planned.filter(visible);
    const unplanned = facts.unplanned.filter(visible);
    const keys = new Set([...planned, ...unplanned].map((issue) => issue.key));
    return { ...facts, planned, unplanned, matchedByJql: facts.matchedByJql.filter((key) => keys.has(key)) };
  });
};

// ── Staleness ───────────────────────────────────────────────────────────────────────────────────

/**
 * Whether the team an entry was read with is a group whose members changed since. Jira sends an app
 * no event when someone joins or leaves a group, so this is asked on every view that reuses a group
 * team's entry: one paged call per group (50 members a page), shared by the view's sprints.
 * @see https://developer.atlassian.com/platform/forge/events-reference/jira/ (issue, worklog, sprint and project events; none for groups)
 */
const teamChanged = async (entry: CachedSprintFacts, groupNow: (groupName: string) => Promise<ReadonlySet<string>>): Promise<boolean> => {
  const { team } = entry.facts;
  if (team.source !== 'group' || team.groupName === null) return false;
  const now = await groupNow(team.groupName);
  return now.size !== team.members.length || team.members.some((member) => !now.has(member.accountId));
};

const DAY_MS = 86_400_000;

/** Whether anything the entry was read from changed after (or just before) it was read. */
export const isStale = (entry: CachedSprintFacts, changes: ChangesSince): boolean => {
  const after = Date.parse(entry.facts.readAt) - CHANGE_MARGIN_MS;
  const changedAfter = (at: string | undefined): boolean => at !== undefined && Date.parse(at) > after;
  if ([...entry.facts.planned, ...entry.facts.unplanned].some((issue) => changedAfter(changes.issueIds.get(issue.id)))) return true;
  // A worklog started on a day the window touches may be the team's work outside the sprint.
  const start = Date.parse(entry.facts.sprint.start);
  const end = Date.parse(entry.facts.sprint.end);
  for (const [day, at] of changes.days) {
    const dayStart = Date.parse(`${day}T00:00:00Z`);
    if (dayStart < end && dayStart + DAY_MS > start && changedAfter(at)) return true;
  }
  return false;
};

// ── Entry points ────────────────────────────────────────────────────────────────────────────────

/**
 * Settled sprints not cached yet of more issues than this, all told, are read in the background
 * (`sprintFactsJob`) instead of in the view: at 150 ms a request, the bench reads 7 sprints of
 * 1,000 issues in about 18 s, near Forge's 25 s for a resolver, so more than that does not fit.
 * @see https://developer.atlassian.com/platform/forge/limits-invocation/ (resolver runtime: 25 s)
 */
export const INLINE_READ_LIMIT = 7_500;

/** The settled sprints a view cannot read in time, to be read by `sprintFactsJob`. */
export interface DeferredFacts {
  readonly deferred: ReadonlyArray<FactsRequest & { readonly force: boolean }>;
  /**
   * The view's sprints read for every view (the active one, say), whose rows and truncated
   * worklogs the job reads into their memos too: else the first view after the job would ask
   * Jira for every truncated issue's worklogs at once.
   */
  readonly warm: readonly FactsRequest[];
  /** Issues in them, as Jira's approximate count says. */
  readonly issues: number;
}

/**
 * Facts of several sprints of one board for one view (e.g. the active sprint and the trend's closed
 * ones), in the order asked. Settled closed sprints come from the cache unless something they were
 * read from changed (one journal query for all of them), else are read as the app and cached; the
 * viewer then gets them cut down to what they may browse. Active and just-closed sprints are read
 * as the viewer, every time, reusing only the worklogs of truncated issues that did not change.
 * Sprints are read side by side; the transport keeps ≤ 8 requests in flight.
 *
 * With `inlineLimit`, settled sprints to read from Jira that hold more issues than that (one
 * approximate count) are not read: they come back as `deferred`, for a background job, and
 * nothing else is read.
 *
 * The caller must have checked the viewer can see `board` (getBoard as the viewer) before: reading
 * as the app is only ever for a board the viewer may open, and what the viewer gets is filtered.
 * A read that fails (429 after retries, 5xx) throws and caches nothing.
 */
export const readSprintFactsOrDefer = async (handler: HandlerContext, requests: readonly FactsRequest[], inlineLimit?: number): Promise<{ readonly answers: FactsAnswer[] } | DeferredFacts> => {
  const now = handler.now();
  const teams = new Map<string | null, Promise<TeamSetting>>();
  const teamFor = (projectKey: string | null): Promise<TeamSetting> => {
    const known = teams.get(projectKey);
    if (known !== undefined) return known;
    const reading = readTeamSetting(projectKey);
    teams.set(projectKey, reading);
    return reading;
  };
  const settled = requests.map((request) => isSettled(request.window, now));
  // The zone each identity's JQL dates are read in: asked once per view, and only if needed.
  const zones = new Map<JiraTransport, Promise<string | null>>();
  const zoneOf = (jira: JiraTransport) => (): Promise<string | null> => {
    const known = zones.get(jira);
    if (known !== undefined) return known;
    const asking = getSearcherTimeZone(jira);
    zones.set(jira, asking);
    return asking;
  };
  const groups = new Map<string, Promise<ReadonlySet<string>>>();
  const groupNow = (groupName: string): Promise<ReadonlySet<string>> => {
    const known = groups.get(groupName);
    if (known !== undefined) return known;
    const reading = groupMembersOrNone(handler.jira.asApp, groupName).then((members) => new Set(members.map((member) => member.accountId)));
    groups.set(groupName, reading);
    return reading;
  };
  // Cached entries first, then one journal query from the oldest of them.
  const cached = await Promise.all(
    requests.map(async (request, index) => {
      if (settled[index] !== true) return null;
      const variant = variantOf(request, await teamFor(request.board.projectKey));
      const entry = await readCachedFacts(request.window.id, variant);
      if (entry !== null && request.refresh === true && (await claimRefresh(request.window.id, now))) return { variant, entry: null, forced: true };
      if (entry !== null && (await teamChanged(entry, groupNow))) return { variant, entry: null, forced: true };
      return { variant, entry, forced: false };
    }),
  );
  const readAts = cached.flatMap((slot) => (slot?.entry == null ? [] : [Date.parse(slot.entry.facts.readAt)]));
  const changes: ChangesSince = readAts.length === 0 ? { issueIds: new Map(), days: new Map() } : await readChangesSince(new Date(Math.min(...readAts) - CHANGE_MARGIN_MS).toISOString());

  if (inlineLimit !== undefined) {
    const misses = requests.flatMap((request, index) => {
      const slot = cached[index];
      return slot != null && (slot.entry === null || isStale(slot.entry, changes)) ? [{ ...request, force: slot.forced }] : [];
    });
    if (misses.length > 0) {
      const issues = await countIssues(handler.jira.asApp, `sprint in (${misses.map((request) => String(request.window.id)).join(', ')})`);
      if (issues > inlineLimit) return { deferred: misses, warm: requests.filter((_, index) => cached[index] == null), issues };
    }
  }

  const answers = await Promise.all(
    requests.map(async (request, index): Promise<{ entry: CachedSprintFacts; fromCache: boolean; viewerRead: boolean }> => {
      const slot = cached[index];
      if (slot != null) {
        if (slot.entry !== null && !isStale(slot.entry, changes)) return { entry: slot.entry, fromCache: true, viewerRead: false };
        const { entry } = await readFromJira(handler.jira.asApp, handler.jira.asApp, request, await teamFor(request.board.projectKey), {}, now, zoneOf(handler.jira.asApp));
        await writeCachedFacts(request.window.id, slot.variant, entry);
        return { entry, fromCache: false, viewerRead: false };
      }
      const memoWindow = `${request.window.start}|${request.window.end}`;
      const variant = rowsVariant(request.pointsField);
      const [memo, rowMemo] = await Promise.all([readWorklogMemo(request.window.id, memoWindow), request.refresh === true ? null : readSprintRowMemo(request.window.id, variant)]);
      const rows = await sprintRows(handler.jira.asUser, handler.jira.asApp, request.window.id, request.pointsField, rowMemo, now);
      const outcome = await readFromJira(handler.jira.asUser, handler.jira.asApp, request, await teamFor(request.board.projectKey), memo, now, zoneOf(handler.jira.asUser), rows.rows);
      if (rows.write !== null) await writeSprintRowMemo(request.window.id, variant, rows.write);
      if (Object.entries(outcome.memo).some(([id, value]) => memo[id]?.updated !== value.updated)) {
        await writeWorklogMemo(request.window.id, memoWindow, { ...memo, ...outcome.memo }, now.toISOString());
      }
      return { entry: outcome.entry, fromCache: false, viewerRead: true };
    }),
  );
  const appRead = answers.filter((answer) => !answer.viewerRead);
  const filtered = appRead.length === 0 ? [] : await forViewer(handler.jira.asUser, appRead.map((answer) => answer.entry));
  let next = 0;
  return {
    answers: answers.map((answer) => {
      if (answer.viewerRead) return { facts: answer.entry.facts, fromCache: false };
      const facts = filtered[next++] ?? answer.entry.facts;
      return { facts, fromCache: answer.fromCache };
    }),
  };
};

/** Facts of several sprints of one board, all read in this invocation (see `readSprintFactsOrDefer`). */
export const readSprintFactsMany = async (handler: HandlerContext, requests: readonly FactsRequest[]): Promise<FactsAnswer[]> => {
  const outcome = await readSprintFactsOrDefer(handler, requests);
  if (!('answers' in outcome)) throw new Error('A read without a limit was deferred.');
  return outcome.answers;
};

/**
 * Reads one settled sprint's facts as the app into the cache, unless the cache holds them fresh
 * (a slice delivered twice, or a view that read them meanwhile) and `force` is not set: the work of
 * one slice of `sprintFactsJob`. Nothing is returned: the view that started the job reads the
 * cache, cut down to what its viewer may browse.
 */
export const cacheSettledSprintFacts = async (app: JiraTransport, request: FactsRequest, force: boolean, now: Date): Promise<void> => {
  const team = await readTeamSetting(request.board.projectKey);
  const variant = variantOf(request, team);
  if (!force) {
    const entry = await readCachedFacts(request.window.id, variant);
    if (entry !== null && !isStale(entry, await readChangesSince(new Date(Date.parse(entry.facts.readAt) - CHANGE_MARGIN_MS).toISOString()))) return;
  }
  const zone = once(() => getSearcherTimeZone(app));
  const { entry } = await readFromJira(app, app, request, team, {}, now, zone);
  await writeCachedFacts(request.window.id, variant, entry);
};

/**
 * Reads a sprint that views read every time (the active one) as the app into the memos a view
 * starts from: its issues' rows and the worklogs Jira truncates in them. What a viewer then gets
 * is cut down by their own search of the sprint (`sprintRows`). The work of a `warm` slice.
 */
export const warmSprintMemos = async (app: JiraTransport, request: FactsRequest, now: Date): Promise<void> => {
  const { window, pointsField } = request;
  const rows = await searchSprintIssues(app, window.id, { pointsField, worklogs: true });
  await writeSprintRowMemo(window.id, rowsVariant(pointsField), { readAt: now.toISOString(), rows });
  const memoWindow = `${window.start}|${window.end}`;
  const memo = await readWorklogMemo(window.id, memoWindow);
  const used: WorklogMemo = {};
  await windowWorklogs(app, rows, window, memo, used);
  if (Object.entries(used).some(([id, value]) => memo[id]?.updated !== value.updated)) await writeWorklogMemo(window.id, memoWindow, { ...memo, ...used }, now.toISOString());
};

const once = <T>(make: () => Promise<T>): (() => Promise<T>) => {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
};

/** One sprint's facts (see `readSprintFactsMany`). */
export const readSprintFacts = async (handler: HandlerContext, request: FactsRequest): Promise<FactsAnswer> => {
  const [answer] = await readSprintFactsMany(handler, [request]);
  if (answer === undefined) throw new Error('readSprintFactsMany answered nothing for one request.');
  return answer;
};
