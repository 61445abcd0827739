import { route } from '@forge/api';
import { z } from 'zod';

import { oldestFirst } from './changelog-order';
import { refusedOptionalFields } from './jira-error';
import { ensureOk, readJson } from './jira-response';
import type { JiraTransport } from './jira-transport';

const person = z.object({ accountId: z.string(), displayName: z.string().default('') }).loose();

const snapshotSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    fields: z
      .object({
        issuetype: z.object({ name: z.string() }).loose(),
        project: z.object({ key: z.string() }).loose(),
        status: z.object({ name: z.string(), statusCategory: z.object({ key: z.string() }).loose().optional() }).loose(),
        priority: z.object({ name: z.string() }).loose().nullable().optional(),
        labels: z.array(z.string()).default([]),
        assignee: person.nullable().optional(),
        reporter: person.nullable().optional(),
        resolution: z.unknown().optional(),
        duedate: z.string().nullable().optional(),
      })
      .loose(),
    changelog: z
      .object({
        histories: z.array(
          z.object({ id: z.string(), author: person.optional(), created: z.string(), items: z.array(z.object({ field: z.string(), toString: z.string().nullable().optional() }).loose()) }).loose(),
        ),
      })
      .loose()
      .optional(),
  })
  .loose();

export interface IssueSnapshot {
  readonly id: string;
  readonly key: string;
  readonly projectKey: string;
  readonly issueType: string;
  readonly status: string;
  /** The status's category key (`new`, `indeterminate` = In Progress, `done`), or null when Jira leaves it out. */
  readonly statusCategory: string | null;
  readonly resolved: boolean;
  readonly priorityName: string | null;
  readonly labels: readonly string[];
  /** Jira's Due date, `YYYY-MM-DD`; null when empty. */
  readonly dueDate: string | null;
  readonly assignee: { readonly accountId: string; readonly displayName: string } | null;
  readonly reporterAccountId: string | null;
  /** Who last moved the issue into each status, newest move wins. */
  readonly lastMovedInto: ReadonlyMap<string, string>;
}

/**
 * Everything the validator and the triggers read about an issue from Jira, in ONE request: fields and
 * the recent changelog (the app's own record of it is in app storage). Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
 */
export const getIssueSnapshot = async (jira: JiraTransport, issueKey: string): Promise<IssueSnapshot> => {
  const response = await jira.request(
    route`/rest/api/3/issue/${issueKey}?fields=issuetype,project,status,priority,labels,assignee,reporter,resolution,duedate&expand=changelog`,
  );
  const issue = await readJson(response, 'GET issue', snapshotSchema);
  const lastMovedInto = new Map<string, string>();
  // Jira embeds these newest first; folded oldest first, the newest move into a status wins.
  for (const history of oldestFirst(issue.changelog?.histories ?? [])) {
    for (const item of history.items) {
      if (item.field === 'status' && typeof item.toString === 'string' && history.author !== undefined) lastMovedInto.set(item.toString, history.author.accountId);
    }
  }
  const assignee = issue.fields.assignee;
  return {
    id: issue.id,
    key: issue.key,
    projectKey: issue.fields.project.key,
    issueType: issue.fields.issuetype.name,
    status: issue.fields.status.name,
    statusCategory: issue.fields.status.statusCategory?.key ?? null,
    resolved: issue.fields.status.statusCategory?.key === 'done' || (issue.fields.resolution !== null && issue.fields.resolution !== undefined),
    priorityName: issue.fields.priority?.name ?? null,
    labels: issue.fields.labels,
    dueDate: issue.fields.duedate ?? null,
    assignee: assignee === null || assignee === undefined ? null : { accountId: assignee.accountId, displayName: assignee.displayName },
    reporterAccountId: issue.fields.reporter?.accountId ?? null,
    lastMovedInto,
  };
};

/**
 * Sets priority, labels and the Due date in one edit (Jira records one changelog entry and sends
 * one event). A field the issue's edit screen does not hold (an OPS incident without Priority, a
 * project that leaves Due date off) is refused by Jira with a 400 keyed by its id and nothing is
 * changed; the edit is then sent again without it, so the rest still applies, and the refused
 * fields are returned for the caller to report. Asking `editmeta` first would cost a request on
 * every decision to learn what this one tells. Scope: write:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put
 */
export const updatePriorityAndLabels = async (
  jira: JiraTransport,
  issueKey: string,
  change: { readonly priority: string | null; readonly addLabels: readonly string[]; readonly removeLabels: readonly string[]; readonly dueDate?: string | null },
): Promise<{ readonly refused: ReadonlyArray<{ readonly field: PolicyField; readonly message: string }> }> => {
  const edit: { fields: { priority?: { name: string }; duedate?: string }; update: { labels?: Array<{ add: string } | { remove: string }> } } = {
    fields: { ...(change.priority === null ? {} : { priority: { name: change.priority } }), ...(change.dueDate == null ? {} : { duedate: change.dueDate }) },
    update: change.addLabels.length + change.removeLabels.length === 0 ? {} : { labels: [...change.addLabels.map((label) => ({ add: label })), ...change.removeLabels.map((label) => ({ remove: label }))] },
  };
  const refused: Array<{ field: PolicyField; message: string }> = [];
  while (edit.fields.priority !== undefined || edit.fields.duedate !== undefined || edit.update.labels !== undefined) {
    const response = await jira.request(route`/rest/api/3/issue/${issueKey}`, {
      method: 'PUT',
      body: JSON.stringify(edit),
      headers: { 'Content-Type': 'application/json' },
    });
    try {
      await ensureOk(response, 'PUT issue');
      break;
    } catch (error) {
      const refusals = refusedOptionalFields(error, [...Object.keys(edit.fields), ...Object.keys(edit.update)]);
      if (refusals === null) throw error;
      for (const field of POLICY_FIELDS) {
        const message = refusals[field];
        if (message === undefined) continue;
        refused.push({ field, message });
        if (field === 'labels') delete edit.update.labels;
        else if (field === 'priority') delete edit.fields.priority;
        else delete edit.fields.duedate;
      }
    }
  }
  return { refused };
};

type PolicyField = 'priority' | 'labels' | 'duedate';
const POLICY_FIELDS: readonly PolicyField[] = ['priority', 'labels', 'duedate'];
