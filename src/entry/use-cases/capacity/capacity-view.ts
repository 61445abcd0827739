import type { CapacityView, GadgetConfiguration } from '../../../contract/capacity.contract';
import { TRIAGE_LABELS } from '../../../contract/report.contract';
import { nameSeverity, severityName, type NamedLevel } from '../../../contract/severity-names';
import { computeSprintShare, DEFAULT_SUPPORT_CRITERIA, UNCLASSIFIED, type CapacityMeasure, type SprintShare, type SprintWindow, type SupportCriteria } from '../../../domain/capacity/capacity';
import { planSprint } from '../../../domain/capacity/planning';
import type { SprintFacts } from '../../../domain/capacity/sprint-facts';
import { weeklyBudgetStatus } from '../../../domain/policy/apply-policy';
import { decidedToTopAt, utcWeekStart } from '../../../domain/policy/scale-change';
import { getBoard, getEstimationField, listSprints, type AgileSprint, type Board } from '../../../jira/agile';
import { isJiraError } from '../../../jira/jira-error';
import type { JiraTransport } from '../../../jira/jira-transport';
import { issuesViewerMayBrowse } from '../../../jira/permissions';
import { listProjectReports } from '../../../storage/issue-state.store';
import { readEffectivePolicy } from '../../../storage/policy.store';
import { readProjectConfig } from '../../../storage/project-config.store';
import { Refusal } from '../../refusal';
import type { HandlerContext } from '../../resolvers/resolver-definition';
import { INLINE_READ_LIMIT, readSprintFacts, readSprintFactsOrDefer, type DeferredFacts } from './sprint-facts-source';
import { jobProgress, startJob } from '../../background/background-jobs';
import type { JobProgress } from '../../background/job-progress';
import { SPRINT_FACTS_JOB, sprintFactsJobKey } from './sprint-facts-job';
import { onCallShares } from '../../../domain/config/on-call';
import { getDisplayNames } from '../../../jira/users';

const toWindow = (sprint: AgileSprint, now: string): SprintWindow => ({
  id: sprint.id,
  name: sprint.name,
  start: sprint.startDate ?? now,
  end: sprint.completeDate ?? sprint.endDate ?? now,
  state: sprint.state === 'closed' ? 'closed' : sprint.state === 'active' ? 'active' : 'future',
});

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
  planned: share.planned,
  unplanned: share.unplanned,
  committed: share.velocity.committed,
  completed: share.velocity.completed,
});

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
  // Only the decisions on issues this viewer may browse count; a search naming a secured or deleted issue would fail whole.
  return ids.length === 0 ? 0 : (await issuesViewerMayBrowse(jira, ids)).size;
};

type ComputeRequest = GadgetConfiguration & { readonly refresh?: boolean | undefined };

/** The answer for a board whose sprints cannot be measured, with no sprint read. */
const emptyView = (board: Board, measure: CapacityMeasure, empty: string, now: string): CapacityView => ({
  board: { id: board.id, name: board.name, projectKey: board.projectKey },
  measure,
  empty,
  sprint: null,
  trend: [],
  planning: { history: [], averageCommitted: null, averageCompleted: null, averageShare: null, perSupportItem: null, target: { name: null, supportItemsPlanned: null, assumedSupportItems: 0, teamSize: 0, onCall: [] }, range: null },
  budget: null,
  cached: false,
  computedAt: now,
});

const KANBAN = (board: Board): string =>
  `${board.name} is a Kanban board, which has no sprints: the share of each sprint needs a Scrum board. Choose a Scrum board in the gadget's settings, or open Health to see support by week.`;

/** A support JQL clause Jira rejects becomes a sentence about that clause, not a generic failure. */
const withJqlSentence = async <T>(jql: string | null, read: () => Promise<T>): Promise<T> => {
  try {
    return await read();
  } catch (error) {
    if (jql !== null && isJiraError(error) && error.kind === 'bad-request') {
      throw new Refusal('INVALID_INPUT', `The JQL clause for what counts as support is not valid: ${error.jiraMessages.join(' ')} Fix it in the gadget's settings.`, 'criteria.jql');
    }
    throw error;
  }
};

type OnCallShare = { readonly accountId: string; readonly name: string; readonly share: number };

/**
 * Who is on call in a window under the project's rotation, with their share of it (none without a
 * rotation). Names come from the sprint's people where they logged work, else from Jira as the viewer.
 */
const onCallReader = async (jira: JiraTransport, projectKey: string | null, sprints: readonly SprintWindow[]) => {
  const rotation = projectKey === null ? undefined : (await readProjectConfig(projectKey))?.config.onCall;
  const known = new Map<string, string>();
  return {
    remember: (people: ReadonlyArray<{ readonly accountId: string; readonly displayName: string }>) => people.forEach((person) => known.set(person.accountId, person.displayName)),
    during: async (window: { readonly start: string; readonly end: string }): Promise<OnCallShare[]> => {
      if (rotation === undefined || rotation.people.length === 0) return [];
      const shares = onCallShares(rotation, window, sprints).filter((entry) => entry.share > 0);
      const unknown = shares.map((entry) => entry.accountId).filter((id) => !known.has(id));
      if (unknown.length > 0) (await getDisplayNames(jira, unknown)).forEach((name, id) => known.set(id, name));
      return shares.map((entry) => ({ accountId: entry.accountId, name: known.get(entry.accountId) ?? 'Someone you cannot see', share: entry.share }));
    },
  };
};

/** A planned sprint's window: its dates when Jira has them, else the length of the sprint before it, right after it. */
const plannedWindow = (sprint: SprintWindow, before: SprintWindow | undefined, raw: AgileSprint | undefined): SprintWindow => {
  if (raw?.startDate !== undefined && raw.endDate !== undefined) return { ...sprint, start: raw.startDate, end: raw.endDate };
  if (before === undefined) return sprint;
  const length = Math.max(Date.parse(before.end) - Date.parse(before.start), 86_400_000);
  return { ...sprint, start: before.end, end: new Date(Date.parse(before.end) + length).toISOString() };
};

const teamSizeOf = (facts: SprintFacts, share: SprintShare): number => Math.max(1, facts.team.members.length, share.people.length);

type Reading = NonNullable<CapacityView['reading']>;

/** How long a background read that failed is reported before a view starts it again on its own. */
const FAILED_READ_SHOWN_MS = 10 * 60_000;

/**
 * Closed sprints too large to read within a view are read by a background job (one slice per
 * sprint) into the cache; the view says how far it got (`reading`, which the gadget shows as a
 * bar while it asks again on its own), and the next view after it finished answers from the cache.
 * A job that failed is reported (not restarted on every view) until the viewer asks for a refresh
 * or ten minutes pass.
 */
const readInBackground = async (board: Board, measure: CapacityMeasure, deferred: DeferredFacts, refresh: boolean, now: Date): Promise<{ readonly empty: string; readonly reading: Reading }> => {
  const key = sprintFactsJobKey(board.id, measure);
  const last = await jobProgress(SPRINT_FACTS_JOB, key);
  const sprints = (count: number): string => `${String(count)} closed sprint${count === 1 ? '' : 's'}`;
  const failedRead = (run: JobProgress) => {
    const reason = run.failures[0]?.reason ?? 'Jira did not answer.';
    return {
      empty: `Firebreak could not read ${sprints(run.failed)} of this board from Jira in the background: ${reason} Select Try again to read ${run.failed === 1 ? 'it' : 'them'} again.`,
      reading: { status: 'failed' as const, done: run.done, total: run.total, failed: run.failed, reason, issues: deferred.issues, startedAt: run.startedAt },
    };
  };
  if (last !== null && last.finishedAt !== null && last.failed > 0 && !refresh && now.getTime() - Date.parse(last.finishedAt) < FAILED_READ_SHOWN_MS) return failedRead(last);
  const slice = ({ board: { id, name, type, projectKey }, window, pointsField, jql }: DeferredFacts['warm'][number], force: boolean, warm: boolean) => ({
    board: { id, name, type, projectKey },
    window: { id: window.id, name: window.name, start: window.start, end: window.end, state: window.state },
    pointsField,
    jql,
    force,
    warm,
  });
  // The sprints every view reads into their memos first, then the closed ones into the cache: the
  // figures show as soon as the closed ones are cached, and the view then reads the active sprint
  // itself, so its memos should be warm by then (Forge delivers in about the order pushed).
  const slices = [...deferred.warm.map((request) => slice(request, false, true)), ...deferred.deferred.map((request) => slice(request, request.force, false))];
  const closedCount = deferred.deferred.length;
  // Idempotent: while a run for this board and measure is going, its id comes back and nothing new
  // starts, so the gadget asking again every few seconds only reads how far it got.
  const started = await startJob(SPRINT_FACTS_JOB, key, slices, now);
  const progress = await jobProgress(SPRINT_FACTS_JOB, key);
  const current = progress !== null && progress.jobId === started.jobId ? progress : null;
  // Slices Forge would not queue fail at once: such a run is over before anyone asks again.
  if (current !== null && current.finishedAt !== null && current.failed > 0) return failedRead(current);
  const total = current?.total ?? slices.length;
  return {
    empty: `This board's sprints are large (about ${deferred.issues.toLocaleString('en-US')} issues in ${sprints(closedCount)} not read yet), so Firebreak reads them from Jira in the background. The figures appear here when it is done.`,
    reading: {
      status: 'running',
      done: current?.done ?? 0,
      total,
      failed: current?.failed ?? 0,
      reason: current?.failures[0]?.reason ?? null,
      issues: deferred.issues,
      startedAt: current?.startedAt ?? now.toISOString(),
    },
  };
};

export const computeCapacity = async (request: ComputeRequest, handler: HandlerContext): Promise<CapacityView> => {
  const { refresh, ...configuration } = request;
  const jira = handler.jira.asUser;
  const now = handler.now().toISOString();
  const board = await visibleBoard(jira, configuration.boardId);
  if (board.type !== 'scrum') return emptyView(board, configuration.measure, KANBAN(board), now);
  const raw = await listSprints(jira, board.id, ['active', 'closed', 'future']);
  const byStart = raw.map((sprint) => toWindow(sprint, now));
  const started = byStart.filter((sprint) => sprint.state !== 'future').sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const future = byStart.filter((sprint) => sprint.state === 'future').sort((a, b) => a.id - b.id);
  const chosen = configuration.sprint === 'active' ? (started.filter((sprint) => sprint.state === 'active').at(-1) ?? started.at(-1)) : byStart.find((sprint) => sprint.id === configuration.sprint);
  if (chosen === undefined) {
    const empty = started.length === 0 ? 'This board has no sprints yet. Start one in Jira, then come back.' : 'The chosen sprint is not on this board any more. Choose another in the gadget settings.';
    return emptyView(board, configuration.measure, empty, now);
  }
  // A planned sprint is chosen to plan it: the figures are those of the latest sprint that started.
  const shown = chosen.state === 'future' ? (started.filter((sprint) => sprint.state === 'active').at(-1) ?? started.at(-1)) : chosen;
  const targetSprint = chosen.state === 'future' ? chosen : future[0];
  // The next sprint follows the latest sprint that started, whichever sprint the figures show.
  const latestStarted = started.at(-1);
  const pointsField = configuration.measure === 'points' ? await getEstimationField(jira, board.id) : null;
  if (configuration.measure === 'points' && pointsField === null) {
    return emptyView(board, configuration.measure, 'This board has no estimation field, so story points cannot be measured. Choose time or issue count.', now);
  }
  const criteria = await criteriaFor(configuration.criteria, board.projectKey);
  const jql = criteria.jql?.trim() === '' ? null : (criteria.jql?.trim() ?? null);
  const upTo = shown === undefined ? [] : started.filter((sprint) => Date.parse(sprint.start) <= Date.parse(shown.start));
  const trendWindows = upTo.slice(-configuration.trendSprints);
  const planningWindows = upTo.filter((sprint) => sprint.state === 'closed').slice(-configuration.planningSprints);
  const needed = [...new Map([...trendWindows, ...planningWindows].map((sprint) => [sprint.id, sprint])).values()];

  const read = new Map<number, { facts: SprintFacts; share: SprintShare; fromCache: boolean }>();
  const outcome = await withJqlSentence(jql, () => readSprintFactsOrDefer(handler, needed.map((window) => ({ board, window, pointsField, jql, ...(refresh === true ? { refresh } : {}) })), INLINE_READ_LIMIT));
  if (!('answers' in outcome)) {
    const { empty, reading } = await readInBackground(board, configuration.measure, outcome, refresh === true, handler.now());
    return { ...emptyView(board, configuration.measure, empty, now), reading };
  }
  const { answers } = outcome;
  answers.forEach(({ facts, fromCache }) => read.set(facts.sprint.id, { facts, share: computeSprintShare(facts, configuration.measure, criteria), fromCache }));
  const onCall = await onCallReader(jira, board.projectKey, [...started, ...future]);
  for (const { share } of read.values()) onCall.remember(share.people);
  const onCallDuring = (_projectKey: string | null, window: { readonly start: string; readonly end: string }) => onCall.during(window);
  const targetFacts =
    targetSprint === undefined ? undefined : (await withJqlSentence(jql, () => readSprintFacts(handler, { board, window: plannedWindow(targetSprint, latestStarted, raw.find((sprint) => sprint.id === targetSprint.id)), pointsField, jql }))).facts;

  const planned = await Promise.all(
    planningWindows.map(async (window) => {
      const entry = read.get(window.id);
      if (entry === undefined) throw new Error(`Sprint ${String(window.id)} was not read.`);
      const away = await onCallDuring(board.projectKey, window);
      return { share: entry.share, teamSize: teamSizeOf(entry.facts, entry.share), onCallAway: away.reduce((sum, person) => sum + person.share, 0) };
    }),
  );
  const latest = planned.at(-1);
  const targetWindow = targetFacts?.sprint ?? (latestStarted === undefined ? undefined : plannedWindow({ ...latestStarted, id: 0, name: '', state: 'future' }, latestStarted, undefined));
  const targetOnCall = targetWindow === undefined ? [] : await onCallDuring(board.projectKey, targetWindow);
  const targetShare = targetFacts === undefined ? undefined : computeSprintShare(targetFacts, configuration.measure, criteria);
  const plan = planSprint(planned, configuration.measure, {
    name: targetSprint?.name ?? null,
    supportItemsPlanned: targetShare?.velocity.supportItemsPlanned ?? null,
    teamSize: latest?.teamSize ?? 1,
    onCall: targetOnCall.map(({ name, share }) => ({ name, share })),
  });

  const { policy } = await readEffectivePolicy(board.projectKey ?? '');
  const top = policy.levels[0];
  const budget =
    top?.weeklyBudget == null || board.projectKey === null ? null : weeklyBudgetStatus(policy, await decisionsToTopThisWeek(jira, board.projectKey, top.id, handler.now()));
  const current = shown === undefined ? undefined : read.get(shown.id);
  const shownOnCall = shown === undefined ? [] : await onCallDuring(board.projectKey, shown);
  const entries = [...read.values()];
  return {
    board: { id: board.id, name: board.name, projectKey: board.projectKey },
    measure: configuration.measure,
    empty: null,
    sprint: current === undefined ? null : currentSprint(current, policy.levels, shownOnCall),
    trend: trendWindows.flatMap((window) => {
      const entry = read.get(window.id);
      return entry === undefined ? [] : [summarise(entry.share)];
    }),
    planning: {
      history: plan.history.map(({ name, committed, completed, feature, supportItemsPlanned }) => ({ name, committed, completed, feature, supportItemsPlanned })),
      averageCommitted: plan.averageCommitted,
      averageCompleted: plan.averageCompleted,
      averageShare: plan.averageShare,
      perSupportItem: plan.perSupportItem,
      target: { ...plan.target, onCall: [...plan.target.onCall] },
      range: plan.range,
    },
    budget: budget === null ? null : { levelName: budget.level.name, used: budget.used, budget: budget.budget, exceeded: budget.exceeded },
    cached: entries.some((entry) => entry.fromCache),
    computedAt: entries.reduce((oldest, entry) => (Date.parse(entry.facts.readAt) < Date.parse(oldest) ? entry.facts.readAt : oldest), now),
  };
};

const currentSprint = (
  { facts, share }: { readonly facts: SprintFacts; readonly share: SprintShare },
  levels: readonly NamedLevel[],
  onCall: ReadonlyArray<{ readonly accountId: string; readonly name: string; readonly share: number }>,
): NonNullable<CapacityView['sprint']> => {
  const onCallShare = new Map(onCall.map((person) => [person.accountId, person.share]));
  const people = share.people.map((person) => ({ accountId: person.accountId, name: person.displayName, supportSeconds: person.supportSeconds, totalSeconds: person.totalSeconds, onCallShare: onCallShare.get(person.accountId) ?? 0 }));
  // Someone on call who logged nothing still belongs in the list: that is a fact about the load too.
  for (const person of onCall) if (!people.some((entry) => entry.accountId === person.accountId)) people.push({ accountId: person.accountId, name: person.name, supportSeconds: 0, totalSeconds: 0, onCallShare: person.share });
  return {
    ...summarise(share),
    bySeverity: severityBreakdown(levels, share.bySeverity),
    byKind: Object.entries(share.byKind).map(([id, value]) => ({ id, name: kindNames[id] ?? 'Not classified', value })),
    notes: [
      ...share.notes,
      // Jira keeps the issues that were in the sprint when it ended (carried-over ones too).
      'The sprint’s issues are counted as Jira keeps them: issues added mid-sprint count in full by worklog date; issues removed before the end are not counted.',
    ],
    team: { source: facts.team.source, groupName: facts.team.groupName, members: facts.team.members.map((member) => member.displayName) },
    people,
  };
};

/** The board's sprints, newest first, for the gadget's settings: planned ones too, since a planned sprint can be chosen to plan it. */
export const listBoardSprints = async (handler: HandlerContext, boardId: number): Promise<AgileSprint[]> => {
  const board = await visibleBoard(handler.jira.asUser, boardId);
  if (board.type !== 'scrum') return [];
  const sprints = await listSprints(handler.jira.asUser, boardId, ['active', 'closed', 'future']);
  const order = (sprint: AgileSprint): number => (sprint.state === 'future' ? Number.MAX_SAFE_INTEGER - sprint.id : Date.parse(sprint.startDate ?? '') || 0);
  return [...sprints].sort((a, b) => order(b) - order(a));
};

/** The issues a sprint's figure counted, support first, with their summaries: the sprint's own, then the team's support outside it. */
export const drillDown = async (handler: HandlerContext, request: { readonly boardId: number; readonly sprintId: number; readonly measure: CapacityMeasure; readonly criteria: SupportCriteria | null }) => {
  const jira = handler.jira.asUser;
  const board = await visibleBoard(jira, request.boardId);
  if (board.type !== 'scrum') throw new Refusal('INVALID_INPUT', KANBAN(board));
  const sprint = (await listSprints(jira, request.boardId, ['active', 'closed'])).find((candidate) => candidate.id === request.sprintId);
  if (sprint === undefined) throw new Refusal('NOT_FOUND', `Sprint ${String(request.sprintId)} is not on board ${board.name}.`);
  const window = toWindow(sprint, handler.now().toISOString());
  const pointsField = request.measure === 'points' ? await getEstimationField(jira, request.boardId) : null;
  const criteria = await criteriaFor(request.criteria, board.projectKey);
  const jql = criteria.jql?.trim() === '' ? null : (criteria.jql?.trim() ?? null);
  const { facts } = await withJqlSentence(jql, () => readSprintFacts(handler, { board, window, pointsField, jql }));
  const share = computeSprintShare(facts, request.measure, criteria);
  const summaries = new Map([...facts.planned, ...facts.unplanned].map((issue) => [issue.key, issue.summary]));
  const { policy } = await readEffectivePolicy(board.projectKey ?? '');
  return share.counted.map((counted) => ({
    ...counted,
    summary: summaries.get(counted.key) ?? '',
    severityName: counted.severity === null ? null : severityName(policy.levels, counted.severity),
  }));
};
