import { InvocationError } from '@forge/events';
import { z } from 'zod';

import { markIssueFactsStale } from '../../storage/sprint-facts.store';
import { retryFor } from './on-issue-event.handler';

/**
 * The parts of Forge's worklog and issue events that say which cached capacity facts may be wrong.
 * Worklog events carry the worklog (its `issueId`, `started`); `avi:jira:deleted:worklog` carries it
 * as it was, `avi:jira:updated:worklog` as it is now (the old start is not sent, so the issue itself
 * is marked too, which covers the sprints it was in).
 * @see https://developer.atlassian.com/platform/forge/events-reference/jira/#issue-worklog-events
 * @see https://developer.atlassian.com/platform/forge/events-reference/jira/#issue-events
 */
const factsEventSchema = z
  .object({
    eventType: z.string(),
    issue: z.object({ id: z.string() }).loose().optional(),
    worklog: z.object({ issueId: z.union([z.string(), z.number()]).optional(), started: z.string().optional() }).loose().optional(),
    changelog: z.object({ items: z.array(z.object({ field: z.string().optional(), fieldId: z.string().optional() }).loose()).default([]) }).loose().optional(),
    retryContext: z.object({ retryCount: z.number() }).loose().optional(),
  })
  .loose();

/**
 * Changelog fields a capacity fact is read from: sprint membership, resolution, estimate (a custom
 * field, under a different id on every site), and what names or places the issue. A status change
 * alone, a comment or a description edit leaves every figure as it was.
 */
const FACT_FIELDS = new Set(['sprint', 'resolution', 'resolutiondate', 'summary', 'issuetype', 'labels', 'parent', 'parent issue', 'issueparentassociation', 'project', 'key', 'security', 'timespent', 'worklogid', 'story points', 'story point estimate']);

export const changesFacts = (items: ReadonlyArray<{ readonly field?: string | undefined; readonly fieldId?: string | undefined }>): boolean =>
  items.some((item) => FACT_FIELDS.has((item.field ?? '').toLowerCase()) || FACT_FIELDS.has((item.fieldId ?? '').toLowerCase()) || (item.fieldId ?? '').startsWith('customfield_'));

/**
 * Marks the facts an event may have changed as stale (`markIssueFactsStale`): the next view of a
 * cached closed sprint holding the issue, or whose window holds the worklog's day, reads it again.
 * A storage failure worth another attempt is returned as an `InvocationError` (Forge retries it).
 */
export const onFactsEvent = async (payload: unknown): Promise<InvocationError | undefined> => {
  const event = factsEventSchema.parse(payload);
  const retryCount = event.retryContext?.retryCount ?? 0;
  const worklogIssue = event.worklog?.issueId === undefined ? undefined : String(event.worklog.issueId);
  const issueId = worklogIssue ?? event.issue?.id;
  if (issueId === undefined) return undefined;
  const isWorklog = event.eventType.endsWith(':worklog');
  if (!isWorklog && event.eventType === 'avi:jira:updated:issue' && !changesFacts(event.changelog?.items ?? [])) return undefined;
  try {
    await markIssueFactsStale(issueId, isWorklog && event.worklog?.started !== undefined ? [event.worklog.started] : []);
    return undefined;
  } catch (error) {
    const retry = retryFor(error, retryCount);
    if (retry === undefined) throw error;
    return new InvocationError(retry);
  }
};
