import { z } from 'zod';

import type { AppliedPolicyState, PolicyLevel } from '../../../contract/policy.contract';
import { TRIAGE_LABELS, type StoredReport } from '../../../contract/report.contract';
import { nameSeverity, type NamedLevel } from '../../../contract/severity-names';
import { HEALTH_COMPLIANCE_AIM, HEALTH_LIMITS, HEALTH_NOT_DECIDED, type SupportHealthPayload, type SupportHealthView } from '../../../contract/support-health.contract';
import { DEFAULT_SUPPORT_CRITERIA, isSupportIssue, type SupportCriteria } from '../../../domain/capacity/capacity';
import { lastWeeks, overallCompliance, periodHealth, type HealthPeriod, type PeriodHealth, type SupportRecord } from '../../../domain/capacity/health';
import { punctualityShare, updatePunctuality } from '../../../domain/capacity/update-punctuality';
import { decidedSeverityOf } from '../../../domain/report/report';
import { whyNoDirectUpdates } from '../../../domain/updates/stakeholder-update';
import { getBoard, listSprints, type Board } from '../../../jira/agile';
import { mapWithConcurrency } from '../../../jira/concurrency';
import { MAX_REQUESTS_IN_FLIGHT } from '../../../jira/in-flight-limit';
import { isJiraError } from '../../../jira/jira-error';
import type { JiraTransport } from '../../../jira/jira-transport';
import { searchAllAs } from '../../../jira/search';
import { readEffectivePolicy } from '../../../storage/policy.store';
import { readProjectConfig } from '../../../storage/project-config.store';
import { listStakeholderUpdates } from '../../../storage/stakeholder-updates.store';
import { readAppliedPolicies, readStoredReports } from '../../../storage/support-records.store';
import { Refusal } from '../../refusal';
import { findingIssueSchema, NO_VULNERABILITIES, searchFindingCandidates, vulnerabilityFigures, type FindingIssue } from './support-health-vulnerabilities';
import type { HandlerContext } from '../../resolvers/resolver-definition';

/** Issues one period's search reads at most (50 pages). */
const PERIOD_ISSUE_LIMIT = 5_000;
const DAY_MS = 86_400_000;

/** A finding's fields, and what the criteria read: the issue type and labels. */
const periodIssueSchema = findingIssueSchema.extend({
  fields: findingIssueSchema.shape.fields.extend({
    issuetype: z.object({ name: z.string(), subtask: z.boolean().optional() }).loose().nullish(),
    labels: z.array(z.string()).nullish(),
  }),
});
type PeriodIssue = z.infer<typeof periodIssueSchema>;

/** The same criteria the share view uses: the gadget's own, else the project's defaults, else Firebreak's. */
const criteriaFor = async (own: SupportCriteria | null, projectKey: string): Promise<SupportCriteria> =>
  own ?? (await readProjectConfig(projectKey))?.config.supportCriteria ?? DEFAULT_SUPPORT_CRITERIA;

const visibleBoard = async (jira: JiraTransport, boardId: number): Promise<Board> => {
  try {
    return await getBoard(jira, boardId);
  } catch (error) {
    if (isJiraError(error) && (error.kind === 'not-found' || error.kind === 'forbidden')) {
      throw new Refusal('FORBIDDEN', `You don't have access to board ${String(boardId)}, or it doesn't exist. Choose another board in the gadget's settings.`);
    }
    throw error;
  }
};

/**
 * The board's last `count` sprints (active and closed, by start), or, on a Kanban board or one
 * that has no sprint yet, the last `count` ISO weeks. Jira answers a Kanban board's sprint list
 * with 400 "The board does not support sprints", so it is not asked.
 * @see https://developer.atlassian.com/cloud/jira/software/rest/api-group-board/#api-rest-agile-1-0-board-boardid-sprint-get
 */
const periodsFor = async (jira: JiraTransport, board: Board, count: number, now: string): Promise<{ readonly kind: 'sprint' | 'week'; readonly periods: HealthPeriod[] }> => {
  const weeks = { kind: 'week' as const, periods: lastWeeks(now, count) };
  if (board.type.toLowerCase() === 'kanban') return weeks;
  let sprints;
  try {
    sprints = await listSprints(jira, board.id);
  } catch (error) {
    if (isJiraError(error) && error.kind === 'bad-request') return weeks;
    throw error;
  }
  const periods = sprints
    .filter((sprint) => sprint.startDate !== undefined && (sprint.state === 'active' || sprint.state === 'closed'))
    .map((sprint): HealthPeriod => ({ name: sprint.name, start: sprint.startDate ?? now, end: sprint.completeDate ?? sprint.endDate ?? now, state: sprint.state === 'active' ? 'active' : 'closed' }))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
    .slice(-count);
  return periods.length === 0 ? weeks : { kind: 'sprint', periods };
};

/** `yyyy-MM-dd` of an instant shifted by whole days. */
const dayOf = (iso: string, shiftDays: number): string => new Date(Date.parse(iso) + shiftDays * DAY_MS).toISOString().slice(0, 10);

/**
 * JQL for the issues that arrived or were resolved in a span. Jira reads JQL dates in the
 * searcher's time zone, which the app does not know: so the days asked for reach a day either side
 * (every zone is within 14 hours of UTC), and the domain keeps the exact window by instant.
 * @see https://support.atlassian.com/jira-software-cloud/docs/jql-fields/#Created
 */
const spanJql = (projectKey: string, start: string, end: string): string => {
  const from = `"${dayOf(start, -1)}"`;
  const to = `"${dayOf(end, 2)}"`;
  return `project = "${projectKey}" AND ((created >= ${from} AND created < ${to}) OR (resolutiondate >= ${from} AND resolutiondate < ${to}))`;
};

const searchSpan = (jira: JiraTransport, jql: string, fields: readonly string[]): Promise<PeriodIssue[]> => searchAllAs(jira, periodIssueSchema, jql, fields, [], PERIOD_ISSUE_LIMIT);

/**
 * Whether a JQL clause keeps to its own parentheses (quoted text aside). `X) OR (Y` would close the
 * project-and-period filter it is ANDed with and match issues anywhere, at the cost of every page.
 */
export const keepsToItsParentheses = (clause: string): boolean => {
  let depth = 0;
  let quote: string | null = null;
  for (let index = 0; index < clause.length; index += 1) {
    const char = clause.charAt(index);
    if (quote !== null) {
      if (char === '\\') index += 1;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '(') depth += 1;
    else if (char === ')') {
      depth -= 1;
      if (depth < 0) return false;
    }
  }
  return depth === 0 && quote === null;
};

/** Keys of the range's issues the criteria's JQL clause matches: one search for every period together, as the viewer. */
const jqlMatches = async (jira: JiraTransport, projectKey: string, periods: readonly HealthPeriod[], criteria: SupportCriteria): Promise<ReadonlySet<string>> => {
  const clause = criteria.jql?.trim() ?? '';
  const first = periods[0];
  const last = periods.at(-1);
  if (clause === '' || first === undefined || last === undefined) return new Set();
  if (!keepsToItsParentheses(clause)) {
    throw new Refusal('INVALID_INPUT', 'The JQL clause for what counts as support has a parenthesis or quote that is not closed (or closes one it did not open). Fix it in the gadget’s settings.', 'criteria.jql');
  }
  try {
    return new Set((await searchSpan(jira, `${spanJql(projectKey, first.start, last.end)} AND (${clause})`, ['created'])).map((issue) => issue.key));
  } catch (error) {
    if (isJiraError(error) && error.kind === 'bad-request') {
      throw new Refusal('INVALID_INPUT', `The JQL clause for what counts as support is not valid: ${error.jiraMessages.join(' ')} Fix it in the gadget's settings.`, 'criteria.jql');
    }
    throw error;
  }
};

/** An issue as health counts it, from Jira's fields (as the viewer) and the app's own records. */
const toRecord = (issue: PeriodIssue, report: StoredReport | null, policy: AppliedPolicyState | null): SupportRecord => {
  const decision = decidedSeverityOf(report);
  return {
    key: issue.key,
    createdAt: issue.fields.created,
    resolvedAt: issue.fields.resolutiondate ?? null,
    severity: decision?.level ?? null,
    kind: report?.classification?.kind ?? null,
    guideline: decision === undefined || policy === null ? null : { decisionAt: policy.decisionAt, dueAt: policy.responseDueAt, firstResponseAt: policy.firstResponseAt ?? null },
    waiting: (report?.sendBacks ?? []).map((sendBack) => ({ from: sendBack.sentAt, to: sendBack.returnedAt ?? null })),
  };
};

const kindNames: Readonly<Record<string, string>> = TRIAGE_LABELS.kind;

type ViewPeriod = SupportHealthView['periods'][number];

/**
 * A period's figures by name: severities in the policy's order (most severe first), then levels a
 * scale change removed (by their recorded name), then issues never decided.
 */
const namePeriod = (health: PeriodHealth, levels: readonly NamedLevel[], recordedNames: ReadonlyMap<string, string>): ViewPeriod => {
  const named = health.bySeverity.map((row) => {
    const naming = row.severity === null ? null : nameSeverity(levels, row.severity, recordedNames.get(row.severity));
    const { severity, ...figures } = row;
    return { id: severity ?? HEALTH_NOT_DECIDED, name: naming?.text ?? 'Not decided', rank: naming?.rank ?? null, decided: severity !== null, ...figures };
  });
  const order = (row: (typeof named)[number]): [number, number, string] => [row.decided ? 0 : 1, row.rank ?? Number.MAX_SAFE_INTEGER, row.name];
  const bySeverity = named
    .sort((a, b) => {
      const [x, y] = [order(a), order(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2].localeCompare(y[2]);
    })
    .map(({ decided: _decided, ...row }) => row);
  const byKind = health.byKind
    .map((row) => ({ id: row.kind ?? HEALTH_NOT_DECIDED, name: row.kind === null ? 'Not classified' : (kindNames[row.kind] ?? row.kind), arrived: row.arrived, resolved: row.resolved }))
    .sort((a, b) => Number(a.id === HEALTH_NOT_DECIDED) - Number(b.id === HEALTH_NOT_DECIDED) || b.arrived + b.resolved - (a.arrived + a.resolved));
  return { ...health.period, arrived: health.arrived, resolved: health.resolved, compliance: health.compliance, bySeverity, byKind };
};

type UpdatesFigures = SupportHealthView['updates'];

const NO_UPDATES: UpdatesFigures = { incidents: [], unlisted: 0, total: { incidents: 0, due: 0, onTime: 0, share: null } };

/**
 * updates part (issue 16): on-time stakeholder updates per incident, for the support issues found
 * (so only issues the viewer may browse) whose decided level (the applied policy, app storage) has an
 * update cadence and direct updates in the policy in force; a level without them owes no updates and
 * is not counted. The updates are the app's kept record, only those Jira sent; counting stops at the
 * issue's resolution, or now.
 */
const updatesFigures = async (
  support: readonly PeriodIssue[],
  policies: ReadonlyMap<string, AppliedPolicyState>,
  levels: readonly PolicyLevel[],
  now: string,
): Promise<UpdatesFigures> => {
  const owing = support.flatMap((issue) => {
    const state = policies.get(issue.id);
    const level = state === undefined ? undefined : levels.find((candidate) => candidate.id === state.level);
    if (state === undefined || level === undefined || level.updateCadenceMinutes === null || whyNoDirectUpdates(level) !== null) return [];
    return [{ issue, state, level, cadence: level.updateCadenceMinutes }];
  });
  if (owing.length === 0) return NO_UPDATES;
  const rows = await mapWithConcurrency(owing, MAX_REQUESTS_IN_FLIGHT, async ({ issue, state, level, cadence }) => {
    const sent = (await listStakeholderUpdates(issue.id)).filter((update) => update.status === 'sent' && update.kind !== 'closing');
    const figures = updatePunctuality({ decisionAt: state.decisionAt, cadenceMinutes: cadence, updates: sent, endAt: issue.fields.resolutiondate ?? now });
    return { created: issue.fields.created, row: { key: issue.key, summary: issue.fields.summary ?? issue.key, levelName: level.name, ...figures, share: punctualityShare(figures) } };
  });
  const sorted = rows.sort((a, b) => Date.parse(b.created) - Date.parse(a.created) || b.row.key.localeCompare(a.row.key)).map(({ row }) => row);
  const due = sorted.reduce((sum, row) => sum + row.due, 0);
  const onTime = sorted.reduce((sum, row) => sum + row.onTime, 0);
  return {
    incidents: sorted.slice(0, HEALTH_LIMITS.updateIncidentsListed),
    unlisted: Math.max(sorted.length - HEALTH_LIMITS.updateIncidentsListed, 0),
    total: { incidents: sorted.length, due, onTime, share: punctualityShare({ due, onTime }) },
  };
};

const NOTES = {
  counted: 'Arrived: created in the period; resolved: resolved in it. Support issues are the ones the share view counts (project settings, or this gadget’s own criteria). Only issues you may browse are counted.',
  guideline:
    'A guideline date is the first response time Firebreak set when the severity was decided; it is met when someone commented (or resolved the issue) by then, time waiting for the reporter left out. Open issues count once their date has passed; until then they are pending.',
  times: 'Acknowledge: from arrival to the first response. Resolve: from arrival to resolution. Both leave out time waiting for the reporter.',
  weeks: 'This board has no sprints, so health is shown by week (Monday to Monday, UTC).',
  updates:
    'Stakeholder updates: incidents whose severity has an update cadence and direct updates. Each update sent answers the due time in force (a cadence after the decision, then the time the previous update promised) and is on time if sent by then; a due time that passed with no update before the incident was resolved (or now) counts as due and missed.',
  vulnerabilities:
    'Vulnerabilities: the security findings Firebreak opened from an advisory source, whether or not they count as support. Each is due a remediation window after it was first reported, the window of its decided severity in the source’s settings (as they are now), and is fixed in time when resolved by the end of that day (UTC). Firebreak judges by its own record, not by the issue’s Due date, which anyone who may edit the issue can change. Counted: resolved in these periods, due in them, or open past due now.',
} as const;

/**
 * Support health for a board, computed as the viewer: one JQL search per period (so an issue the
 * viewer may not browse is never counted), one more for the criteria's JQL clause when there is one,
 * then the app's own records of the issues found (severity, kind, guideline date, first response,
 * waiting time) in storage batches. No changelog is read: what the figures need is in those records
 * and the issues' `created` and `resolutiondate`.
 */
export const computeSupportHealth = async (payload: SupportHealthPayload, handler: HandlerContext): Promise<SupportHealthView> => {
  const jira = handler.jira.asUser;
  const now = handler.now().toISOString();
  const board = await visibleBoard(jira, payload.boardId);
  const boardRef = { id: board.id, name: board.name, projectKey: board.projectKey };
  const empty = (periodKind: 'sprint' | 'week', sentence: string): SupportHealthView => ({
    board: boardRef,
    periodKind,
    aim: HEALTH_COMPLIANCE_AIM,
    empty: sentence,
    periods: [],
    overall: { met: 0, breached: 0, pending: 0, share: null },
    updates: NO_UPDATES,
    vulnerabilities: NO_VULNERABILITIES,
    notes: [],
  });
  const projectKey = board.projectKey;
  if (projectKey === null) return empty('sprint', `${board.name} is not a board of one project, and support health is counted per project. Choose a project’s board in the gadget’s settings.`);

  const { kind, periods } = await periodsFor(jira, board, payload.periods, now);
  const criteria = await criteriaFor(payload.criteria, projectKey);
  const fields = ['issuetype', 'labels', 'summary', 'created', 'resolutiondate', 'duedate'];
  const [found, matched, { policy }, findingCandidates] = await Promise.all([
    mapWithConcurrency(periods, MAX_REQUESTS_IN_FLIGHT - 2, (period) => searchSpan(jira, spanJql(projectKey, period.start, period.end), fields)),
    jqlMatches(jira, projectKey, periods, criteria),
    readEffectivePolicy(projectKey),
    periods[0] === undefined ? Promise.resolve([]) : searchFindingCandidates(jira, projectKey, periods[0].start),
  ]);
  // Sub-tasks are part of their parent's work, not support that arrived on its own.
  const issues = new Map(found.flat().filter((issue) => issue.fields.issuetype?.subtask !== true).map((issue) => [issue.id, issue]));
  // Reports first (they say what is support), then the applied policies of the support issues only.
  const reports = await readStoredReports([...issues.keys()]);
  const support = [...issues.values()].filter((issue) => {
    const classification = reports.get(issue.id)?.classification ?? null;
    return (
      matched.has(issue.key) ||
      isSupportIssue({ kind: classification?.kind ?? null, classOfService: classification?.classOfService ?? null, issueType: issue.fields.issuetype?.name ?? '', labels: issue.fields.labels ?? [] }, criteria)
    );
  });
  const policies = await readAppliedPolicies(support.map((issue) => issue.id));
  const records = support.map((issue) => {
    const report = reports.get(issue.id) ?? null;
    return { record: toRecord(issue, report, policies.get(issue.id) ?? null), levelName: decidedSeverityOf(report)?.levelName };
  });
  const recordedNames = new Map(records.flatMap(({ record, levelName }) => (record.severity === null || levelName === undefined ? [] : [[record.severity, levelName] as const])));
  const counted = records.map(({ record }) => record);
  const health = periods.map((period) => periodHealth(period, counted, now));
  const updates = await updatesFigures(support, policies, policy.levels, now);
  // Findings are counted whether or not the criteria call them support: a vulnerability is owed its fix either way.
  const raisedBySecurityReport: FindingIssue[] = [...issues.values()].filter((issue) => reports.get(issue.id)?.fields.raisedVia === 'security-report');
  const vulnerabilities = await vulnerabilityFigures({ candidates: [...findingCandidates, ...raisedBySecurityReport], reports, periods, levels: policy.levels, now });
  return {
    board: boardRef,
    periodKind: kind,
    aim: HEALTH_COMPLIANCE_AIM,
    empty: null,
    periods: health.map((period) => namePeriod(period, policy.levels, recordedNames)),
    overall: overallCompliance(periods, counted, now),
    updates,
    vulnerabilities,
    notes: [
      ...(kind === 'week' ? [NOTES.weeks] : []),
      NOTES.counted,
      NOTES.guideline,
      NOTES.times,
      ...(updates.total.incidents === 0 ? [] : [NOTES.updates]),
      ...(vulnerabilities.levels.length === 0 ? [] : [NOTES.vulnerabilities]),
    ],
  };
};
