/**
 * What share of a sprint went to production support, by three measures. Pure: the caller brings the
 * sprint window and the issues with their worklogs, estimates and classification.
 */

export type CapacityMeasure = 'time' | 'points' | 'count';

export interface SprintWindow {
  readonly id: number;
  readonly name: string;
  /** ISO instants; `end` is the completion time for closed sprints, else the planned end. */
  readonly start: string;
  readonly end: string;
  readonly state: 'active' | 'closed' | 'future';
}

export interface Worklog {
  readonly started: string;
  readonly seconds: number;
}

export interface SprintIssue {
  readonly key: string;
  readonly issueType: string;
  readonly isSubtask: boolean;
  readonly parentKey: string | null;
  readonly labels: readonly string[];
  readonly storyPoints: number | null;
  /** From the production report: the decided severity (or the reporter's pick), kind and class of service. */
  readonly severity: string | null;
  readonly kind: string | null;
  readonly classOfService: string | null;
  readonly worklogs: readonly Worklog[];
}

/** What counts as production support: any one criterion matching is enough. */
export interface SupportCriteria {
  readonly kinds: readonly string[];
  readonly classesOfService: readonly string[];
  readonly issueTypes: readonly string[];
  readonly labels: readonly string[];
  /** A JQL clause; its matches arrive as `matchedByJql` keys, since JQL runs in Jira. */
  readonly jql?: string | undefined;
}

/** The contract owns the default, so the gadget's editor starts from the same set the backend applies. */
export { DEFAULT_SUPPORT_CRITERIA } from '../../contract/capacity.values';

export const isSupportIssue = (issue: Pick<SprintIssue, 'kind' | 'classOfService' | 'issueType' | 'labels'>, criteria: SupportCriteria): boolean =>
  (issue.kind !== null && criteria.kinds.includes(issue.kind)) ||
  (issue.classOfService !== null && criteria.classesOfService.includes(issue.classOfService)) ||
  criteria.issueTypes.some((type) => type.toLowerCase() === issue.issueType.toLowerCase()) ||
  issue.labels.some((label) => criteria.labels.includes(label));

/** The breakdowns' key for support work with no severity (or no kind) yet. */
export const UNCLASSIFIED = 'unclassified';

export interface CountedIssue {
  readonly key: string;
  readonly value: number;
  readonly support: boolean;
  readonly severity: string | null;
  readonly kind: string | null;
}

export interface SprintShare {
  readonly sprint: SprintWindow;
  readonly measure: CapacityMeasure;
  /** Support work and all work, in the measure's unit (seconds, points or issues). */
  readonly support: number;
  readonly total: number;
  /** support / total, or null when nothing was measured (and `notes` says why). */
  readonly share: number | null;
  readonly bySeverity: Readonly<Record<string, number>>;
  readonly byKind: Readonly<Record<string, number>>;
  readonly counted: readonly CountedIssue[];
  /** Plain sentences about what was left out and why. */
  readonly notes: readonly string[];
}

const inWindow = (instant: string, sprint: SprintWindow): boolean => {
  const at = Date.parse(instant);
  return at >= Date.parse(sprint.start) && at < Date.parse(sprint.end);
};

/**
 * A sub-task is support when its parent is: its own report is usually empty, and the work it logs
 * is for the parent's cause.
 */
const classify = (
  issue: SprintIssue,
  byKey: ReadonlyMap<string, SprintIssue>,
  criteria: SupportCriteria,
  matchedByJql: ReadonlySet<string>,
): { support: boolean; severity: string | null; kind: string | null } => {
  const parent = issue.isSubtask && issue.parentKey !== null ? byKey.get(issue.parentKey) : undefined;
  const source = parent !== undefined && issue.kind === null && issue.severity === null ? parent : issue;
  const matches = (candidate: SprintIssue): boolean => isSupportIssue(candidate, criteria) || matchedByJql.has(candidate.key);
  return { support: matches(source) || (parent !== undefined && matches(parent)), severity: source.severity, kind: source.kind };
};

const valueOf = (issue: SprintIssue, sprint: SprintWindow, measure: CapacityMeasure): number | null => {
  switch (measure) {
    case 'time':
      return issue.worklogs.filter((worklog) => inWindow(worklog.started, sprint)).reduce((total, worklog) => total + worklog.seconds, 0);
    case 'points':
      // Jira Software estimates stories, not sub-tasks; a missing estimate is left out, not zero.
      return issue.isSubtask ? 0 : issue.storyPoints;
    case 'count':
      return issue.isSubtask ? 0 : 1;
  }
};

const UNIT: Readonly<Record<CapacityMeasure, string>> = { time: 'time logged', points: 'story points', count: 'issues' };

export const computeSprintShare = (
  sprint: SprintWindow,
  issues: readonly SprintIssue[],
  measure: CapacityMeasure,
  criteria: SupportCriteria,
  matchedByJql: ReadonlySet<string> = new Set(),
): SprintShare => {
  const byKey = new Map(issues.map((issue) => [issue.key, issue]));
  const counted: CountedIssue[] = [];
  const bySeverity: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  let support = 0;
  let total = 0;
  let unestimated = 0;
  let loggedOutside = 0;

  for (const issue of issues) {
    const value = valueOf(issue, sprint, measure);
    if (measure === 'time') loggedOutside += issue.worklogs.filter((worklog) => !inWindow(worklog.started, sprint)).length;
    if (value === null) {
      unestimated += 1;
      continue;
    }
    if (value === 0) continue;
    const { support: isSupport, severity, kind } = classify(issue, byKey, criteria, matchedByJql);
    counted.push({ key: issue.key, value, support: isSupport, severity, kind });
    total += value;
    if (!isSupport) continue;
    support += value;
    const severityKey = severity ?? UNCLASSIFIED;
    const kindKey = kind ?? UNCLASSIFIED;
    bySeverity[severityKey] = (bySeverity[severityKey] ?? 0) + value;
    byKind[kindKey] = (byKind[kindKey] ?? 0) + value;
  }

  const notes: string[] = [];
  if (unestimated > 0) notes.push(`${String(unestimated)} issue${unestimated === 1 ? ' has' : 's have'} no story points and ${unestimated === 1 ? 'is' : 'are'} not counted.`);
  if (loggedOutside > 0) notes.push(`${String(loggedOutside)} worklog${loggedOutside === 1 ? ' was' : 's were'} logged outside the sprint window and ${loggedOutside === 1 ? 'is' : 'are'} not counted.`);
  if (total === 0) notes.push(`No ${UNIT[measure]} in this sprint yet, so there is no share to show.`);
  return { sprint, measure, support, total, share: total === 0 ? null : support / total, bySeverity, byKind, counted, notes };
};

export interface PlanningAid {
  readonly sprints: number;
  /** Average share of support work over the sprints that had any measure. */
  readonly averageShare: number | null;
  /** Average total per sprint, in the measure's unit. */
  readonly averageTotal: number | null;
  /** What to plan as feature work next sprint: the average total less the average support share. */
  readonly suggestedFeatureCapacity: number | null;
}

/** "Last 3 sprints averaged 62 points with 18% on support; plan 51 points of feature work." */
export const planNextSprint = (closed: readonly SprintShare[]): PlanningAid => {
  const measured = closed.filter((share) => share.share !== null);
  if (measured.length === 0) return { sprints: 0, averageShare: null, averageTotal: null, suggestedFeatureCapacity: null };
  const averageTotal = measured.reduce((sum, share) => sum + share.total, 0) / measured.length;
  const averageShare = measured.reduce((sum, share) => sum + (share.share ?? 0), 0) / measured.length;
  return { sprints: measured.length, averageShare, averageTotal, suggestedFeatureCapacity: Math.floor(averageTotal * (1 - averageShare)) };
};
