import { z } from 'zod';

import { REPORT_PROPERTY_KEY } from '../contract/report.contract';
import type { JiraTransport } from './jira-transport';
import { reportSearchCopySchema, type ReportSearchCopy } from './report-property';
import { searchAllAs } from './search';

/**
 * How many worklogs Jira embeds in an issue's `worklog` field; `total` says how many there are.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-worklogs/#api-rest-api-3-issue-issueidorkey-worklog-get
 */
export const EMBEDDED_WORKLOGS = 20;

const sprintIssueSchema = z
  .object({
    key: z.string(),
    fields: z
      .object({
        summary: z.string().optional(),
        issuetype: z.object({ name: z.string().optional(), subtask: z.boolean().optional() }).loose().optional(),
        labels: z.array(z.string()).optional(),
        parent: z.object({ key: z.string() }).loose().optional(),
        worklog: z
          .object({ total: z.number().optional(), worklogs: z.array(z.object({ started: z.string(), timeSpentSeconds: z.number() }).loose()).optional() })
          .loose()
          .optional(),
      })
      .loose()
      .default({}),
    properties: z.object({ [REPORT_PROPERTY_KEY]: reportSearchCopySchema }).loose().optional(),
  })
  .loose();

export interface SprintIssueRow {
  readonly key: string;
  readonly summary: string;
  readonly issueType: string;
  readonly isSubtask: boolean;
  readonly parentKey: string | null;
  readonly labels: readonly string[];
  /** The estimation field's value, when the board estimates in a number field. */
  readonly storyPoints: number | null;
  /** The worklogs Jira embedded (at most `EMBEDDED_WORKLOGS`) and how many the issue has in all. */
  readonly worklogs: ReadonlyArray<{ readonly started: string; readonly seconds: number }>;
  readonly worklogTotal: number;
  readonly report: ReportSearchCopy;
}

/**
 * Every issue of a sprint the caller may browse (up to 10,000, in ⌈N/100⌉ pages) with what the
 * capacity measures need: type, labels, parent, the estimate, the embedded worklogs when asked for,
 * and the report property's search copy. Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
 */
export const searchSprintIssues = async (jira: JiraTransport, sprintId: number, options: { readonly pointsField: string | null; readonly worklogs: boolean }): Promise<SprintIssueRow[]> => {
  const { pointsField } = options;
  const fields = ['summary', 'issuetype', 'labels', 'parent', ...(options.worklogs ? ['worklog'] : []), ...(pointsField === null ? [] : [pointsField])];
  const found = await searchAllAs(jira, sprintIssueSchema, `sprint = ${String(sprintId)} ORDER BY key ASC`, fields, [REPORT_PROPERTY_KEY], 10_000);
  return found.map((issue) => {
    const f = issue.fields;
    // The estimation field is a custom field named at run time; anything but a number is no estimate.
    const points = pointsField === null ? undefined : (f as Record<string, unknown>)[pointsField];
    const worklogs = f.worklog?.worklogs ?? [];
    return {
      key: issue.key,
      summary: f.summary ?? '',
      issueType: f.issuetype?.name ?? '',
      isSubtask: f.issuetype?.subtask === true,
      parentKey: f.parent?.key ?? null,
      labels: f.labels ?? [],
      storyPoints: typeof points === 'number' ? points : null,
      worklogs: worklogs.map((worklog) => ({ started: worklog.started, seconds: worklog.timeSpentSeconds })),
      worklogTotal: f.worklog?.total ?? 0,
      report: issue.properties?.[REPORT_PROPERTY_KEY],
    };
  });
};
