import { createHash } from 'node:crypto';

import type { CapacityView, GadgetConfiguration } from '../../../contract/capacity.contract';
import { TRIAGE_LABELS } from '../../../contract/report.contract';
import { nameSeverity, severityName, type NamedLevel } from '../../../contract/severity-names';
import {
  computeSprintShare,
  DEFAULT_SUPPORT_CRITERIA,
  UNCLASSIFIED,
  planNextSprint,
  type CapacityMeasure,
  type SprintIssue,
  type SprintShare,
  type SprintWindow,
  type SupportCriteria,
} from '../../../domain/capacity/capacity';
import { weeklyBudgetStatus } from '../../../domain/policy/apply-policy';
import { decidedToTopAt, utcWeekStart } from '../../../domain/policy/scale-change';
import { getBoard, getEstimationField, getWorklogsInWindow, listSprints, type AgileSprint, type Board } from '../../../jira/agile';
import { mapWithConcurrency } from '../../../jira/concurrency';
import { MAX_REQUESTS_IN_FLIGHT } from '../../../jira/in-flight-limit';
import { isJiraError } from '../../../jira/jira-error';
import type { JiraTransport } from '../../../jira/jira-transport';
import { countIssues, searchAll } from '../../../jira/search';
import { EMBEDDED_WORKLOGS, searchSprintIssues } from '../../../jira/sprint-issues';
import { readCachedView, writeCachedView } from '../../../storage/capacity-cache.store';
import { listProjectReports } from '../../../storage/issue-state.store';
import { readEffectivePolicy } from '../../../storage/policy.store';
import { readProjectConfig } from '../../../storage/project-config.store';
import { Refusal } from '../../refusal';
import type { HandlerContext } from '../../resolvers/resolver-definition';

/**
 * How long after a sprint closes its figures may still move. Jira's search is eventually
 * consistent ("recent updates might not be immediately visible"), and worklogs are often logged just
 * after the fact: a view computed in the first minutes could be missing some, and a cached view
 * would keep it so for a day.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-get
 */
const SETTLE_AFTER_CLOSE_MS = 15 * 60_000;

const toWindow = (sprint: AgileSprint, now: string): SprintWindow => ({
  id: sprint.id,
  name: sprint.name,
  start: sprint.startDate ?? now,
  end: sprint.completeDate ?? sprint.endDate ?? now,
  state: sprint.state === 'closed' ? 'closed' : sprint.state === 'active' ? 'active' : 'future',
});

interface SearchedSprintIssue extends SprintIssue {
  readonly summary: string;
}

/**
 * Every issue of a sprint the viewer may browse, with what the measures need: ⌈N/100⌉ search pages
 * (worklogs, estimate, classification from the report property), plus one worklog call for each
 * issue whose embedded worklogs (20 at most) are truncated. Runs as the viewer, so figures and the
 * drill-down only ever include issues they can see.
 */
const loadSprintIssues = async (jira: JiraTransport, sprint: SprintWindow, pointsField: string | null, measure: CapacityMeasure): Promise<SearchedSprintIssue[]> => {
  const found = await searchSprintIssues(jira, sprint.id, { pointsField, worklogs: measure === 'time' });
  return mapWithConcurrency(found, MAX_REQUESTS_IN_FLIGHT, async (issue) => {
    const truncated = measure === 'time' && issue.worklogTotal > Math.min(issue.worklogs.length, EMBEDDED_WORKLOGS);
    const worklogs = truncated ? await getWorklogsInWindow(jira, issue.key, Date.parse(sprint.start), Date.parse(sprint.end)) : issue.worklogs;
    const search = issue.report?.search;
    return {
      key: issue.key,
      summary: issue.summary,
      issueType: issue.issueType,
      isSubtask: issue.isSubtask,
      parentKey: issue.parentKey,
      labels: issue.labels,
      storyPoints: issue.storyPoints,
      severity: search?.decidedSeverity ?? search?.reporterSeverity ?? null,
      kind: search?.kind ?? null,
      classOfService: search?.classOfService ?? null,
      worklogs,
    };
  });
};

/**
 * The breakdown by severity as the team's scale reads it: its levels in the policy's order (most
 * severe first, whatever their size), then levels a scale change removed, then issues not classified.
 */
export const severityBreakdown = (levels: readonly NamedLevel[], totals: Readonly<Record<string, number>>): Array<NonNullable<CapacityView['sprint']>['bySeverity'][number]> => {
  const named = Object.entries(totals)
    .filter(([id]) => id !== UNCLASSIFIED)
    .map(([id, value]) => ({ id, value, ...nameSeverity(levels, id) }));
  const inScale = named.filter((entry) => entry.rank !== null).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  const outOfScale = named.filter((entry) => entry.rank === null).sort((a, b) => a.name.localeCompare(b.name));
  const unclassified = totals[UNCLASSIFIED];
  return [
    ...[...inScale, ...outOfScale].map(({ id, text, value, rank }) => ({ id, name: text, value, rank })),
    ...(unclassified === undefined ? [] : [{ id: UNCLASSIFIED, name: 'Not classified', value: unclassified, rank: null }]),
  ];
};

const summarise = (share: SprintShare) => ({
  id: share.sprint.id,
  name: share.sprint.name,
  state: share.sprint.state,
  start: share.sprint.start,
  end: share.sprint.end,
  support: share.support,
  total: share.total,
  share: share.share,
});

const configurationKey = (configuration: GadgetConfiguration): string => createHash('sha256').update(JSON.stringify(configuration)).digest('hex').slice(0, 32);

const kindNames: Readonly<Record<string, string>> = TRIAGE_LABELS.kind;

/** Resolves a board the viewer may see, or says they can't. */
const boardFor = async (jira: JiraTransport, boardId: number): Promise<Board | 'forbidden'> => {
  try {
    return await getBoard(jira, boardId);
  } catch (error) {
    if (isJiraError(error) && (error.kind === 'not-found' || error.kind === 'forbidden')) return 'forbidden';
    throw error;
  }
};

/** Keys of the sprint's issues that the criteria's JQL clause matches (one search, as the viewer). */
const jqlMatches = async (jira: JiraTransport, sprint: SprintWindow, criteria: SupportCriteria): Promise<ReadonlySet<string>> => {
  const clause = criteria.jql?.trim() ?? '';
  if (clause === '') return new Set();
  try {
    return new Set((await searchAll(jira, `sprint = ${String(sprint.id)} AND (${clause})`, ['key'], [], 10_000)).map((issue) => issue.key));
  } catch (error) {
    // A support JQL clause Jira rejects becomes a sentence about that clause, not a generic failure.
    if (isJiraError(error) && error.kind === 'bad-request') {
      throw new Refusal('INVALID_INPUT', `The JQL clause for what counts as support is not valid: ${error.jiraMessages.join(' ')} Fix it in the gadget's settings.`, 'criteria.jql');
    }
    throw error;
  }
};

/** The gadget's own criteria, else the project's defaults (project settings), else Firebreak's. */
const criteriaFor = async (own: SupportCriteria | null, projectKey: string | null): Promise<SupportCriteria> =>
  own ?? (projectKey === null ? undefined : (await readProjectConfig(projectKey))?.config.supportCriteria) ?? DEFAULT_SUPPORT_CRITERIA;

const boardRefusal = (boardId: number): Refusal => new Refusal('FORBIDDEN', `You don't have access to board ${String(boardId)}, or it doesn't exist. Choose another board in the gadget's settings.`);

/** A board the viewer may see, or a refusal naming the board they asked for. */
const visibleBoard = async (jira: JiraTransport, boardId: number): Promise<Board> => {
  const board = await boardFor(jira, boardId);
  if (board === 'forbidden') throw boardRefusal(boardId);
  return board;
};

/**
 * The gadget's view for a configuration, computed as the viewer (so figures include only issues they
 * may browse), or answered from the per-viewer cache when every sprint in it is closed and settled.
 */
/**
 * The top level's weekly budget counts decisions to it made this week (UTC, from Monday), the same
 * figure the policy admin page shows: read from the app's own records (not the `decidedSeverity`
 * property anyone with Edit issues can write, nor the issue's creation date), then counted as the
 * viewer so an issue they may not browse adds nothing (one count per 500 issues; a week's top-level
 * decisions are few).
 */
const decisionsToTopThisWeek = async (jira: JiraTransport, projectKey: string, topId: string, now: Date): Promise<number> => {
  const weekStart = utcWeekStart(now).getTime();
  const ids: string[] = [];
  for await (const { issue, stored } of listProjectReports(projectKey)) {
    const at = decidedToTopAt(stored.report, topId);
    if (at !== undefined && Date.parse(at) >= weekStart && /^\d+$/.test(issue.id)) ids.push(issue.id);
  }
  let visible = 0;
  for (let start = 0; start < ids.length; start += 500) visible += await countIssues(jira, `id in (${ids.slice(start, start + 500).join(', ')})`);
  return visible;
};

export const computeCapacity = async (configuration: GadgetConfiguration, handler: HandlerContext): Promise<CapacityView> => {
  const jira = handler.jira.asUser;
  const now = handler.now().toISOString();
  // A chosen sprint's view, once all its sprints were closed, is final: answer it before any Jira call.
  const cacheKey = configurationKey(configuration);
  if (configuration.sprint !== 'active') {
    const cached = await readCachedView(handler.access.accountId, cacheKey);
    if (cached !== null) return { ...cached, cached: true };
  }
  const board = await visibleBoard(jira, configuration.boardId);
  const boardRef = { id: board.id, name: board.name, projectKey: board.projectKey };
  const sprints = (await listSprints(jira, board.id)).map((sprint) => toWindow(sprint, now)).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const chosen = configuration.sprint === 'active' ? sprints.filter((sprint) => sprint.state === 'active').at(-1) : sprints.find((sprint) => sprint.id === configuration.sprint);
  const planning = { sprints: 0, averageShare: null, averageTotal: null, suggestedFeatureCapacity: null, sentence: 'No sprints yet.' };
  if (chosen === undefined) {
    const empty = sprints.length === 0 ? 'This board has no sprints yet. Start one in Jira, then come back.' : 'The chosen sprint is not on this board any more. Choose another in the gadget settings.';
    return { board: boardRef, measure: configuration.measure, empty, sprint: null, trend: [], planning, budget: null, cached: false };
  }
  const trendWindows = sprints.filter((sprint) => Date.parse(sprint.start) <= Date.parse(chosen.start)).slice(-configuration.trendSprints);
  const settledBefore = Date.parse(now) - SETTLE_AFTER_CLOSE_MS;
  const cacheable = configuration.sprint !== 'active' && trendWindows.every((sprint) => sprint.state === 'closed' && Date.parse(sprint.end) <= settledBefore);

  const pointsField = configuration.measure === 'points' ? await getEstimationField(jira, board.id) : null;
  const criteria = await criteriaFor(configuration.criteria, board.projectKey);
  const shares: SprintShare[] = [];
  for (const window of trendWindows) {
    const issues = await loadSprintIssues(jira, window, pointsField, configuration.measure);
    shares.push(computeSprintShare(window, issues, configuration.measure, criteria, await jqlMatches(jira, window, criteria)));
  }
  const current = shares.at(-1);
  const { policy } = await readEffectivePolicy(board.projectKey ?? '');
  const top = policy.levels[0];
  const budget =
    top?.weeklyBudget == null || board.projectKey === null
      ? null
      : weeklyBudgetStatus(policy, await decisionsToTopThisWeek(jira, board.projectKey, top.id, handler.now()));
  const plan = planNextSprint(shares.filter((share) => share.sprint.state === 'closed').slice(-configuration.planningSprints));
  const view: CapacityView = {
    board: boardRef,
    measure: configuration.measure,
    empty: configuration.measure === 'points' && pointsField === null ? 'This board has no estimation field, so story points cannot be measured. Choose time or issue count.' : null,
    sprint:
      current === undefined
        ? null
        : {
            ...summarise(current),
            bySeverity: severityBreakdown(policy.levels, current.bySeverity),
            byKind: Object.entries(current.byKind).map(([id, value]) => ({ id, name: kindNames[id] ?? 'Not classified', value })),
            notes: [
              ...current.notes,
              // Jira keeps the issues that were in the sprint when it ended (carried-over ones too).
              'Counts the issues in the sprint as Jira keeps it: issues added mid-sprint count in full by worklog date; issues removed before the end are not counted.',
            ],
          },
    trend: shares.map(summarise),
    planning: plan,
    budget: budget === null ? null : { levelName: budget.level.name, used: budget.used, budget: budget.budget, exceeded: budget.exceeded },
    cached: false,
  };
  if (cacheable) await writeCachedView(handler.access.accountId, cacheKey, view);
  return view;
};


/** The board's sprints, newest first, for the gadget's settings. */
export const listBoardSprints = async (handler: HandlerContext, boardId: number): Promise<AgileSprint[]> => {
  await visibleBoard(handler.jira.asUser, boardId);
  return (await listSprints(handler.jira.asUser, boardId)).reverse();
};

/** The issues a sprint's figure counted, support first, with their summaries. */
export const drillDown = async (handler: HandlerContext, request: { readonly boardId: number; readonly sprintId: number; readonly measure: CapacityMeasure; readonly criteria: SupportCriteria | null }) => {
  const jira = handler.jira.asUser;
  const board = await visibleBoard(jira, request.boardId);
  const sprint = (await listSprints(jira, request.boardId)).find((candidate) => candidate.id === request.sprintId);
  if (sprint === undefined) throw new Refusal('NOT_FOUND', `Sprint ${String(request.sprintId)} is not on board ${board.name}.`);
  const window = toWindow(sprint, handler.now().toISOString());
  const pointsField = request.measure === 'points' ? await getEstimationField(jira, request.boardId) : null;
  const issues = await loadSprintIssues(jira, window, pointsField, request.measure);
  const resolved = await criteriaFor(request.criteria, board.projectKey);
  const share = computeSprintShare(window, issues, request.measure, resolved, await jqlMatches(jira, window, resolved));
  const summaries = new Map(issues.map((issue) => [issue.key, issue.summary]));
  const { policy } = await readEffectivePolicy(board.projectKey ?? '');
  return share.counted.map((counted) => ({
    ...counted,
    summary: summaries.get(counted.key) ?? '',
    severityName: counted.severity === null ? null : severityName(policy.levels, counted.severity),
  }));
};
