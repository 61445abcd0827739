import { route } from '@forge/api';
import { z } from 'zod';

import { adfToText } from '../contract/adf';
import type { IncidentHistory } from '../domain/postmortem/timeline';
import { oldestFirst } from './changelog-order';
import { readJson } from './jira-response';
import type { JiraTransport } from './jira-transport';

const person = z.object({ accountId: z.string(), displayName: z.string().default(''), accountType: z.string().optional() }).loose();

const historySchema = z
  .object({
    key: z.string(),
    fields: z
      .object({
        summary: z.string().default(''),
        created: z.string(),
        reporter: person.nullable().optional(),
        comment: z.object({ comments: z.array(z.object({ id: z.string(), created: z.string(), author: person.optional(), body: z.unknown() }).loose()) }).loose().optional(),
        worklog: z.object({ worklogs: z.array(z.object({ id: z.string(), started: z.string(), timeSpentSeconds: z.number(), author: person.optional() }).loose()) }).loose().optional(),
        issuelinks: z
          .array(z.object({ id: z.string(), type: z.object({ inward: z.string(), outward: z.string() }).loose(), inwardIssue: z.object({ key: z.string() }).loose().optional(), outwardIssue: z.object({ key: z.string() }).loose().optional() }).loose())
          .default([]),
      })
      .loose(),
    changelog: z
      .object({ histories: z.array(z.object({ id: z.string(), created: z.string(), author: person.optional(), items: z.array(z.object({ field: z.string(), fromString: z.string().nullable().optional(), toString: z.string().nullable().optional() }).loose()) }).loose()) })
      .loose()
      .optional(),
  })
  .loose();

/** Jira writes `2026-11-20T14:12:00.000+0000`; the postmortem stores ISO-8601 instants. */
const toIso = (jiraTime: string): string => {
  const parsed = Date.parse(jiraTime.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isNaN(parsed) ? jiraTime : new Date(parsed).toISOString();
};

/**
 * One incident's history for the postmortem timeline, in ONE request: the changelog (Jira embeds
 * the latest 100 entries with expand=changelog), comments, worklogs and links. Also collects the
 * display names it sees, so the page can show names without the read:jira-user scope.
 * Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
 */
export const getIncidentHistory = async (
  jira: JiraTransport,
  issueKey: string,
): Promise<{ history: IncidentHistory; summary: string; names: Record<string, string>; people: ReadonlySet<string> }> => {
  const response = await jira.request(route`/rest/api/3/issue/${issueKey}?fields=summary,created,reporter,comment,worklog,issuelinks&expand=changelog`);
  const issue = await readJson(response, 'GET issue', historySchema);
  const names: Record<string, string> = {};
  // People, as opposed to apps (Firebreak's own comments have an author too): only people can own work.
  const people = new Set<string>();
  const remember = (who: z.infer<typeof person> | null | undefined): string => {
    if (who === null || who === undefined) return 'unknown';
    if (who.displayName !== '') names[who.accountId] = who.displayName;
    if ((who.accountType ?? 'atlassian') === 'atlassian') people.add(who.accountId);
    return who.accountId;
  };
  const history: IncidentHistory = {
    issueKey: issue.key,
    created: toIso(issue.fields.created),
    reporter: remember(issue.fields.reporter),
    // Jira embeds these newest first; the postmortem timeline reads them oldest first.
    changes: oldestFirst(issue.changelog?.histories ?? []).map((change) => ({
      id: change.id,
      at: toIso(change.created),
      author: remember(change.author),
      items: change.items.map((item) => ({ field: item.field, from: item.fromString ?? null, to: item.toString ?? null })),
    })),
    comments: (issue.fields.comment?.comments ?? []).map((comment) => ({ id: comment.id, at: toIso(comment.created), author: remember(comment.author), text: adfToText(comment.body) })),
    worklogs: (issue.fields.worklog?.worklogs ?? []).map((worklog) => ({ id: worklog.id, at: toIso(worklog.started), author: remember(worklog.author), seconds: worklog.timeSpentSeconds })),
    // Jira's issue links carry no creation time: the timeline dates a link by its changelog entry
    // and shows the ones without one (made before the embedded 100 entries, or by an import) as undated.
    // An `inwardIssue` reads "this issue <inward> X", an `outwardIssue` "this issue <outward> X".
    // @see https://developer.atlassian.com/cloud/jira/platform/issue-linking-model/
    links: issue.fields.issuelinks.flatMap((link) => {
      const other = link.inwardIssue ?? link.outwardIssue;
      if (other === undefined) return [];
      const phrase = link.inwardIssue === undefined ? link.type.outward : link.type.inward;
      return [{ id: link.id, at: null, otherKey: other.key, description: `This issue ${phrase} ${other.key}` }];
    }),
  };
  return { history, summary: issue.fields.summary, names, people };
};
