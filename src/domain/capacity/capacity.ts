/**
 * What share of a sprint went to production support, counting both queues it comes from: support
 * issues inside the sprint (planned) and the team's work on support issues outside it during the
 * sprint's window (unplanned: incidents are usually handled from their own queue and never enter a
 * sprint). Pure: the caller brings the sprint's facts (`sprint-facts.ts`).
 */
import { emptyNote } from './capacity-notes';
import type { FactIssue, SprintFacts } from './sprint-facts';

export type CapacityMeasure = 'time' | 'points' | 'count';

export interface SprintWindow {
  readonly id: number;
  readonly name: string;
  /** ISO instants; `end` is the completion time for closed sprints, else the planned end. */
  readonly start: string;
  readonly end: string;
  readonly state: 'active' | 'closed' | 'future';
}

/** What counts as production support: any one criterion matching is enough. */
export interface SupportCriteria {
  readonly kinds: readonly string[];
  readonly classesOfService: readonly string[];
  readonly issueTypes: readonly string[];
  readonly labels: readonly string[];
  /** A JQL clause; its matches arrive as the facts' `matchedByJql` keys, since JQL runs in Jira. */
  readonly jql?: string | undefined;
}

/** The contract owns the default, so the gadget's editor starts from the same set the backend applies. */
export { DEFAULT_SUPPORT_CRITERIA } from '../../contract/capacity.values';

export const isSupportIssue = (issue: Pick<FactIssue, 'kind' | 'classOfService' | 'issueType' | 'labels'>, criteria: SupportCriteria): boolean =>
  (issue.kind !== null && criteria.kinds.includes(issue.kind)) ||
  (issue.classOfService !== null && criteria.classesOfService.includes(issue.classOfService)) ||
  criteria.issueTypes.some((type) => type.toLowerCase() === issue.issueType.toLowerCase()) ||
  issue.labels.some((label) => criteria.labels.includes(label));

/** The breakdowns' key for support work with no severity (or no kind) yet. */
export const UNCLASSIFIED = 'unclassified';

export type Queue = 'planned' | 'unplanned';

export interface CountedIssue {
  readonly key: string;
  readonly queue: Queue;
  readonly value: number;
  readonly support: boolean;
  readonly severity: string | null;
  readonly kind: string | null;
}

/** One person's time in the window: on support (both queues) and in all (the sprint's issues and unplanned support). */
export interface PersonLoad {
  readonly accountId: string;
  readonly displayName: string;
  readonly supportSeconds: number;
  readonly totalSeconds: number;
}

/** Committed and completed work of the sprint's own issues, in the measure's unit (null for time: time is what was done). */
export interface SprintVelocity {
  /** Everything in the sprint as Jira keeps it, carried-over issues included. */
  readonly committed: number | null;
  /** Issues resolved inside the sprint window. */
  readonly completed: number | null;
  /** Of the completed: work that is not production support. */
  readonly completedFeature: number | null;
  /** Production support issues in the sprint's plan (sub-tasks count under their parent). */
  readonly supportItemsPlanned: number;
}

export interface SprintShare {
  readonly sprint: SprintWindow;
  readonly measure: CapacityMeasure;
  /** Support work inside the sprint, and all work of the sprint's issues, in the measure's unit. */
  readonly planned: { readonly support: number; readonly total: number };
  /** The team's support work outside the sprint during its window. */
  readonly unplanned: { readonly support: number };
  /** planned.support + unplanned.support, and planned.total + unplanned.support. */
  readonly support: number;
  readonly total: number;
  /** support / total, or null when nothing was measured (and `notes` says why). */
  readonly share: number | null;
  readonly bySeverity: Readonly<Record<string, number>>;
  readonly byKind: Readonly<Record<string, number>>;
  readonly counted: readonly CountedIssue[];
  readonly people: readonly PersonLoad[];
  readonly velocity: SprintVelocity;
  /** Plain sentences about what was counted, what was left out and why. */
  readonly notes: readonly string[];
}

const within = (instant: string, sprint: SprintWindow): boolean => {
  const at = Date.parse(instant);
  return at >= Date.parse(sprint.start) && at < Date.parse(sprint.end);
};

interface Classified {
  readonly support: boolean;
  readonly severity: string | null;
  readonly kind: string | null;
}

/**
 * A sub-task is support when its parent is: its own report is usually empty, and the work it logs
 * is for the parent's cause.
 */
const classifier = (issues: readonly FactIssue[], criteria: SupportCriteria, matchedByJql: ReadonlySet<string>) => {
  const byKey = new Map(issues.map((issue) => [issue.key, issue]));
  const matches = (candidate: FactIssue): boolean => isSupportIssue(candidate, criteria) || matchedByJql.has(candidate.key);
  return (issue: FactIssue): Classified => {
    const parent = issue.isSubtask && issue.parentKey !== null ? byKey.get(issue.parentKey) : undefined;
    const source = parent !== undefined && issue.kind === null && issue.severity === null ? parent : issue;
    return { support: matches(source) || (parent !== undefined && matches(parent)), severity: source.severity, kind: source.kind };
  };
};

const loggedSeconds = (issue: FactIssue): number => issue.worklogs.reduce((total, worklog) => total + worklog.seconds, 0);

const resolvedInWindow = (issue: FactIssue, sprint: SprintWindow): boolean => issue.resolvedAt !== null && within(issue.resolvedAt, sprint);

/** The issue a piece of work belongs to for counting issues: a sub-task counts as its parent. */
const countedAs = (issue: FactIssue): string => (issue.isSubtask && issue.parentKey !== null ? issue.parentKey : issue.key);

const plural = (count: number, one: string, many: string): string => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;


/** Values per issue for one queue, in the measure's unit; null = no estimate (left out, not zero). */
const plannedValue = (issue: FactIssue, measure: CapacityMeasure): number | null => {
  switch (measure) {
    case 'time':
      return loggedSeconds(issue);
    case 'points':
      // Jira Software estimates stories, not sub-tasks.
      return issue.isSubtask ? 0 : issue.storyPoints;
    case 'count':
      return issue.isSubtask ? 0 : 1;
  }
};

/**
 * Unplanned support in the measure's unit: the team's time on it; the issues worked on (a sub-task
 * counts as its parent, once); or the estimates of those resolved inside the window.
 */
const unplannedValue = (issue: FactIssue, measure: CapacityMeasure, sprint: SprintWindow, seen: Set<string>): number | null => {
  switch (measure) {
    case 'time':
      return loggedSeconds(issue);
    case 'points':
      if (issue.isSubtask || !resolvedInWindow(issue, sprint)) return 0;
      return issue.storyPoints;
    case 'count': {
      const key = countedAs(issue);
      if (loggedSeconds(issue) === 0 || seen.has(key)) return 0;
      seen.add(key);
      return 1;
    }
  }
};

const velocityOf = (planned: readonly FactIssue[], classify: (issue: FactIssue) => Classified, measure: CapacityMeasure, sprint: SprintWindow): SprintVelocity => {
  const stories = planned.filter((issue) => !issue.isSubtask);
  const supportItemsPlanned = new Set(planned.filter((issue) => classify(issue).support).map(countedAs)).size;
  if (measure === 'time') return { committed: null, completed: null, completedFeature: null, supportItemsPlanned };
  const size = (issue: FactIssue): number => (measure === 'points' ? (issue.storyPoints ?? 0) : 1);
  const completed = stories.filter((issue) => resolvedInWindow(issue, sprint));
  return {
    committed: stories.reduce((sum, issue) => sum + size(issue), 0),
    completed: completed.reduce((sum, issue) => sum + size(issue), 0),
    completedFeature: completed.filter((issue) => !classify(issue).support).reduce((sum, issue) => sum + size(issue), 0),
    supportItemsPlanned,
  };
};

const peopleOf = (planned: readonly FactIssue[], unplannedSupport: readonly FactIssue[], classify: (issue: FactIssue) => Classified): PersonLoad[] => {
  const people = new Map<string, { displayName: string; supportSeconds: number; totalSeconds: number }>();
  const add = (issue: FactIssue, support: boolean): void => {
    for (const worklog of issue.worklogs) {
      const person = people.get(worklog.authorId) ?? { displayName: worklog.authorName, supportSeconds: 0, totalSeconds: 0 };
      person.totalSeconds += worklog.seconds;
      if (support) person.supportSeconds += worklog.seconds;
      people.set(worklog.authorId, person);
    }
  };
  for (const issue of planned) add(issue, classify(issue).support);
  for (const issue of unplannedSupport) add(issue, true);
  return [...people.entries()]
    .map(([accountId, person]) => ({ accountId, ...person }))
    .sort((a, b) => b.supportSeconds - a.supportSeconds || a.displayName.localeCompare(b.displayName));
};

export const computeSprintShare = (facts: SprintFacts, measure: CapacityMeasure, criteria: SupportCriteria): SprintShare => {
  const { sprint } = facts;
  const matchedByJql = new Set(facts.matchedByJql);
  const classifyPlanned = classifier(facts.planned, criteria, matchedByJql);
  const classifyUnplanned = classifier([...facts.unplanned, ...facts.planned], criteria, matchedByJql);
  const counted: CountedIssue[] = [];
  const bySeverity: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  const planned = { support: 0, total: 0 };
  const unplanned = { support: 0 };
  let unestimated = 0;
  let unestimatedUnplanned = 0;
  let loggedOutside = 0;

  const addSupport = (classified: Classified, value: number): void => {
    const severityKey = classified.severity ?? UNCLASSIFIED;
    const kindKey = classified.kind ?? UNCLASSIFIED;
    bySeverity[severityKey] = (bySeverity[severityKey] ?? 0) + value;
    byKind[kindKey] = (byKind[kindKey] ?? 0) + value;
  };

  for (const issue of facts.planned) {
    if (measure === 'time') loggedOutside += issue.worklogsOutside;
    const value = plannedValue(issue, measure);
    if (value === null) {
      unestimated += 1;
      continue;
    }
    if (value === 0) continue;
    const classified = classifyPlanned(issue);
    counted.push({ key: issue.key, queue: 'planned', value, support: classified.support, severity: classified.severity, kind: classified.kind });
    planned.total += value;
    if (!classified.support) continue;
    planned.support += value;
    addSupport(classified, value);
  }

  const unplannedSupport = facts.unplanned.filter((issue) => classifyUnplanned(issue).support);
  const seen = new Set<string>();
  for (const issue of unplannedSupport) {
    const value = unplannedValue(issue, measure, sprint, seen);
    if (value === null) {
      unestimatedUnplanned += 1;
      continue;
    }
    if (value === 0) continue;
    const classified = classifyUnplanned(issue);
    counted.push({ key: issue.key, queue: 'unplanned', value, support: true, severity: classified.severity, kind: classified.kind });
    unplanned.support += value;
    addSupport(classified, value);
  }

  const support = planned.support + unplanned.support;
  const total = planned.total + unplanned.support;
  const notes: string[] = [];
  if (unestimated > 0) notes.push(`${plural(unestimated, 'issue in the sprint has', 'issues in the sprint have')} no story points and ${unestimated === 1 ? 'is' : 'are'} not counted.`);
  if (unestimatedUnplanned > 0) {
    notes.push(`${plural(unestimatedUnplanned, 'support issue', 'support issues')} resolved outside the sprint ${unestimatedUnplanned === 1 ? 'has' : 'have'} no story points and ${unestimatedUnplanned === 1 ? 'is' : 'are'} not counted; choose time to see that work.`);
  }
  if (loggedOutside > 0) notes.push(`${plural(loggedOutside, 'worklog was', 'worklogs were')} logged outside the sprint window and ${loggedOutside === 1 ? 'is' : 'are'} not counted.`);
  if (total === 0) notes.push(emptyNote(measure, sprint.state));
  return {
    sprint,
    measure,
    planned,
    unplanned,
    support,
    total,
    share: total === 0 ? null : support / total,
    bySeverity,
    byKind,
    counted,
    people: peopleOf(facts.planned, unplannedSupport, classifyUnplanned),
    velocity: velocityOf(facts.planned, classifyPlanned, measure, sprint),
    notes,
  };
};
