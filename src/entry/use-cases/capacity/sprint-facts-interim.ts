/**
 * INTERIM (replaced by `sprint-facts-source.ts` when the data layer lands): a sprint's planned
 * issues only, classified from the report property's search copy.
 */
import type { SprintWindow } from '../../../domain/capacity/capacity';
import type { FactIssue, SprintFacts } from '../../../domain/capacity/sprint-facts';
import type { Board } from '../../../jira/agile';
import { searchSprintIssues } from '../../../jira/sprint-issues';
import type { HandlerContext } from '../../resolvers/resolver-definition';

export interface FactsRequest {
  readonly board: Board;
  readonly window: SprintWindow;
  readonly pointsField: string | null;
  readonly jql: string | null;
  readonly refresh?: boolean;
}

export const readSprintFacts = async (handler: HandlerContext, request: FactsRequest): Promise<{ facts: SprintFacts; fromCache: boolean }> => {
  const found = await searchSprintIssues(handler.jira.asUser, request.window.id, { pointsField: request.pointsField, worklogs: true });
  const start = Date.parse(request.window.start);
  const end = Date.parse(request.window.end);
  const planned: FactIssue[] = found.map((issue) => {
    const inside = issue.worklogs.filter((worklog) => Date.parse(worklog.started) >= start && Date.parse(worklog.started) < end);
    const search = issue.report?.search;
    return {
      id: issue.key,
      key: issue.key,
      projectKey: issue.key.split('-')[0] ?? '',
      summary: issue.summary,
      issueType: issue.issueType,
      isSubtask: issue.isSubtask,
      parentKey: issue.parentKey,
      labels: issue.labels,
      storyPoints: issue.storyPoints,
      resolvedAt: null,
      severity: search?.decidedSeverity ?? search?.reporterSeverity ?? null,
      kind: search?.kind ?? null,
      classOfService: search?.classOfService ?? null,
      worklogs: inside.map((worklog) => ({ authorId: 'unknown', authorName: 'Someone', started: worklog.started, seconds: worklog.seconds })),
      worklogsOutside: issue.worklogs.length - inside.length,
    };
  });
  return {
    facts: { sprint: request.window, planned, unplanned: [], team: { source: 'worklog-authors', groupName: null, members: [] }, matchedByJql: [], readAt: handler.now().toISOString() },
    fromCache: false,
  };
};
