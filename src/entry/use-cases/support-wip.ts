import { z } from 'zod';

import type { ClassOfService } from '../../contract/triage.values';
import type { JiraTransport } from '../../jira/jira-transport';
import { searchAllAs } from '../../jira/search';
import { readClassesOfService } from '../../storage/issue-classes.store';

export interface InProgressIssue {
  readonly id: string;
  readonly key: string;
  readonly summary: string;
}

const candidateSchema = z.object({ id: z.string(), key: z.string(), fields: z.object({ summary: z.string().optional() }).loose().default({}) }).loose();

/**
 * The issues of the project in an In Progress status whose class of service, as the app stored it,
 * is `classOfService`, oldest first, with `exceptIssueId` left out (the issue being judged).
 *
 * Counting is ONE JQL search (paged by Jira's `nextPageToken`, 100 a page) plus batch reads of app
 * storage (25 a batch, in parallel). The search selects every In Progress issue of the project and
 * does NOT filter on the report property's `classOfService` alias, although that would return only
 * the candidates: the property is a projection that anyone with Edit issues can rewrite or delete,
 * so a filter on it would let a forged value hide an issue from the count (deflate it), and a
 * forged value on another issue would put it in (inflate it). The class each candidate counts
 * under is read from the app's own record (`issue-report`), which only the app writes; an issue
 * without a record has no class and is not counted. The status category is Jira's own field.
 *
 * As of the search index: an issue started a few seconds ago may not be counted yet (Jira's search
 * is eventually consistent), so two people starting at the same moment can both get through.
 * Run as the app by the validator (Jira has checked the transition) and as the viewer by the panel
 * (Jira then counts only issues they may browse).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
 */
export const supportWorkInProgress = async (jira: JiraTransport, projectKey: string, classOfService: ClassOfService, exceptIssueId: string): Promise<InProgressIssue[]> => {
  // The project key was checked against Jira's key pattern by the caller's schema or came from Jira: safe inside quotes.
  const jql = `project = "${projectKey}" AND statusCategory = "In Progress" ORDER BY created ASC`;
  const candidates = (await searchAllAs(jira, candidateSchema, jql, ['summary'])).filter((issue) => issue.id !== exceptIssueId);
  if (candidates.length === 0) return [];
  const classes = await readClassesOfService(candidates.map((issue) => issue.id));
  return candidates.filter((issue) => classes.get(issue.id) === classOfService).map((issue) => ({ id: issue.id, key: issue.key, summary: issue.fields.summary ?? '' }));
};
