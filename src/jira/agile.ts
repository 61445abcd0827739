import { route } from '@forge/api';
import { z } from 'zod';

import { readJson } from './jira-response';
import type { JiraResponse, JiraTransport } from './jira-transport';

const boardSchema = z
  .object({ id: z.number(), name: z.string(), type: z.string(), location: z.object({ projectKey: z.string().optional() }).loose().optional() })
  .loose();

export interface Board {
  readonly id: number;
  readonly name: string;
  readonly type: string;
  readonly projectKey: string | null;
}

const toBoard = (board: z.infer<typeof boardSchema>): Board => ({ id: board.id, name: board.name, type: board.type, projectKey: board.location?.projectKey ?? null });

/**
 * One board, as the caller may see it (404 otherwise). Scope: read:board-scope:jira-software.
 * @see https://developer.atlassian.com/cloud/jira/software/rest/api-group-board/#api-rest-agile-1-0-board-boardid-get
 */
export const getBoard = async (jira: JiraTransport, boardId: number): Promise<Board> =>
  toBoard(await readJson(await jira.request(route`/rest/agile/1.0/board/${String(boardId)}`), 'GET board', boardSchema));

/** Follows Agile offset paging to the end, reading back the page size Jira actually served. */
const allPages = async <T>(item: z.ZodType<T>, operation: string, fetchPage: (startAt: number) => Promise<JiraResponse>): Promise<T[]> => {
  const pageSchema = z.object({ startAt: z.number().default(0), isLast: z.boolean().optional(), total: z.number().optional(), values: z.array(item) }).loose();
  const values: T[] = [];
  for (let startAt = 0; ; ) {
    const page = await readJson(await fetchPage(startAt), operation, pageSchema);
    values.push(...(page.values));
    const done = page.isLast ?? (page.total === undefined || values.length >= page.total);
    if (done || page.values.length === 0) return values;
    startAt = page.startAt + page.values.length;
  }
};

/** Boards the caller can see. @see https://developer.atlassian.com/cloud/jira/software/rest/api-group-board/#api-rest-agile-1-0-board-get */
export const listBoards = async (jira: JiraTransport): Promise<Board[]> =>
  (await allPages(boardSchema, 'GET boards', (startAt) => jira.request(route`/rest/agile/1.0/board?startAt=${String(startAt)}&maxResults=50`))).map(toBoard);

const configurationSchema = z.object({ estimation: z.object({ field: z.object({ fieldId: z.string() }).loose().optional() }).loose().optional() }).loose();

/**
 * The board's estimation field (story points live under a different custom field id on every
 * site: never hard-code it). Scope: read:board-scope.admin:jira-software.
 * @see https://developer.atlassian.com/cloud/jira/software/rest/api-group-board/#api-rest-agile-1-0-board-boardid-configuration-get
 */
export const getEstimationField = async (jira: JiraTransport, boardId: number): Promise<string | null> =>
  (await readJson(await jira.request(route`/rest/agile/1.0/board/${String(boardId)}/configuration`), 'GET board configuration', configurationSchema)).estimation?.field?.fieldId ?? null;

const sprintSchema = z
  .object({ id: z.number(), name: z.string(), state: z.string(), startDate: z.string().optional(), endDate: z.string().optional(), completeDate: z.string().optional() })
  .loose();
export type AgileSprint = z.infer<typeof sprintSchema>;

export type SprintState = 'active' | 'closed' | 'future';

/**
 * The board's sprints in the given states (active and closed unless told). Jira answers 400 "The
 * board does not support sprints" for a Kanban board: ask only of Scrum boards.
 * @see https://developer.atlassian.com/cloud/jira/software/rest/api-group-board/#api-rest-agile-1-0-board-boardid-sprint-get
 */
export const listSprints = async (jira: JiraTransport, boardId: number, states: readonly SprintState[] = ['active', 'closed']): Promise<AgileSprint[]> =>
  allPages(sprintSchema, 'GET sprints', (startAt) => jira.request(route`/rest/agile/1.0/board/${String(boardId)}/sprint?state=${states.join(',')}&startAt=${String(startAt)}&maxResults=50`));

const worklogPageSchema = z.object({ startAt: z.number(), total: z.number(), worklogs: z.array(z.object({ started: z.string(), timeSpentSeconds: z.number() }).loose()) }).loose();

/**
 * Worklogs of one issue started inside a window, for issues whose embedded list (20 at most) is
 * truncated. Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-worklogs/#api-rest-api-3-issue-issueidorkey-worklog-get
 */
export const getWorklogsInWindow = async (jira: JiraTransport, issueKey: string, startMs: number, endMs: number): Promise<Array<{ started: string; seconds: number }>> => {
  const worklogs: Array<{ started: string; seconds: number }> = [];
  for (let startAt = 0; ; ) {
    const page = await readJson(
      await jira.request(route`/rest/api/3/issue/${issueKey}/worklog?startedAfter=${String(startMs)}&startedBefore=${String(endMs)}&startAt=${String(startAt)}&maxResults=5000`),
      'GET worklogs',
      worklogPageSchema,
    );
    worklogs.push(...page.worklogs.map((worklog) => ({ started: worklog.started, seconds: worklog.timeSpentSeconds })));
    startAt = page.startAt + page.worklogs.length;
    if (page.worklogs.length === 0 || startAt >= page.total) return worklogs;
  }
};
