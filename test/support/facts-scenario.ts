import { readFileSync } from 'node:fs';

import { MINIMAL_SCENARIO_PATH, type ScenarioInput } from '../../sandbox/jira';
import { generateStoredReport } from '../../src/domain/report/testing/report.factory';
import type { FactsRequest } from '../../src/entry/use-cases/capacity/sprint-facts-source';
import type { SprintWindow } from '../../src/domain/capacity/capacity';
import type { HandlerContext } from '../../src/entry/resolvers/resolver-definition';
import { forgeJiraClients } from '../../src/jira/forge-transport';
import type { Sandbox } from '../../sandbox/sandbox';
import { jiraCall } from './jira-helpers';

export const HOUR = 3600;
export const DEVON = 'acc-devon-oncall'; // browses SHOP and OPS
export const RITA = 'acc-rita-support'; // browses SHOP only
export const SAM = 'acc-sam-scrum'; // logs work, not on the team
export const APP_MODULE = 'capacity-gadget';

/**
 * Sprint 1 of board 1 (SHOP), closed, 2 Nov 09:00 – 13 Nov 09:00 as written (the sandbox moves every
 * date so the scenario's "now", 20 Nov, is the moment it loads). By hand:
 *   SHOP-1 story    in sprints 1 and 2   Devon 10 Nov 2 h (in), 17 Nov 1 h (sprint 2)
 *   SHOP-2 bug      in sprint 1, resolved 12 Nov; the app's record: critical, incident, emergency
 *   SHOP-3 story    in sprints 1 and 2    Devon 25 × 30 min 3–11 Nov (in; more than Jira embeds), 14 Nov 1 h (out)
 *   SHOP-5 story    in sprint 1           no record, but a FORGED property saying "incident, critical"
 *   OPS-1  task     in sprint 1           Devon 5 Nov 1 h
 *   OPS-2  incident no sprint             Devon 6 Nov 3 h, Sam 6 Nov 2 h, Devon 20 Nov 1 h
 *   SHOP-4 story    no sprint             Rita 4 Nov 1 h
 * Team (worklog authors on the sprint's issues, in the window): Devon.
 * Unplanned: OPS-2 with Devon's 3 h only (Sam is not on the team; 20 Nov is outside). SHOP-4: only
 * Rita worked on it, who is not on the team. Rita cannot browse OPS: she sees neither OPS issue.
 */
export const factsScenario = (): ScenarioInput => {
  const base = JSON.parse(readFileSync(MINIMAL_SCENARIO_PATH, 'utf8')) as ScenarioInput & { issues: Array<Record<string, unknown>>; projects: Array<Record<string, unknown>>; users: Array<Record<string, unknown>> };
  const template = base.issues[0] as Record<string, unknown>;
  const shop = base.projects[0] as Record<string, unknown>;
  const issue = (key: string, id: string, issueTypeId: string, extra: Record<string, unknown>) => ({
    ...template, id, key, issueTypeId, summary: `${key} summary`, changelog: [], comments: [], labels: [], customFields: {}, properties: {}, worklogs: [], sprintIds: [], ...extra,
  });
  let next = 50_000;
  const worklog = (author: string, started: string, seconds: number) => ({ id: String(++next), author, started, timeSpentSeconds: seconds });
  const halfHours = Array.from({ length: 25 }, (_, index) => worklog(DEVON, `2026-11-${String(3 + (index % 9)).padStart(2, '0')}T10:00:00+00:00`, HOUR / 2));
  const users = base.users.map((user) => (user['accountId'] === DEVON ? { ...user, projectPermissions: { SHOP: ['browse', 'edit', 'administer'], OPS: ['browse', 'edit', 'administer'] } } : user));
  return {
    ...base,
    name: 'capacity-facts',
    projects: [...base.projects, { ...shop, id: '10001', key: 'OPS', name: 'Operations', roleActors: {} }],
    users: [...users, { ...users.find((user) => user['accountId'] === DEVON), accountId: SAM, displayName: 'Sam Okafor', role: 'Scrum master' }],
    issueLinks: [],
    issues: [
      issue('SHOP-1', '20001', '10001', { sprintIds: [1, 2], worklogs: [worklog(DEVON, '2026-11-10T09:00:00+00:00', 2 * HOUR), worklog(DEVON, '2026-11-17T09:00:00+00:00', HOUR)] }),
      issue('SHOP-2', '20002', '10002', { sprintIds: [1], resolutionId: '10000', resolutiondate: '2026-11-12T15:00:00+00:00' }),
      issue('SHOP-3', '20003', '10001', { sprintIds: [1, 2], customFields: { customfield_10042: 5 }, worklogs: [...halfHours, worklog(DEVON, '2026-11-14T09:00:00+00:00', HOUR)] }),
      issue('SHOP-4', '20004', '10001', { worklogs: [worklog(RITA, '2026-11-04T09:00:00+00:00', HOUR)] }),
      issue('SHOP-5', '20005', '10001', { sprintIds: [1], properties: { 'firebreak-report': { search: { decidedSeverity: 'critical', kind: 'incident', classOfService: 'emergency', ready: 'yes', waitingForReporter: 'no' } } } }),
      issue('OPS-1', '20011', '10003', { sprintIds: [1], worklogs: [worklog(DEVON, '2026-11-05T09:00:00+00:00', HOUR)] }),
      issue('OPS-2', '20012', '10005', { worklogs: [worklog(DEVON, '2026-11-06T09:00:00+00:00', 3 * HOUR), worklog(SAM, '2026-11-06T11:00:00+00:00', 2 * HOUR), worklog(DEVON, '2026-11-20T09:00:00+00:00', HOUR)] }),
    ],
  } as unknown as ScenarioInput;
};

/** Writes the app's own record of an issue, as a save through the report panel leaves it. */
export const seedAppRecord = async (sandbox: Sandbox, issueId: string, issueKey: string, search: { decidedSeverity?: string; kind?: string; classOfService?: string }): Promise<void> => {
  const document = generateStoredReport({ search: { ready: 'yes', waitingForReporter: 'no', ...search } });
  const value = { issueKey, projectKey: issueKey.split('-')[0], version: document.revision, updatedAt: document.updatedAt, document };
  const response = await sandbox.kvs.handle('/api/v1/entity/set', { method: 'POST', body: JSON.stringify({ entityName: 'issue-report', key: issueId, value }) });
  if (!response.ok) throw new Error(`seeding ${issueKey}: ${String(response.status)} ${await response.text()}`);
};

/** The board's sprints as Jira has them now (the sandbox moved the scenario's dates). */
export const sprintWindows = async (sandbox: Sandbox): Promise<Map<number, SprintWindow>> => {
  const answer = await jiraCall<{ values: Array<{ id: number; name: string; state: string; startDate: string; endDate: string; completeDate?: string }> }>(sandbox, 'app', 'GET', '/rest/agile/1.0/board/1/sprint?state=active,closed');
  return new Map(
    answer.body.values.map((sprint) => [
      sprint.id,
      { id: sprint.id, name: sprint.name, start: sprint.startDate, end: sprint.completeDate ?? sprint.endDate, state: sprint.state === 'closed' ? 'closed' : 'active' } satisfies SprintWindow,
    ]),
  );
};

export const BOARD = { id: 1, name: 'SHOP board', type: 'scrum', projectKey: 'SHOP' } as const;

/**
 * Runs `work` inside a Forge invocation of the capacity gadget as `accountId`, with the handler
 * context a resolver gets (the runtime's private `run`: the same path `invokeUi` takes).
 */
export const asViewer = <T>(sandbox: Sandbox, accountId: string, work: (handler: HandlerContext) => Promise<T>): Promise<T> => {
  const runtime = sandbox.runtime as unknown as { run<R>(moduleKey: string, accountId: string | undefined, work: () => Promise<R>): Promise<R> };
  return runtime.run(APP_MODULE, accountId, () => work({ access: { accountId, granted: new Set() }, jira: forgeJiraClients(), now: () => new Date() }));
};

export const requestFor = (window: SprintWindow, extra: Partial<FactsRequest> = {}): FactsRequest => ({ board: BOARD, window, pointsField: 'customfield_10042', jql: null, ...extra });
