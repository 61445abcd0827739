/**
 * What Jira and the app's storage say about one sprint, before any measure is applied: the raw
 * material every capacity figure is computed from (pure functions in this folder). Measure- and
 * criteria-independent, so one read serves the time, points and count views and survives a change
 * of what counts as support (except a JQL criterion, whose matches are recorded per clause).
 */
import type { SprintWindow } from './capacity';

/** One worklog started inside the sprint window (worklogs outside it are not kept). */
export interface FactWorklog {
  readonly authorId: string;
  readonly authorName: string;
  readonly started: string;
  readonly seconds: number;
}

export interface FactIssue {
  readonly id: string;
  readonly key: string;
  readonly projectKey: string;
  readonly summary: string;
  readonly issueType: string;
  readonly isSubtask: boolean;
  readonly parentKey: string | null;
  readonly labels: readonly string[];
  /** The board's estimation field; null when not estimated. */
  readonly storyPoints: number | null;
  /** When Jira says the issue was resolved (`resolutiondate`); null while unresolved. */
  readonly resolvedAt: string | null;
  /**
   * From the app's own record of the issue (the `issue-report` entity), never from the issue
   * property anyone with Edit issues can write: the decided severity (else the reporter's pick),
   * the kind and the class of service. null when the app holds none.
   */
  readonly severity: string | null;
  readonly kind: string | null;
  readonly classOfService: string | null;
  /** Worklogs started inside the window; for unplanned issues only those by the team. */
  readonly worklogs: readonly FactWorklog[];
  /** Outside the window, how many worklogs the issue has (for the "logged outside" note). */
  readonly worklogsOutside: number;
}

export interface TeamMember {
  readonly accountId: string;
  readonly displayName: string;
}

/**
 * Who "the team" is for the unplanned queue: the people who logged work on the sprint's issues
 * during the window, or the members of a Jira group the project settings name.
 */
export interface TeamFacts {
  readonly source: 'worklog-authors' | 'group';
  /** The group's name when `source` is `group`. */
  readonly groupName: string | null;
  readonly members: readonly TeamMember[];
}

export interface SprintFacts {
  readonly sprint: SprintWindow;
  /** The sprint's issues as Jira keeps them (carried-over ones included). */
  readonly planned: readonly FactIssue[];
  /**
   * Issues outside the sprint on which team members logged work during the window (support or not:
   * what counts as support is decided when figures are computed).
   */
  readonly unplanned: readonly FactIssue[];
  readonly team: TeamFacts;
  /** Keys the support criteria's JQL clause matched, when the criteria have one. */
  readonly matchedByJql: readonly string[];
  /** When these facts were read from Jira (ISO instant). */
  readonly readAt: string;
}
