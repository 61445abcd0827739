import { z } from 'zod';

import { REPORT_PROPERTY_KEY } from '../contract/report.contract';
import type { JiraTransport } from './jira-transport';
import { reportSearchCopySchema, type ReportSearchCopy } from './report-property';
import { searchAllAs } from './search';

const reportedIssueSchema = z
  .object({
    key: z.string(),
    fields: z.object({ summary: z.string().optional() }).loose().default({}),
    properties: z.object({ [REPORT_PROPERTY_KEY]: reportSearchCopySchema }).loose().optional(),
  })
  .loose();

export interface ReportedIssue {
  readonly key: string;
  readonly summary: string;
  readonly report: ReportSearchCopy;
}

/**
 * The issues a JQL query over the report's search aliases matches (up to `limit`), each with its
 * summary and the report property's search copy. Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
 */
export const searchReportedIssues = async (jira: JiraTransport, jql: string, limit: number): Promise<ReportedIssue[]> =>
  (await searchAllAs(jira, reportedIssueSchema, jql, ['summary'], [REPORT_PROPERTY_KEY], limit)).map((issue) => ({
    key: issue.key,
    summary: issue.fields.summary ?? '',
    report: issue.properties?.[REPORT_PROPERTY_KEY],
  }));
